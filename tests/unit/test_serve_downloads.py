"""A download the browser cancels ends quietly: no traceback in the trainer's terminal."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncGenerator

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

pytest.importorskip("textual_serve", reason="kosi serve needs the optional textual-serve package")

import time
from types import SimpleNamespace

from textual_serve.download_manager import Download

from kosi_tui.faces.serve.downloads import (
    DOWNLOAD_SECONDS,
    KosiDownloads,
    SessionKey,
    send_download,
)

CHUNK = b"x" * 64 * 1024


TAB = SessionKey("tab")
"""The cookie of the session that made the download."""


class SlowDownload(KosiDownloads):
    """An export the app sends chunk by chunk; with `wait_for_browser`, the next chunk comes
    only after the browser has gone (as when it cancels while the app renders a PDF)."""

    def __init__(self, chunks: int, wait_for_browser: bool = False) -> None:
        super().__init__()
        self.chunks, self.wait_for_browser = chunks, wait_for_browser
        self.request: web.Request | None = None
        self.ended = asyncio.Event()
        self.offered["k"] = time.monotonic()

    def _browser_gone(self) -> bool:
        transport = self.request.transport if self.request is not None else None
        return transport is None or transport.is_closing()

    async def get_download_metadata(self, delivery_key: str) -> Download:
        if delivery_key != "k":
            raise KeyError(delivery_key)
        session = SimpleNamespace(session_key=TAB)
        return Download(session, "k", "bericht.pdf", "download", "application/pdf")  # type: ignore[arg-type]

    async def download(self, delivery_key: str) -> AsyncGenerator[bytes, None]:
        try:
            for _ in range(self.chunks):
                yield CHUNK
                while self.wait_for_browser and not self._browser_gone():
                    await asyncio.sleep(0)  # until the server has seen the connection close
        finally:
            self.ended.set()


def served(downloads: SlowDownload) -> web.Application:
    async def handler(request: web.Request) -> web.StreamResponse:
        downloads.request = request
        return await send_download(downloads, request, "refused")

    app = web.Application()
    app.router.add_get("/download/{key}", handler)
    return app


async def test_a_cancelled_download_logs_no_error(caplog: pytest.LogCaptureFixture) -> None:
    downloads = SlowDownload(3, wait_for_browser=True)
    app = served(downloads)
    caplog.set_level(logging.WARNING)
    tab = {TAB.name: TAB.value}
    async with TestServer(app) as server, aiohttp.ClientSession(cookies=tab) as session:
        response = await session.get(server.make_url("/download/k"))
        assert response.status == 200
        assert "attachment" in response.headers["Content-Disposition"]
        await response.content.readexactly(1024)
        response.close()  # the browser cancels: the connection goes
        await asyncio.wait_for(downloads.ended.wait(), 30)
        missing = await session.get(server.make_url("/download/nope"))
        assert missing.status == 404
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []


async def test_a_whole_download_arrives() -> None:
    downloads = SlowDownload(20)
    app = served(downloads)
    tab = {TAB.name: TAB.value}
    async with TestServer(app) as server, aiohttp.ClientSession(cookies=tab) as session:
        response = await session.get(server.make_url("/download/k"))
        body = await response.read()
    assert len(body) == 20 * len(CHUNK)


async def test_a_download_needs_its_tabs_cookie_and_expires(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    downloads = SlowDownload(1)
    app = served(downloads)
    async with TestServer(app) as server:
        for cookies in ({}, {TAB.name: "guessed"}, {"kosi_tab_other": TAB.value}):
            async with aiohttp.ClientSession(cookies=cookies) as stranger:
                refused = await stranger.get(server.make_url("/download/k"))
                assert refused.status == 403 and await refused.text() == "refused"
        # Five minutes after the app offered it, not even its own tab gets it.
        later = time.monotonic() + DOWNLOAD_SECONDS + 1
        monkeypatch.setattr("kosi_tui.faces.serve.downloads.time.monotonic", lambda: later)
        async with aiohttp.ClientSession(cookies={TAB.name: TAB.value}) as own:
            expired = await own.get(server.make_url("/download/k"))
            assert expired.status == 410
