"""The HTML pages: the app page (textual-serve's own, made self-contained), the door, 'full'.

Every URL on a page is relative to the address the browser used, unless the trainer gave
`--public-url`: a server listening on 0.0.0.0 has no single address of its own to write there.
"""

from __future__ import annotations

import html
import re

import aiohttp_jinja2
from aiohttp import web

from kosi_tui.i18n import t

HOST_HEADER = re.compile(r"^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?$")
"""A Host header that is safe to write into a page and a URL."""
EXTERNAL_FONT_LINK = re.compile(r"<link[^>]*fonts\.googleapis\.com[^>]*>", re.S)
LOCAL_FONT = """<style>
@font-face { font-family: "Roboto Mono"; font-style: normal;
  src: url("{static}fonts/RobotoMono-VariableFont_wght.ttf") format("truetype"); }
@font-face { font-family: "Roboto Mono"; font-style: italic;
  src: url("{static}fonts/RobotoMono-Italic-VariableFont_wght.ttf") format("truetype"); }
</style>"""


def base_url(request: web.Request, public_url: str | None) -> str | None:
    """`http://host:port` as the browser reached us (or the trainer's public URL); None if odd."""
    if public_url:
        return public_url.rstrip("/")
    if not HOST_HEADER.match(request.host):
        return None
    return f"{request.scheme}://{request.host}"


def app_page(request: web.Request, base: str, title: str, lang: str) -> web.Response:
    """textual-serve's page for one app, with its font served by kosi instead of Google."""
    font_size = request.query.get("fontsize", "16")
    context = {
        "font_size": int(font_size) if font_size.isdigit() and len(font_size) < 3 else 16,
        "app_websocket_url": "ws" + base.removeprefix("http") + "/ws",
        "config": {"static": {"url": "/static/"}},
        "application": {"name": title},
    }
    page = aiohttp_jinja2.render_string("app_index.html", request, context)
    page = EXTERNAL_FONT_LINK.sub(LOCAL_FONT.replace("{static}", "/static/"), page)
    page = page.replace("Session ended.", html.escape(t("serve.session_ended", lang)))
    page = page.replace(">Restart<", f">{html.escape(t('serve.restart', lang))}<")
    page = page.replace("<html>", f'<html lang="{lang}">', 1)
    return web.Response(text=page, content_type="text/html", headers=NO_STORE)


NO_STORE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}

SIMPLE_PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; background: #0c181f; color: #f2f2f2;
  display: flex; min-height: 90vh; align-items: center; justify-content: center; }}
main {{ max-width: 32em; padding: 2em; background: #12232d; }}
input, button {{ font-size: 1.4em; padding: .3em .6em; }}
input {{ letter-spacing: .15em; text-transform: uppercase; width: 8em; }}
.error {{ color: #ffb4a9; }}
</style></head><body><main>{body}</main></body></html>"""


def _simple(lang: str, title: str, body: str, status: int) -> web.Response:
    page = SIMPLE_PAGE.format(lang=lang, title=html.escape(title), body=body)
    return web.Response(text=page, content_type="text/html", status=status, headers=NO_STORE)


def door_page(lang: str, wrong: bool) -> web.Response:
    """Asks for the workshop code; says so when the last try was wrong."""
    error = f'<p class="error">{html.escape(t("serve.door_wrong", lang))}</p>' if wrong else ""
    body = (
        f"<h1>{html.escape(t('serve.door_title', lang))}</h1>"
        f"<p>{html.escape(t('serve.door_text', lang))}</p>{error}"
        '<form method="post" action="/door">'
        f'<label for="code">{html.escape(t("serve.door_label", lang))}</label><br>'
        '<input id="code" name="code" autocomplete="off" autofocus required> '
        f'<button type="submit">{html.escape(t("serve.door_enter", lang))}</button></form>'
    )
    return _simple(lang, t("serve.door_title", lang), body, 401 if wrong else 200)


def full_page(lang: str, limit: int, per_address: bool = False) -> web.Response:
    """All places taken (or all this address may hold): says so plainly."""
    kind = "serve.per_address" if per_address else "serve.full"
    body = (
        f"<h1>{html.escape(t(kind + '_title', lang))}</h1>"
        f"<p>{html.escape(t(kind + '_text', lang, limit=limit))}</p>"
    )
    return _simple(lang, t(kind + "_title", lang), body, 503)


def bad_host_page(lang: str) -> web.Response:
    """A request whose Host header cannot be written into a page."""
    return _simple(lang, "kosi", html.escape(t("serve.bad_host", lang)), 400)


def too_many_page(lang: str) -> web.Response:
    """Too many tries at the code from this address: wait, or ask the trainer."""
    body = (
        f"<h1>{html.escape(t('serve.too_many_title', lang))}</h1>"
        f"<p>{html.escape(t('serve.too_many_text', lang))}</p>"
    )
    return _simple(lang, t("serve.too_many_title", lang), body, 429)
