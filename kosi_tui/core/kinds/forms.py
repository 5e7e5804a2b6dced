"""What an answer is made of, in a few neutral shapes that every face and writer knows.

A question kind says which shape its answer takes; blank copies draw the shape's answer area,
plain mode asks for it, the report lays it out and the workshop summary counts it. A new kind
whose answer takes a known shape (yes/no is a choice of two) needs none of them changed. Texts
here are already in the reader's language; nothing here knows Markdown, Typst or a terminal.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Writing:
    """Free text: `lines` is how much room a handwritten answer needs; `paragraphs` says whether
    the answer may run over several lines (else it is one line)."""

    lines: int
    paragraphs: bool = False


@dataclass(frozen=True)
class Options:
    """One (or, with `several`, any number) of fixed options: each its stored value and label."""

    options: tuple[tuple[Any, str], ...]
    several: bool = False

    @property
    def labels(self) -> list[str]:
        """The options' labels, in order."""
        return [label for _, label in self.options]


@dataclass(frozen=True)
class Points:
    """A whole number from `low` to `high`; `labels` name some or all points."""

    low: int
    high: int
    labels: dict[int, str]

    @property
    def points(self) -> list[int]:
        """Every point, from low to high."""
        return list(range(self.low, self.high + 1))


@dataclass(frozen=True)
class Amount:
    """A number, with its unit (empty when it has none)."""

    unit: str


@dataclass(frozen=True)
class Day:
    """A calendar date."""


@dataclass(frozen=True)
class Entries:
    """A list of short texts; `count` is how many lines a blank copy offers."""

    count: int


@dataclass(frozen=True)
class Cell:
    """One column of a table: free text, a number, or options to tick."""

    id: str
    label: str
    number: bool = False
    options: Options | None = None


@dataclass(frozen=True)
class Rows:
    """A table: `count` is how many empty rows a blank copy offers."""

    columns: tuple[Cell, ...]
    count: int


Form = Writing | Options | Points | Amount | Day | Entries | Rows
"""Every shape an answer can take; switches over it end in `assert_never`."""
