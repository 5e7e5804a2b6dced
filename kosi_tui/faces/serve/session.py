"""One browser's app session: textual-serve's AppService, launched by kosi and always ended.

textual-serve ends a session by sending `quit` on the app's stdin and waiting for its output to
close. That wait has no bound: an app that no longer reads stdin runs on, and outlives the server.
Textual's input parser takes an empty data packet for the end of input, and after it the input
thread stops – so a browser that sent `["stdin", ""]` left an app that heard nothing, not even
`quit`. Here empty packets are dropped, and every end goes quit → SIGTERM → SIGKILL with bounds.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import time
from asyncio.subprocess import Process
from typing import cast

from textual_serve.app_service import AppService

from kosi_tui.faces.serve.launch import AppProcess, Launcher

QUIT_GRACE = 3.0
"""Seconds an app has to save and exit after `quit`, and again after SIGTERM."""


class KosiSession(AppService):
    """An AppService whose process comes from kosi's launcher and is ended in every case."""

    def __init__(self, launcher: Launcher, **kwargs: object) -> None:
        super().__init__("kosi", **kwargs)  # type: ignore[arg-type]
        self.launcher = launcher
        self.child: AppProcess | None = None
        self.started = time.monotonic()
        self.last_input = self.started
        """When the browser last sent keys or mouse input (for the idle timeout)."""
        self.first_output: float | None = None
        """When the app first drew something."""
        self._ending: asyncio.Task[None] | None = None

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        env = self._build_environment(width=width, height=height)
        child = await self.launcher.launch(
            {k: env[k] for k in ("COLUMNS", "ROWS") if k in env}
            | {k: v for k, v in env.items() if k.startswith(("TEXTUAL", "TERM_PROGRAM"))}
        )
        self.child = child
        self._stdin = child.stdin
        # AppService.run reads only `stdout` and `stderr`, which both kinds of app process have.
        self._process = cast(Process, child)
        return self._process

    async def send_bytes(self, data: bytes) -> bool:
        if not data:
            return True  # would end the app's input for good (see the module docstring)
        self.last_input = time.monotonic()
        return await super().send_bytes(data)

    async def on_data(self, payload: bytes) -> None:
        if self.first_output is None:
            self.first_output = time.monotonic()
        await super().on_data(payload)

    async def stop(self) -> None:
        """Ends the app (it saves on the way out), however it behaves; safe to call twice."""
        if self._ending is None:
            self._ending = asyncio.create_task(self._end())
        await asyncio.shield(self._ending)

    async def _end(self) -> None:
        task, self._task = self._task, None
        await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
        child = self.child
        if child is not None:
            # A child that no longer reads its stdin must not hold the ending up for ever.
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.send_meta({"type": "quit"}), QUIT_GRACE)
            with contextlib.suppress(Exception):
                child.stdin.close()
            for sig in (None, signal.SIGTERM, signal.SIGKILL):
                if sig is not None:
                    child.send_signal(sig)
                try:
                    await asyncio.wait_for(child.wait(), QUIT_GRACE)
                    break
                except TimeoutError:
                    continue
        if task is not None:
            try:
                await asyncio.wait_for(task, QUIT_GRACE)
            except TimeoutError:
                task.cancel()
