"""`number`: an integer or a decimal number, optionally with unit and bounds."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import StrictInt

from kosi_tui.core.expr.types import Type
from kosi_tui.core.kinds.base import Findings, Number_, Parsed, QuestionBase, Typed, scalar_text
from kosi_tui.core.kinds.forms import Amount
from kosi_tui.core.kinds.issue import Issue, outside, range_issue
from kosi_tui.core.numbers import parse_number
from kosi_tui.core.text import localize
from kosi_tui.core.text_type import Text
from kosi_tui.core.units import unit_name


def parse_amount(text: str, lang: str, integer: bool) -> Parsed:
    """A number typed the way `lang` writes it (`1.500,50`); also for table cells."""
    if not text.strip():
        return Parsed()
    number = parse_number(text, lang)
    if number is None:
        return Parsed(issue=Issue("whole_number" if integer else "number"))
    if integer and isinstance(number, float) and number.is_integer():
        number = int(number)
    return Parsed(number)


def amount_schema(integer: bool) -> Any:
    """The Pydantic type of a number answer (or cell)."""
    return StrictInt if integer else Number_


class Number(QuestionBase, Typed):
    """An integer or a decimal number, optionally with unit and bounds."""

    type: Literal["number"]
    integer: bool = False
    unit: Text | None = None
    min: float | None = None
    max: float | None = None

    RULES = frozenset({"rule", "range"})

    def answer_schema(self) -> Any:
        return amount_schema(self.integer)

    def expr_type(self, name: str) -> Type:
        return Type("number", name=name)

    def shape_issue(self, value: Any) -> Issue:
        return Issue("whole_number" if self.integer else "number")

    def bounds(self, value: Any) -> list[Issue]:
        return [range_issue(self.min, self.max)] if outside(value, self.min, self.max) else []

    def parse(self, text: str, lang: str) -> Parsed:
        return parse_amount(text, lang, self.integer)

    def display(self, value: Any, lang: str) -> list[str]:
        return [scalar_text(value, lang, self.unit)]

    def check(self, findings: Findings) -> None:
        if self.min is not None and self.max is not None and self.min > self.max:
            findings.add(("min",), "min_over_max", min=self.min, max=self.max)

    def form(self, lang: str) -> Amount:
        return Amount(unit_name(localize(self.unit, lang)) if self.unit else "")
