"""One thing wrong with an answer, as a message code with arguments, said in the reader's language."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from kosi_tui.core.numbers import format_date, format_number
from kosi_tui.core.text import localize
from kosi_tui.i18n import t


@dataclass(frozen=True)
class Issue:
    """One thing wrong with an answer: a message code and arguments, or the canvas's own text."""

    code: str
    args: dict[str, Any] = field(default_factory=dict)
    custom: str | dict[str, str] | None = None
    row: int | None = None
    """For table answers: the 0-based row the issue is about."""
    column: str | dict[str, str] | None = None
    """For table answers: the label of the column, where the message does not name it itself."""

    def message(self, lang: str) -> str:
        """The message in `lang`, numbers and dates written the way that language writes them."""
        if self.custom is not None:
            text = localize(self.custom, lang)
        else:
            args = {k: _show(v, lang) for k, v in self.args.items()}
            text = t(f"answer.{self.code}", lang, **args)
        column = localize(self.column, lang) if self.column is not None else None
        if self.row is not None and column is not None:
            text = t("answer.in_cell", lang, row=self.row + 1, column=column) + " " + text
        elif self.row is not None:
            text = t("answer.in_row", lang, row=self.row + 1) + " " + text
        elif column is not None:
            text = t("answer.in_column", lang, column=column) + " " + text
        return text


def _show(value: Any, lang: str) -> Any:
    if isinstance(value, dict | str):
        return localize(value, lang)
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return format_number(value, lang)
    if isinstance(value, dt.date):
        return format_date(value, lang)
    return value


def range_issue(lo: float | None, hi: float | None) -> Issue:
    """A number outside `lo`..`hi` (either may be open)."""
    if lo is not None and hi is not None:
        return Issue("between", {"min": lo, "max": hi})
    if lo is not None:
        return Issue("at_least", {"min": lo})
    return Issue("at_most", {"max": hi})


def outside(value: float, lo: float | None, hi: float | None) -> bool:
    """Whether `value` lies below `lo` or above `hi`."""
    return (lo is not None and value < lo) or (hi is not None and value > hi)


def count_issues(n: int, lo: int | None, hi: int | None, what: str) -> list[Issue]:
    """Too few or too many of something counted (`selected`, `items`, `rows`)."""
    if lo is not None and n < lo:
        return [Issue(f"{what}_min", {"min": lo, "count": n})]
    if hi is not None and n > hi:
        return [Issue(f"{what}_max", {"max": hi, "count": n})]
    return []
