"""Sending an export to the browser, where a cancelled download is an ordinary event.

textual-serve's own handler lets the reset connection of a download the browser cancelled
escape, and aiohttp prints a full traceback for it into the trainer's live view (the beamer).
"""

from __future__ import annotations

import contextlib
import logging

from aiohttp import web
from textual_serve.download_manager import DownloadManager

log = logging.getLogger("textual-serve")


async def send_download(downloads: DownloadManager, request: web.Request) -> web.StreamResponse:
    """Streams the download named in the address; a browser that stops it ends it quietly."""
    key = request.match_info["key"]
    try:
        meta = await downloads.get_download_metadata(key)
    except KeyError:
        raise web.HTTPNotFound(text=f"Download with key {key!r} not found") from None
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
        with contextlib.suppress(Exception):
            await chunks.aclose()
    return response
