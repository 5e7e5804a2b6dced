"""The people using the form: one per browser (its cookie), each with the draft they have open.

A visitor takes a place in the room only once a draft is open; the server counts those places
with the terminal sessions, so the room's limits are one. Saving goes through `Filling` – the
same writer, merge and conflict copies as the terminal app – with the disk work in a thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kosi_tui.faces.filling import Filling, SaveResult

COOKIE = "kosi_form"
"""One browser's key to its own draft in the form."""
FORGET_AFTER = 24
"""Idle periods after which a browser whose draft was closed is forgotten (a day, by default)."""
MOST_VISITORS = 4096
"""Browsers remembered at once; beyond, those without a draft are forgotten, oldest first."""


@dataclass(eq=False)
class Visitor:
    """One browser using the form."""

    token: str
    address: str
    filling: Filling | None = None
    resume_code: str | None = None
    started: float = field(default_factory=time.monotonic)
    last_input: float = field(default_factory=time.monotonic)
    """When the browser last sent something (for the idle end and the live view)."""
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    """One change or save of the draft at a time."""
    shown: dict[str, Any] = field(default_factory=dict)
    """The answers of the section page last shown, as shown (to tell what the person changed)."""
    shown_section: str | None = None
    left: Path | None = None
    """The draft closed after a long pause: opened again when this browser comes back, so a
    page typed at leisure is never refused (no time limit a person cannot extend)."""

    def touch(self) -> None:
        self.last_input = time.monotonic()

    async def save(self) -> SaveResult | None:
        """Saves the draft now (the file written in a thread); None when none is open."""
        filling = self.filling
        if filling is None:
            return None
        pending = await asyncio.to_thread(filling.write, filling.snapshot())
        filling.apply(pending)
        return filling.last

    async def close(self, finally_: bool = False) -> bool:
        """Saves and lets the draft go (others may open it without being told it is open here).

        A draft whose file takes nothing stays open (its answers are only in memory) and False
        is returned; with `finally_` (the server ends) it goes to an emergency copy instead."""
        async with self.lock:
            filling = self.filling
            if filling is None:
                self.left = None
                return True
            pending = await asyncio.to_thread(filling.write, filling.snapshot())
            filling.apply(pending)
            if pending.error is not None:
                if not finally_:
                    return False
                from kosi_tui.faces.autosave import rescue

                await asyncio.to_thread(rescue, filling)
            self.filling, self.left = None, None
            with contextlib.suppress(OSError):
                await asyncio.to_thread(filling.close)
            return True


class Visitors:
    """Every browser the form knows, by its cookie."""

    def __init__(self) -> None:
        self.by_token: dict[str, Visitor] = {}
        self.secret = secrets.token_bytes(32)
        """Signs each visitor's form token (against requests sent from other sites)."""

    def get(self, token: str | None) -> Visitor | None:
        return self.by_token.get(token) if token else None

    def new(self, address: str) -> Visitor:
        if len(self.by_token) >= MOST_VISITORS:
            # Page views alone must not fill the memory: browsers that never kept a draft go
            # first; one whose draft was closed in a pause only when there are no others.
            idle = sorted(
                (v for v in self.by_token.values() if v.filling is None), key=lambda v: v.last_input
            )
            fresh = [v for v in idle if v.left is None]
            for old in (fresh or idle)[: len(fresh or idle) // 2 + 1]:
                self.by_token.pop(old.token, None)
        visitor = Visitor(secrets.token_urlsafe(32), address)
        self.by_token[visitor.token] = visitor
        return visitor

    def with_drafts(self) -> list[Visitor]:
        """The visitors who hold a place: those with a draft open."""
        return [v for v in self.by_token.values() if v.filling is not None]

    def held_by(self, address: str) -> int:
        return sum(v.address == address for v in self.with_drafts())

    def form_token(self, visitor: Visitor) -> str:
        """What every form of this visitor's pages carries back: proves the page was ours."""
        return hmac.new(self.secret, visitor.token.encode(), hashlib.sha256).hexdigest()

    def token_matches(self, visitor: Visitor, given: object) -> bool:
        return isinstance(given, str) and hmac.compare_digest(given, self.form_token(visitor))

    async def end_idle(self, idle_seconds: float) -> None:
        """Saves and closes the drafts of visitors idle for `idle_seconds` (their places are
        free; the draft opens again when they come back); forgets them after `FORGET_AFTER`
        such pauses."""
        now = time.monotonic()
        for visitor in list(self.by_token.values()):
            idle = now - visitor.last_input
            if visitor.filling is not None and idle > idle_seconds:
                path = visitor.filling.path
                if await visitor.close():
                    visitor.left = path
            elif idle > idle_seconds * (FORGET_AFTER if visitor.left else 1):
                self.by_token.pop(visitor.token, None)

    async def end(self, visitor: Visitor) -> None:
        """Ends one visitor's session (the trainer asked): the draft is saved first (or, where
        its file takes nothing, kept as an emergency copy)."""
        await visitor.close(finally_=True)
        self.by_token.pop(visitor.token, None)

    async def close_all(self) -> None:
        """Saves every draft as the server ends (an emergency copy where its file takes none)."""
        for visitor in list(self.by_token.values()):
            with contextlib.suppress(Exception):
                await visitor.close(finally_=True)
