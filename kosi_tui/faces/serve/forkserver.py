"""The forkserver: one process that has imported kosi and Textual forks a ready app per session.

A new Python process per browser tab spends about a second importing before it draws anything,
and twenty of them at once share two cores. A fork starts from the imported state in
milliseconds, and the children share the imported code's memory until they write to it.

Protocol on a Unix socket, one connection per session: the server sends a JSON object (the
environment to add) with three file descriptors (the app's stdin, stdout and stderr) by
SCM_RIGHTS; the forkserver answers the child's pid on a line, and later `exit CODE` on a line
when the child has ended, then closes the connection.

Run as `python -m kosi_tui.faces.serve.forkserver SOCKET SERVER_PID LANG [WORKSHOP]`; it
prints `ready` when it accepts sessions.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import selectors
import signal
import socket
import sys
import time
from pathlib import Path

from kosi_tui.faces.serve.orphans import end_with_parent

KILL: signal.Signals = getattr(signal, "SIGKILL", signal.SIGTERM)
"""The forkserver runs only where fork exists (and SIGKILL with it); named so, it imports anywhere."""

END_GRACE = 5.0
"""Seconds the children have to save and exit when the forkserver is told to stop."""


def preload(lang: str) -> None:
    """Everything a session does before its first screen that can be done once for all.

    Imports, and one headless run of the app to its home screen: that imports what is imported
    on the way and fills Textual's class-level caches, which every child then inherits instead of
    repeating. Parsed styles are not among them: Textual keeps those per app (and offers no way
    to share them), so each child parses its styles again.
    """
    import threading

    import textual.drivers.web_driver  # noqa: F401
    from textual.pilot import Pilot

    import kosi_tui.faces.tui.screens.fill
    import kosi_tui.storage.canvas_file  # noqa: F401
    from kosi_tui.faces.tui.app import KosiApp

    async def leave(pilot: Pilot[object]) -> None:
        await pilot.pause()
        pilot.app.exit()

    warm = KosiApp(lang)
    warm.run(headless=True, size=(100, 30), auto_pilot=leave)
    # Forking is safe only without other threads: the headless run must have ended all of its.
    if threading.active_count() != 1:
        raise RuntimeError("threads left after the warm-up run")
    # What is loaded now lives as long as the forkserver: kept out of the children's garbage
    # collections, which would otherwise walk it (time) and touch its pages (copied memory).
    gc.collect()
    gc.freeze()


def run_child(fds: list[int], env: dict[str, str], lang: str, workshop: str | None) -> None:
    """In the forked child: take the session's pipes as stdin/stdout/stderr, run the app, exit."""
    code = 1
    try:
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        os.environ.update(env)
        from kosi_tui.faces.tui.run import run_app

        code = run_app(lang, Path(workshop) if workshop else None)
    except KeyboardInterrupt:
        code = 130
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


class ForkServer:
    """Accepts sessions, forks, reports each child's end; ends its children when told to stop."""

    def __init__(self, listener: socket.socket, lang: str, workshop: str | None) -> None:
        self.listener = listener
        self.lang, self.workshop = lang, workshop
        self.children: dict[int, socket.socket] = {}
        """Each live child and the connection its end is reported on."""
        self.wake_r, self.wake_w = os.pipe()
        os.set_blocking(self.wake_r, False)
        os.set_blocking(self.wake_w, False)
        self.stopping = False

    def serve(self) -> None:
        """Runs until SIGTERM (or the server's death, which sends one)."""
        signal.set_wakeup_fd(self.wake_w)
        signal.signal(signal.SIGCHLD, lambda *_: None)
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGHUP, self._stop)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server decides when sessions end
        selector = selectors.DefaultSelector()
        selector.register(self.listener, selectors.EVENT_READ)
        selector.register(self.wake_r, selectors.EVENT_READ)
        while not self.stopping:
            for key, _ in selector.select():
                if key.fileobj is self.listener:
                    self._accept()
                else:
                    self._drain_wakeups()
                    self._reap()
        self._end_children()

    def _stop(self, *_: object) -> None:
        self.stopping = True

    def _drain_wakeups(self) -> None:
        try:
            while os.read(self.wake_r, 512):
                pass
        except BlockingIOError:
            pass

    def _accept(self) -> None:
        try:
            conn, _ = self.listener.accept()
        except BlockingIOError:
            return
        try:
            message, fds, _, _ = socket.recv_fds(conn, 65536, 3)
        except OSError:
            conn.close()
            return
        if len(fds) != 3:
            for fd in fds:
                os.close(fd)
            conn.close()
            return
        env = {str(k): str(v) for k, v in json.loads(message or b"{}").items()}
        sys.stdout.flush()
        sys.stderr.flush()
        me = os.getpid()
        pid = os.fork()
        if pid == 0:
            self._become_child(conn, me)
            run_child(fds, env, self.lang, self.workshop)
        for fd in fds:
            os.close(fd)
        self.children[pid] = conn
        self._tell(conn, f"{pid}\n")

    def _become_child(self, conn: socket.socket, parent: int) -> None:
        """Drops what belongs to the forkserver, so the child holds only its own pipes."""
        signal.set_wakeup_fd(-1)
        for sig in (signal.SIGCHLD, signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
            signal.signal(sig, signal.SIG_DFL)
        self.listener.close()
        conn.close()
        for other in self.children.values():
            other.close()
        os.close(self.wake_r)
        os.close(self.wake_w)
        end_with_parent(parent)

    @staticmethod
    def _tell(conn: socket.socket, line: str) -> None:
        # The server may have given up on this session; the child is reaped all the same.
        with contextlib.suppress(OSError):
            conn.sendall(line.encode())

    def _reap(self) -> None:
        while self.children:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            conn = self.children.pop(pid, None)
            if conn is not None:
                self._tell(conn, f"exit {os.waitstatus_to_exitcode(status)}\n")
                conn.close()

    def _end_children(self) -> None:
        """SIGTERM (the apps save and exit), then SIGKILL for any that hang; all reaped."""
        for pid in self.children:
            _kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + END_GRACE
        while self.children and time.monotonic() < deadline:
            self._reap()
            if self.children:
                time.sleep(
                    0.05
                )  # children exit on their own schedule; SIGCHLD is not waited on here
        for pid in self.children:
            _kill(pid, KILL)
        while self.children:
            pid, status = os.waitpid(-1, 0)
            conn = self.children.pop(pid, None)
            if conn is not None:
                self._tell(conn, f"exit {os.waitstatus_to_exitcode(status)}\n")
                conn.close()


def _kill(pid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, sig)


def main(argv: list[str]) -> int:
    """Entry point: binds the socket, preloads, says ready, serves."""
    socket_path, server_pid, lang = argv[0], int(argv[1]), argv[2]
    workshop = argv[3] if len(argv) > 3 else None
    end_with_parent(server_pid)
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    preload(lang)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(socket_path)
    os.chmod(socket_path, 0o600)
    listener.listen(128)
    listener.setblocking(False)
    print("ready", flush=True)
    ForkServer(listener, lang, str(Path(workshop).resolve()) if workshop else None).serve()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
