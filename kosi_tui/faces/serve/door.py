"""Who may open an app: the workshop code on network addresses, the Origin check on loopback.

Browsers send cookies and an Origin header with websocket handshakes but apply no CORS to them,
so both checks run on the websocket itself, not only on the page.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from kosi_tui.core.codes import normal_code
from kosi_tui.faces.serve.addresses import is_loopback

COOKIE = "kosi_door"
STRONG_BITS = 50
"""A code weaker than this falls to guessing within a workshop day, even at a few tries a second."""


def code_bits(code: str) -> float:
    """About how many bits of guessing a chosen code is worth.

    Counted as if each character were random from its kinds (letters, digits, others); a code
    made mostly of repeated characters counts only its distinct ones (`AAAAAAAAAAAA` is weak).
    """
    typed = normal_code(code)
    if not typed:
        return 0.0
    kinds = 26 * any(c.isalpha() for c in typed) + 10 * any(c.isdigit() for c in typed)
    kinds += 32 * any(not c.isalnum() for c in typed)
    distinct = len(set(typed))
    counted = len(typed) if distinct * 2 >= len(typed) else distinct
    return counted * math.log2(max(kinds, 2))


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
