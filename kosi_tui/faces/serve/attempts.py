"""Tries at a code, limited: per address and for all together, with a lock-out after many wrong.

Without limits a client tried about 3,000 codes a second and a right one still worked after
22,460 wrong. Now each address has a few tries at once and then one every few seconds; after
`LOCK_AFTER` wrong ones it is locked out for `LOCK_SECONDS` (even the right code is refused, so
guessing on gains nothing). All addresses together have a bound too, for someone who changes
addresses. Wrong tries are counted by address for the trainer's live view. A room behind one
NAT address shares its tries; the trainer sees that address and can restart with a new code.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

TRIES_AT_ONCE = 10
"""Tries an address may make in a row (typos, a few people behind one address)."""
SECONDS_PER_TRY = 3.0
"""After those, one more try every this many seconds."""
LOCK_AFTER = 20
"""Wrong codes from one address before it is locked out."""
LOCK_SECONDS = 15 * 60.0
ALL_TRIES_AT_ONCE = 60
"""Wrong codes from all addresses together in a row..."""
ALL_SECONDS_PER_TRY = 0.5
"""... and then one more every this many seconds."""
MOST_ADDRESSES = 4096
"""Addresses remembered; beyond, those not locked out are forgotten, oldest first."""


class Verdict(Enum):
    RIGHT = "right"
    WRONG = "wrong"
    WAIT = "wait"
    """Too many tries: the code was not even compared."""


@dataclass
class Bucket:
    """A token bucket: `size` tries at once, then one per `seconds`."""

    size: float
    seconds: float
    tokens: float = -1.0
    at: float = 0.0

    def ready(self, now: float) -> bool:
        """True when a try may be made now."""
        if self.tokens < 0:
            self.tokens, self.at = self.size, now
        self.tokens = min(self.size, self.tokens + (now - self.at) / self.seconds)
        self.at = now
        return self.tokens >= 1

    def take(self, now: float) -> bool:
        """Uses up one try; False (and none used) when there is none left."""
        if not self.ready(now):
            return False
        self.tokens -= 1
        return True


@dataclass
class Address:
    """What is known about one address's tries."""

    bucket: Bucket = field(default_factory=lambda: Bucket(TRIES_AT_ONCE, SECONDS_PER_TRY))
    wrong: int = 0
    """Wrong codes since the last lock-out ended."""
    wrong_ever: int = 0
    refused: int = 0
    """Tries turned away without comparing (too fast, or locked out)."""
    locked_until: float = 0.0


@dataclass(frozen=True)
class Failures:
    """One address's failed tries, for the trainer's view."""

    address: str
    wrong: int
    refused: int
    locked: bool


class Attempts:
    """Every try at a code on one server (the workshop code and the trainer's code alike)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.addresses: dict[str, Address] = {}
        self.everyone = Bucket(ALL_TRIES_AT_ONCE, ALL_SECONDS_PER_TRY)

    def check(self, address: str, matches: Callable[[], bool]) -> Verdict:
        """Compares (by `matches`) only if this address may try now, and counts the outcome."""
        now = self.clock()
        if address not in self.addresses and len(self.addresses) >= MOST_ADDRESSES:
            self._forget(now)
        known = self.addresses.setdefault(address, Address())
        # Many addresses guessing together: then every address waits a moment.
        allowed = self.everyone.ready(now) and known.locked_until <= now
        if not allowed or not known.bucket.take(now):
            known.refused += 1
            return Verdict.WAIT
        if matches():
            # Only wrong codes use up tries: a room behind one router address all typing the
            # right code at once gets in (the try taken to compare is given back).
            known.bucket.tokens += 1
            return Verdict.RIGHT
        known.wrong += 1
        known.wrong_ever += 1
        if known.wrong >= LOCK_AFTER:
            known.locked_until, known.wrong = now + LOCK_SECONDS, 0
        self.everyone.take(now)
        return Verdict.WRONG

    def _forget(self, now: float) -> None:
        """Keeps memory bounded when many addresses try (someone changing addresses)."""
        for address in list(self.addresses):
            if self.addresses[address].locked_until <= now:
                del self.addresses[address]
            if len(self.addresses) < MOST_ADDRESSES // 2:
                return

    def failures(self) -> list[Failures]:
        """Addresses with failed tries, most first."""
        now = self.clock()
        rows = [
            Failures(address, a.wrong_ever, a.refused, a.locked_until > now)
            for address, a in self.addresses.items()
            if a.wrong_ever or a.refused
        ]
        return sorted(rows, key=lambda r: (-(r.wrong + r.refused), r.address))
