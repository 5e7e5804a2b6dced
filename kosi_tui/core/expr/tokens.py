"""Splits expression source into tokens."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

from kosi_tui.core.expr.errors import ExprError

Kind = Literal["num", "str", "name", "op", "end"]

KEYWORDS = frozenset(
    {"and", "or", "not", "in", "contains", "is", "empty", "true", "false", "value", "null", "where"}
)

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<num>\d+(?:\.\d+)?)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)
  | (?P<op>==|!=|<=|>=|<|>|\+|-|\*|/|\(|\)|\[|\]|,)
  | (?P<str>'|")
    """,
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Token:
    """One token with its 0-based offset in the source."""

    kind: Kind
    text: str
    pos: int
    value: object = None


def _read_string(source: str, start: int) -> tuple[str, int]:
    quote = source[start]
    out: list[str] = []
    i = start + 1
    while i < len(source):
        ch = source[i]
        if ch == "\\" and i + 1 < len(source) and source[i + 1] in (quote, "\\"):
            out.append(source[i + 1])
            i += 2
            continue
        if ch == quote:
            return "".join(out), i + 1
        out.append(ch)
        i += 1
    raise ExprError("unclosed_string", start)


def tokenize(source: str) -> list[Token]:
    """The tokens of `source`, ending with an `end` token."""
    tokens: list[Token] = []
    i = 0
    while i < len(source):
        m = _TOKEN.match(source, i)
        if m is None:
            raise ExprError("bad_character", i, char=source[i])
        kind = m.lastgroup
        if kind == "ws":
            i = m.end()
        elif kind == "str":
            text, end = _read_string(source, i)
            tokens.append(Token("str", source[i:end], i, text))
            i = end
        elif kind == "num":
            try:
                number: object = int(m.group()) if "." not in m.group() else Decimal(m.group())
            except (ValueError, InvalidOperation):  # pragma: no cover - regex guarantees digits
                raise ExprError("bad_number", i, text=m.group()) from None
            if isinstance(number, Decimal):
                number = float(number)
            tokens.append(Token("num", m.group(), i, number))
            i = m.end()
        else:
            tokens.append(Token("name" if kind == "name" else "op", m.group(), i))
            i = m.end()
    tokens.append(Token("end", "", len(source)))
    return tokens
