"""Codes people type: the workshop's door code, the trainer's, a participant's resume code.

Read off a beamer, read aloud and typed by people in a hurry, so made of characters nobody
confuses, in groups of four, and compared without case, spaces or dashes.
"""

from __future__ import annotations

import secrets

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
"""No 0/O, 1/I/L."""


def new_code(groups: int = 3) -> str:
    """A fresh code in groups of four, e.g. `K7MP-QX4R-9TNA` (three groups: 59 bits)."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(4 * groups))
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def normal_code(typed: str) -> str:
    """What people type, as compared: case, spaces and dashes do not matter."""
    return "".join(typed.split()).replace("-", "").upper()
