"""The one error type of the expression language."""

from __future__ import annotations

from typing import Any


class ExprError(Exception):
    """A problem with an expression: `code` and `args` name it, `pos` is the 0-based offset."""

    def __init__(self, code: str, pos: int = 0, **args: Any) -> None:
        super().__init__(f"{code} at {pos}: {args}")
        self.code = code
        self.pos = pos
        self.args_ = args
