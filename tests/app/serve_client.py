"""Test helpers for `kosi serve`: start it, and be a browser on its websocket.

Every wait is bounded and waits on something observable: the server answering, a text arriving.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import aiohttp

from tests.conftest import ROOT

ESCAPES = re.compile(r"\x1b\[[0-9;?<>=$]*[A-Za-z~]|\x1b[()][A-Z0-9]|\x1b[=>]")
KEYS = {"enter": "\r", "tab": "\t", "escape": "\x1b", "f5": "\x1b[15~"}
WORDS = re.compile(r"[^\W_]{3,}")
RESUME_CODE = re.compile(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_serve(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "kosi_tui", "serve", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )


def wait_for_page(url: str, process: subprocess.Popen[str], limit: float = 60.0) -> str:
    """Polls until the server answers (bounded in count and time), or fails with its output."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(
                f"kosi serve ended: {process.stdout.read() if process.stdout else ''}"
            )
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return str(response.read().decode("utf-8"))
        except urllib.error.HTTPError as err:
            return str(err.read().decode("utf-8"))
        except OSError:
            time.sleep(0.1)  # another process is binding its port; there is nothing to wait on
    raise AssertionError("kosi serve did not answer in time")


def stop(process: subprocess.Popen[str], sig: int = signal.SIGTERM) -> str:
    """Stops the server and returns all it printed."""
    if process.poll() is None:
        process.send_signal(sig)
    return process.communicate(timeout=60)[0]


def descendants(pid: int) -> set[int]:
    """All processes below `pid` (Linux /proc)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    """True while `pid` runs (a zombie counts as ended)."""
    try:
        return "\nState:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False


def wait_until_gone(pids: set[int], limit: float = 30.0) -> set[int]:
    """Waits (bounded) until none of `pids` runs; returns those still running."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        left = {p for p in pids if alive(p)}
        if not left:
            return left
        time.sleep(0.05)  # other processes' ends cannot be awaited from here
    return {p for p in pids if alive(p)}


class Browser:
    """One browser tab on kosi's websocket: sends keys, collects what the app draws."""

    def __init__(self, session: aiohttp.ClientSession, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.session, self.ws = session, ws
        self.raw = b""
        self.texts: list[object] = []
        """The JSON messages the server sent (downloads announce themselves there)."""

    @classmethod
    async def open(
        cls, base: str, headers: dict[str, str] | None = None, query: str = ""
    ) -> Browser:
        # Like a browser, it keeps the cookies it is given, also from an IP address.
        session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        try:
            ws = await session.ws_connect(f"{base}/ws?width=100&height=30{query}", headers=headers)
        except BaseException:
            await session.close()
            raise
        return cls(session, ws)

    @property
    def screen(self) -> str:
        return ESCAPES.sub("", self.raw.decode("utf-8", "replace"))

    async def wait_for(self, pattern: str, limit: float = 60.0) -> re.Match[str]:
        """Reads until `pattern` (a regex) shows in what was drawn since the last `clear`."""
        try:
            return await asyncio.wait_for(self._read_until(pattern), limit)
        except TimeoutError:
            raise AssertionError(
                f"{pattern!r} not drawn; screen: {WORDS.findall(self.screen)[-80:]}"
            ) from None

    async def _receive(self) -> None:
        """One websocket message: screen bytes or a text message, kept for the waits above."""
        message = await self.ws.receive()
        if message.type == aiohttp.WSMsgType.BINARY:
            self.raw += message.data
        elif message.type == aiohttp.WSMsgType.TEXT:
            self.texts.append(json.loads(message.data))
        else:
            raise AssertionError(f"websocket closed; screen: {self.screen[-2000:]}")

    async def _read_until(self, pattern: str) -> re.Match[str]:
        while True:
            found = re.search(pattern, self.screen)
            if found:
                return found
            await self._receive()

    async def wait_for_text_message(self, kind: str, limit: float = 30.0) -> list[object]:
        async with asyncio.timeout(limit):
            while True:
                for text in self.texts:
                    if isinstance(text, list) and text and text[0] == kind:
                        return text
                await self._receive()

    def clear(self) -> None:
        self.raw = b""

    async def type(self, *keys: str) -> None:
        for key in keys:
            await self.ws.send_str(json.dumps(["stdin", KEYS.get(key, key)]))

    async def close(self) -> None:
        await self.ws.close()
        await self.session.close()

    async def start_draft(self, organisation: str, name: str) -> str:
        """From the home screen to filling a new draft; returns the resume code shown."""
        await self.wait_for("Innovationslabor aufbauen")
        await self.type("enter")
        await self.wait_for("Organisation")
        await self.type(organisation, "enter")
        await self.focus_name_field()
        self.clear()
        await self.type(name, "enter")
        code = (await self.wait_for(RESUME_CODE.pattern)).group(0)
        self.clear()
        await self.type("enter")  # closes the notice with the code (its button has the focus)
        # The first field, drawn again once the notice is gone.
        await self.wait_for(re.escape(organisation))
        return code

    async def press_until(self, key: str, pattern: str, tries: int = 20) -> None:
        """Presses `key` until `pattern` is drawn: for keys that arrive while a screen changes."""
        for _ in range(tries):
            self.clear()
            await self.type(key)
            with contextlib.suppress(AssertionError):
                await self.wait_for(pattern, limit=1.5)
                return
        raise AssertionError(f"{key} never brought {pattern!r}")

    async def focus_name_field(self) -> None:
        """Enter until the dialog says the name is missing: then the name field has the focus.

        Focus moves a message after the key that moves it, so keys typed at once may still go
        to the old field; the dialog's own complaint is the one sign that the move is done.
        """
        for _ in range(30):
            self.clear()
            await self.type("enter")
            with contextlib.suppress(AssertionError):
                await self.wait_for("Bitte nennen Sie Ihren Namen", limit=1.0)
                return
        raise AssertionError("the name field never took the focus")
