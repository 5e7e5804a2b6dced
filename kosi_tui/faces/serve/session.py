"""One browser's app session: textual-serve's AppService, run on an app process from kosi's
launcher and always ended.

textual-serve's AppService starts its app with a shell command and ends it by sending `quit` on
the app's stdin, then waiting for its output to close. That wait has no bound: an app that no
longer reads stdin runs on, and outlives the server. Textual's input parser takes an empty data
packet for the end of input, and after it the input thread stops – so a browser that sent
`["stdin", ""]` left an app that heard nothing, not even `quit`. Here the process comes from kosi's
launcher (forked, or spawned), empty packets are dropped, and every end goes quit → SIGTERM →
kill with bounds. Only AppService's public methods are replaced: starting, reading the app's
output (the packets of Textual's web driver), stopping, and the stdin the packets are sent on.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import re
import signal
import time
from collections.abc import Awaitable, Callable

from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

from kosi_tui.faces.serve.downloads import SessionKey
from kosi_tui.faces.serve.launch import AppProcess, Launcher

log = logging.getLogger("textual-serve")

QUIT_GRACE = 3.0
"""Seconds an app has to save and exit after `quit`."""
STUCK_GRACE = 1.0
"""Seconds for writing `quit` to an app, and for its exit after SIGTERM: a session whose browser
has gone is ended within five seconds however its app behaves."""
READY_LINE = b"__GANGLION__\n"
"""What Textual's web driver writes first: from then on, its output is packets."""


MOUSE_REPORT = re.compile(rb"\x1b\[<(\d+);\d+;\d+[Mm]")
FOCUS_REPORT = re.compile(rb"\x1b\[[IO]")


def is_real_input(data: bytes) -> bool:
    """Keys, clicks and wheel turns, not a mouse merely moving or the tab's focus changing: only
    these keep a session from ending as idle."""
    moves_only = MOUSE_REPORT.sub(
        lambda report: b"" if int(report.group(1)) & 32 else report.group(0), data
    )
    return bool(FOCUS_REPORT.sub(b"", moves_only))


class KosiSession(AppService):
    """An AppService whose process comes from kosi's launcher and is ended in every case."""

    def __init__(
        self,
        launcher: Launcher,
        env: dict[str, str],
        *,
        write_bytes: Callable[[bytes], Awaitable[None]],
        write_str: Callable[[str], Awaitable[None]],
        close: Callable[[], Awaitable[None]],
        download_manager: DownloadManager,
    ) -> None:
        super().__init__(
            "kosi",
            write_bytes=write_bytes,
            write_str=write_str,
            close=close,
            download_manager=download_manager,
        )
        self.launcher, self.env, self.downloads = launcher, env, download_manager
        """What the app process gets added to its environment (Textual's web driver)."""
        self.child: AppProcess | None = None
        self.reading: asyncio.Task[None] | None = None
        """Relays the app's output to the browser until the app ends."""
        self.started = time.monotonic()
        self.last_input = self.started
        """When the browser last sent keys or mouse input (for the idle timeout)."""
        self.first_output: float | None = None
        """When the app first drew something."""
        self.address = ""
        """The browser's network address."""
        self.session_key = SessionKey(self.app_service_id)
        """The cookie its browser tab needs for its downloads."""
        self.ending: asyncio.Task[None] | None = None

    @property
    def stdin(self) -> asyncio.StreamWriter:
        assert self.child is not None
        return self.child.stdin

    async def start(self, width: int, height: int) -> None:
        size = {"COLUMNS": str(width), "ROWS": str(height)}
        self.child = await self.launcher.launch(self.env | size)
        self.reading = asyncio.create_task(self.run())

    async def run(self) -> None:
        """Hands the app's packets to AppService's handlers until its output ends."""
        child = self.child
        assert child is not None
        # Read all along: a child writing to a full stderr pipe would stop.
        errors = asyncio.create_task(child.stderr.read())
        handlers = {b"D": self.on_data, b"M": self.on_meta, b"P": self.on_packed}
        try:
            # A few lines may come before the driver starts (a warning); then only packets.
            for _ in range(10):
                line = await child.stdout.readline()
                if not line or line == READY_LINE:
                    break
            else:
                log.error("the app did not start")
            while True:
                kind = await child.stdout.readexactly(1)
                size = int.from_bytes(await child.stdout.readexactly(4), "big")
                payload = await child.stdout.readexactly(size)
                handler = handlers.get(kind)
                if handler is not None:
                    await handler(payload)
        except (asyncio.IncompleteReadError, ConnectionResetError):
            # The output has ended: so has the app, and what it said on stderr is complete.
            with contextlib.suppress(TimeoutError):
                said = await asyncio.wait_for(asyncio.shield(errors), QUIT_GRACE)
                if said:
                    log.error(said.decode("utf-8", "replace"))
        except asyncio.CancelledError:
            pass
        finally:
            errors.cancel()

    async def send_bytes(self, data: bytes) -> bool:
        if not data:
            return True  # would end the app's input for good (see the module docstring)
        if is_real_input(data):
            self.last_input = time.monotonic()
        return await super().send_bytes(data)

    async def set_focus(self, focused: bool) -> None:
        """The browser tab gained or lost the focus."""
        await (self.focus() if focused else self.blur())

    async def on_data(self, payload: bytes) -> None:
        if self.first_output is None:
            self.first_output = time.monotonic()
        await super().on_data(payload)

    async def stop(self) -> None:
        """Ends the app (it saves on the way out), however it behaves; safe to call twice."""
        if self.ending is None:
            self.ending = asyncio.create_task(self._end())
        await asyncio.shield(self.ending)

    async def _end(self) -> None:
        reading, self.reading = self.reading, None
        await self.downloads.cancel_app_downloads(app_service_id=self.app_service_id)
        child = self.child
        if child is not None:
            # A child that no longer reads its stdin must not hold the ending up for ever.
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.send_meta({"type": "quit"}), STUCK_GRACE)
            with contextlib.suppress(Exception):
                child.stdin.close()
            terminate = functools.partial(child.send_signal, signal.SIGTERM)
            # quit, then SIGTERM (Textual's driver saves on it), then kill: each with a bound.
            steps = ((None, QUIT_GRACE), (terminate, STUCK_GRACE), (child.kill, QUIT_GRACE))
            for step, grace in steps:
                if step is not None:
                    step()
                try:
                    await asyncio.wait_for(child.wait(), grace)
                    break
                except TimeoutError:
                    continue
        if reading is not None:
            try:
                await asyncio.wait_for(reading, QUIT_GRACE)
            except TimeoutError:
                reading.cancel()
