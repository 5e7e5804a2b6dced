"""Starting a session's app process: forked by the forkserver, or spawned where fork is missing."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import sys
import tempfile
from pathlib import Path
from typing import Protocol

KILL: signal.Signals = getattr(signal, "SIGKILL", signal.SIGTERM)
"""SIGKILL; Windows has none (its processes are ended by `Popen.kill`, not by a signal)."""


class AppProcess(Protocol):
    """One session's app: its pipes, and how to signal it and wait for its end."""

    pid: int
    stdin: asyncio.StreamWriter
    stdout: asyncio.StreamReader
    stderr: asyncio.StreamReader

    def send_signal(self, sig: signal.Signals) -> None:
        """Sends `sig` unless the process has already ended."""

    def kill(self) -> None:
        """Ends the process at once (SIGKILL; TerminateProcess on Windows) unless it has ended."""

    async def wait(self) -> int:
        """Its exit code, once it has ended."""


class Launcher(Protocol):
    """Starts app processes for one server; `close` ends them all."""

    async def start(self) -> None:
        """Gets ready to launch (may take a while)."""

    async def launch(self, env: dict[str, str]) -> AppProcess:
        """A running app with `env` added to its environment."""

    async def close(self) -> None:
        """Ends every app still running and whatever helps launching them."""


def app_argv(lang: str, workshop: Path | None) -> list[str]:
    """The command line of one app session."""
    argv = [sys.executable, "-m", "kosi_tui", "--lang", lang, "app"]
    return argv + (["--workshop", str(workshop.resolve())] if workshop is not None else [])


async def _reader(fd: int) -> asyncio.StreamReader:
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=2**20)
    await loop.connect_read_pipe(
        lambda: asyncio.StreamReaderProtocol(reader), os.fdopen(fd, "rb", 0)
    )
    return reader


async def _writer(fd: int) -> asyncio.StreamWriter:
    loop = asyncio.get_running_loop()
    transport, protocol = await loop.connect_write_pipe(
        asyncio.streams.FlowControlMixin, os.fdopen(fd, "wb", 0)
    )
    return asyncio.StreamWriter(transport, protocol, None, loop)


class ForkedApp:
    """An app forked by the forkserver; its end is read from the forkserver's connection."""

    def __init__(
        self,
        pid: int,
        notices: asyncio.StreamReader,
        connection: asyncio.StreamWriter,
        stdin: asyncio.StreamWriter,
        stdout: asyncio.StreamReader,
        stderr: asyncio.StreamReader,
    ) -> None:
        self.pid = pid
        self.stdin, self.stdout, self.stderr = stdin, stdout, stderr
        self._notices, self._connection = notices, connection
        self._ended: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        self.watching = asyncio.create_task(self._watch_end())
        """Waits for the forkserver to report the end."""

    async def _watch_end(self) -> None:
        line = await self._notices.readline()
        code = int(line.split()[1]) if line.startswith(b"exit ") else -1
        self._connection.close()
        if not self._ended.done():
            self._ended.set_result(code)

    def send_signal(self, sig: signal.Signals) -> None:
        # Until the forkserver reports the end it has not reaped the child, so the pid is still
        # this child's and cannot belong to another process.
        if not self._ended.done():
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, sig)

    def kill(self) -> None:
        # Forked children exist only where fork does, and SIGKILL with it.
        self.send_signal(KILL)

    async def wait(self) -> int:
        return await asyncio.shield(self._ended)


class ForkLauncher:
    """Runs the forkserver beside the server and asks it for a child per session."""

    def __init__(self, lang: str, workshop: Path | None, env: dict[str, str]) -> None:
        self.lang, self.workshop, self.env = lang, workshop, env
        self._folder = Path(tempfile.mkdtemp(prefix="kosi-serve-"))
        self.socket_path = self._folder / "forkserver.sock"
        self.process: asyncio.subprocess.Process | None = None
        self.children: set[ForkedApp] = set()

    async def start(self) -> None:
        argv = [sys.executable, "-m", "kosi_tui.faces.serve.forkserver", str(self.socket_path)]
        argv += [str(os.getpid()), self.lang]
        if self.workshop is not None:
            argv.append(str(self.workshop.resolve()))
        # Its own session: Ctrl+C in the trainer's terminal reaches the server, which then ends
        # the sessions in order, saving each.
        self.process = await asyncio.create_subprocess_exec(
            *argv,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            env={**os.environ, **self.env},
            start_new_session=True,
        )
        assert self.process.stdout is not None
        line = await asyncio.wait_for(self.process.stdout.readline(), 120)
        if line.strip() != b"ready":
            raise RuntimeError("the kosi forkserver did not start")

    async def launch(self, env: dict[str, str]) -> AppProcess:
        ends = [os.pipe(), os.pipe(), os.pipe()]  # (read, write) each; not inheritable
        child_fds = [ends[0][0], ends[1][1], ends[2][1]]
        own_fds = [ends[0][1], ends[1][0], ends[2][0]]
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.setblocking(False)
            loop = asyncio.get_running_loop()
            await loop.sock_connect(sock, str(self.socket_path))
            sock.setblocking(True)  # a few hundred bytes into an empty local socket: no wait
            socket.send_fds(sock, [json.dumps(env).encode()], child_fds)
            sock.setblocking(False)
        except BaseException:
            sock.close()
            for fd in own_fds:
                os.close(fd)
            raise
        finally:
            for fd in child_fds:
                with contextlib.suppress(OSError):
                    os.close(fd)
        notices, connection = await asyncio.open_unix_connection(sock=sock)
        line = await notices.readline()
        stdin = await _writer(own_fds[0])
        stdout, stderr = await _reader(own_fds[1]), await _reader(own_fds[2])
        if not line.strip().isdigit():
            connection.close()
            stdin.close()
            raise RuntimeError("the kosi forkserver could not start a session")
        app = ForkedApp(int(line), notices, connection, stdin, stdout, stderr)
        self.children.add(app)
        app.watching.add_done_callback(lambda _: self.children.discard(app))
        return app

    async def close(self) -> None:
        process = self.process
        if process is not None and process.returncode is None:
            # The forkserver ends its children (SIGTERM, then SIGKILL) before it exits itself.
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), 15)
            except TimeoutError:
                process.kill()
                await process.wait()
        with contextlib.suppress(OSError):
            self.socket_path.unlink()
        with contextlib.suppress(OSError):
            self._folder.rmdir()


class SpawnedApp:
    """An app in a new Python process: where there is no fork (Windows), or to compare."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        assert process.stdin and process.stdout and process.stderr
        self.process = process
        self.pid = process.pid
        self.stdin, self.stdout, self.stderr = process.stdin, process.stdout, process.stderr

    def send_signal(self, sig: signal.Signals) -> None:
        if self.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.process.send_signal(sig)

    def kill(self) -> None:
        if self.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.process.kill()

    async def wait(self) -> int:
        return await self.process.wait()


class SpawnLauncher:
    """A new process per session, as textual-serve does, but without a shell in between."""

    def __init__(self, lang: str, workshop: Path | None, env: dict[str, str]) -> None:
        self.argv = app_argv(lang, workshop)
        self.env = env
        self.children: set[SpawnedApp] = set()

    async def start(self) -> None:
        return None

    async def launch(self, env: dict[str, str]) -> AppProcess:
        process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env={**os.environ, **self.env, **env},
        )
        app = SpawnedApp(process)
        self.children.add(app)
        return app

    async def close(self) -> None:
        apps = list(self.children)
        for app in apps:
            app.send_signal(signal.SIGTERM)
        for app in apps:
            try:
                await asyncio.wait_for(app.wait(), 5)
            except TimeoutError:
                app.kill()
                await app.wait()


def make_launcher(lang: str, workshop: Path | None, env: dict[str, str]) -> Launcher:
    """The forkserver on Linux and macOS; new processes elsewhere or with KOSI_SERVE_SPAWN=1."""
    if (
        hasattr(os, "fork")
        and hasattr(socket, "send_fds")
        and not os.environ.get("KOSI_SERVE_SPAWN")
    ):
        return ForkLauncher(lang, workshop, env)
    return SpawnLauncher(lang, workshop, env)
