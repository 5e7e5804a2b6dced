"""Sending an export to the browser of the session that made it, while it is fresh.

textual-serve hands a download to anyone who has its address; on a Wi-Fi without TLS that
address can be seen by others. Here each session's websocket handshake sets a cookie of its own
(only sent to /download), and a download is given only with that cookie and for
`DOWNLOAD_SECONDS` after the app offered it. textual-serve's own handler also let the reset
connection of a download the browser cancelled escape, and aiohttp printed a full traceback for
it into the trainer's live view (the beamer); here that ends quietly.
"""

from __future__ import annotations

import contextlib
import hmac
import logging
import secrets
import time
from typing import TYPE_CHECKING

from aiohttp import web
from textual_serve.download_manager import DownloadManager

if TYPE_CHECKING:
    from textual_serve.app_service import AppService

log = logging.getLogger("textual-serve")

DOWNLOAD_SECONDS = 300.0
"""How long an offered export can be fetched."""
TAB_COOKIE = "kosi_tab_"
"""Followed by the session's id: one cookie per browser tab."""


class SessionKey:
    """The cookie that binds one session's downloads to its browser tab."""

    def __init__(self, session_id: str) -> None:
        self.name = TAB_COOKIE + session_id
        self.value = secrets.token_urlsafe(32)

    def set_on(self, response: web.StreamResponse, secure: bool) -> None:
        response.set_cookie(self.name, self.value, path="/download", httponly=True,
                            samesite="Strict", secure=secure)  # fmt: skip

    def matches(self, request: web.Request) -> bool:
        given = request.cookies.get(self.name)
        return given is not None and hmac.compare_digest(given, self.value)


class KosiDownloads(DownloadManager):
    """textual-serve's download manager, which also remembers when each download was offered."""

    def __init__(self) -> None:
        super().__init__()
        self.offered: dict[str, float] = {}

    async def create_download(
        self,
        *,
        app_service: AppService,
        delivery_key: str,
        file_name: str,
        open_method: str,
        mime_type: str,
        encoding: str | None = None,
        name: str | None = None,
    ) -> None:
        self.offered[delivery_key] = time.monotonic()
        await super().create_download(
            app_service=app_service, delivery_key=delivery_key, file_name=file_name,
            open_method=open_method, mime_type=mime_type, encoding=encoding, name=name,
        )  # fmt: skip

    def fresh(self, key: str) -> bool:
        offered = self.offered.get(key)
        return offered is not None and time.monotonic() - offered < DOWNLOAD_SECONDS


async def send_download(
    downloads: KosiDownloads, request: web.Request, refused: str
) -> web.StreamResponse:
    """Streams the download named in the address to its own session's tab; a browser that stops
    it ends it quietly. `refused` is the text for anyone else."""
    key = request.match_info["key"]
    try:
        meta = await downloads.get_download_metadata(key)
    except KeyError:
        raise web.HTTPNotFound(text=refused) from None
    session_key = getattr(meta.app_service, "session_key", None)
    if not (isinstance(session_key, SessionKey) and session_key.matches(request)):
        raise web.HTTPForbidden(text=refused)
    if not downloads.fresh(key):
        raise web.HTTPGone(text=refused)
    response = web.StreamResponse()
    content_type = meta.mime_type
    if meta.encoding:
        content_type += f"; charset={meta.encoding}"
    response.headers["Content-Type"] = content_type
    disposition = "inline" if meta.open_method == "browser" else "attachment"
    response.headers["Content-Disposition"] = f"{disposition}; filename={meta.file_name}"
    chunks = downloads.download(key)
    try:
        await response.prepare(request)
        async for chunk in chunks:
            await response.write(chunk)
        await response.write_eof()
    except ConnectionError:
        # The browser cancelled (or the network went): one quiet line, and aiohttp, given the
        # prepared response back, sees the closed connection and logs no error either.
        log.debug("Download %r stopped by the browser", key)
    finally:
        downloads.offered.pop(key, None)
        with contextlib.suppress(Exception):
            await chunks.aclose()
    return response
