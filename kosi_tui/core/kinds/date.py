"""`date`: a calendar date, optionally bounded."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from kosi_tui.core.expr.types import Type
from kosi_tui.core.kinds.base import Findings, Parsed, QuestionBase, Typed, scalar_text
from kosi_tui.core.kinds.forms import Day
from kosi_tui.core.kinds.issue import Issue
from kosi_tui.core.numbers import days_in_month, impossible_date, parse_date


class Date(QuestionBase, Typed):
    """A calendar date."""

    type: Literal["date"]
    min: dt.date | None = None
    max: dt.date | None = None

    def answer_schema(self) -> Any:
        return dt.date

    def expr_type(self, name: str) -> Type:
        return Type("date", name=name)

    def shape_issue(self, value: Any) -> Issue:
        if isinstance(value, str) and (wrong := impossible_date(value)):
            day, month, year = wrong
            if not 1 <= month <= 12:
                return Issue("date_no_month", {"month": month})
            return Issue("date_no_day", {"days": days_in_month(month, year), "day": day})
        return Issue("date")

    def bounds(self, value: Any) -> list[Issue]:
        if self.min is not None and value < self.min:
            return [Issue("date_after", {"min": self.min})]
        if self.max is not None and value > self.max:
            return [Issue("date_before", {"max": self.max})]
        return []

    def parse(self, text: str, lang: str) -> Parsed:
        if not text.strip():
            return Parsed()
        day = parse_date(text)
        return Parsed(day) if day is not None else Parsed(issue=self.shape_issue(text))

    def display(self, value: Any, lang: str) -> list[str]:
        # A number is no date, though `scalar_text` would write it.
        return [scalar_text(value if isinstance(value, dt.date | str) else None, lang)]

    def check(self, findings: Findings) -> None:
        if self.min is not None and self.max is not None and self.min > self.max:
            findings.add(("min",), "min_over_max", min=self.min, max=self.max)

    def form(self, lang: str) -> Day:
        return Day()
