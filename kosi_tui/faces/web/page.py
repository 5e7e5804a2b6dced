"""The frame of every form page: language, title, skip link, kosi's own style and script."""

from __future__ import annotations

import html
from pathlib import Path

from aiohttp import web

from kosi_tui.i18n import t

HERE = Path(__file__).parent
STATIC = {"form.css": "text/css", "form.js": "text/javascript"}
"""The only files the form loads besides its pages; nothing comes from another host."""
HEADERS = {
    "Cache-Control": "no-store",
    # Not "no-referrer": with it, browsers send `Origin: null` with the form's own POSTs, which
    # the Origin check refuses. Other sites still learn nothing (no address with a code leaks).
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    # Only kosi's own style and script; no inline script, nothing from elsewhere, no framing.
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
}


def e(text: object) -> str:
    """Text from a canvas, a draft or a person, safe inside HTML text and attribute values."""
    return html.escape(str(text), quote=True)


def frame(
    lang: str, title: str, body: str, *, script: bool = True, status: int = 200
) -> web.Response:
    """A whole page: `title` (already plain text) names the page; `body` is HTML."""
    script_tag = '<script src="/form/static/form.js" defer></script>' if script else ""
    page = (
        f'<!DOCTYPE html>\n<html lang="{e(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{e(title)}</title>"
        '<link rel="stylesheet" href="/form/static/form.css">'
        f"{script_tag}</head><body>"
        f'<a class="skip" href="#main">{e(t("web.skip", lang))}</a>'
        f'<main id="main" tabindex="-1">{body}</main></body></html>'
    )
    return web.Response(text=page, content_type="text/html", status=status, headers=HEADERS)


async def static_file(request: web.Request) -> web.Response:
    """form.css or form.js, from the package."""
    name = request.match_info["name"]
    kind = STATIC.get(name)
    if kind is None:
        raise web.HTTPNotFound()
    text = (HERE / name).read_text(encoding="utf-8")
    headers = {"Cache-Control": "max-age=3600", "X-Content-Type-Options": "nosniff"}
    return web.Response(text=text, content_type=kind, headers=headers)
