"""The "did you mean …?" in messages: the known name closest to what someone wrote."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, options: Iterable[str]) -> str:
    """The option most like `word`, or "" when none is close enough to be worth proposing."""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return close[0] if close else ""
