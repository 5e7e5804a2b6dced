"""What the trainer's terminal shows on start: the addresses to type, the code, a QR code."""

from __future__ import annotations

from urllib.parse import quote

from kosi_tui.faces.serve.addresses import is_loopback, room_addresses
from kosi_tui.faces.serve.qr import qr_lines
from kosi_tui.i18n import t


def room_urls(host: str, port: int, public_url: str | None, tls: bool = False) -> list[str]:
    """Every URL participants can type, best first (https with the trainer's certificate)."""
    if public_url:
        return [public_url.rstrip("/")]
    hosts = ["127.0.0.1" if host in ("localhost", "") else host]
    if not is_loopback(host):
        hosts = room_addresses(host) or hosts
    scheme = "https" if tls else "http"
    suffix = "" if port == (443 if tls else 80) else f":{port}"
    return [f"{scheme}://{'[' + h + ']' if ':' in h else h}{suffix}" for h in hosts]


def with_code(url: str, code: str | None) -> str:
    """The URL that lets a browser in at once (what the QR code holds)."""
    return f"{url}/?code={quote(code)}" if code else url + "/"


def welcome_text(urls: list[str], code: str | None, lang: str, qr: bool = True) -> str:
    """The lines printed when the server is ready."""
    lines = [t("serve.open_in_browser", lang)]
    lines += [f"    {url}" for url in urls]
    if not urls:
        lines.append("    " + t("serve.no_address", lang))
    if code:
        lines.append(t("serve.code_is", lang, code=code))
    if qr and urls:
        drawn = qr_lines(with_code(urls[0], code))
        if drawn is None:
            lines.append(t("serve.no_qr", lang))
        else:
            lines += ["", *drawn, "", t("serve.qr_holds", lang, url=with_code(urls[0], code))]
    lines.append(t("serve.stop_hint", lang))
    return "\n".join(lines)
