"""Who may open an app: the workshop code on network addresses, the Origin check on loopback.

Browsers send cookies and an Origin header with websocket handshakes but apply no CORS to them,
so both checks run on the websocket itself, not only on the page.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from kosi_tui.faces.serve.addresses import is_loopback

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
"""No 0/O, 1/I: read off a beamer and typed by people in a hurry."""
COOKIE = "kosi_door"


def new_code(length: int = 6) -> str:
    """A fresh workshop code."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def normal_code(typed: str) -> str:
    """What people type, as compared: case, spaces and dashes do not matter."""
    return "".join(typed.split()).replace("-", "").upper()


@dataclass
class Door:
    """The checks for one server: its code (None: no code asked) and whether it is loopback-only."""

    code: str | None
    loopback: bool
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    """Signs the cookie, so it proves the code without holding it; new on every start."""

    def code_matches(self, typed: str | None) -> bool:
        """True when `typed` is the workshop code (or none is needed)."""
        if self.code is None:
            return True
        if not typed:
            return False
        return hmac.compare_digest(normal_code(typed).encode(), normal_code(self.code).encode())

    def cookie_value(self) -> str:
        """What the browser keeps after the code was right."""
        code = normal_code(self.code or "")
        return hmac.new(self.secret, code.encode(), hashlib.sha256).hexdigest()

    def cookie_matches(self, value: str | None) -> bool:
        """True when the cookie came from this server after the right code."""
        if self.code is None:
            return True
        return value is not None and hmac.compare_digest(value, self.cookie_value())

    def origin_allowed(self, origin: str | None, host: str) -> bool:
        """A browser's websocket from this server's own page, or a program that sends no Origin.

        On loopback the Host must be a loopback name too: a foreign site whose name resolves to
        127.0.0.1 (DNS rebinding) would otherwise send a matching Origin and Host.
        """
        if self.loopback and not is_loopback(split_host(host)[0]):
            return False
        if origin is None:
            return True  # not a browser: a local program, which could read the drafts anyway
        parts = urlsplit(origin)
        return parts.scheme in ("http", "https") and parts.netloc.lower() == host.lower()


def split_host(host: str) -> tuple[str, str]:
    """Host header → (name, port); the port is '' when absent."""
    if host.startswith("["):
        name, _, rest = host[1:].partition("]")
        return name, rest.removeprefix(":")
    name, _, port = host.rpartition(":") if host.count(":") == 1 else (host, "", "")
    return name, port
