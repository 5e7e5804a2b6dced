"""`multi_choice`: any number of choices, optionally bounded."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from kosi_tui.core.expr.types import Type
from kosi_tui.core.kinds.base import (
    Choice,
    Findings,
    Parsed,
    QuestionBase,
    Typed,
    choice_label,
    pick_several,
    picked,
)
from kosi_tui.core.kinds.forms import Options
from kosi_tui.core.kinds.issue import Issue, count_issues
from kosi_tui.core.kinds.single_choice import choice_literal, options


class MultiChoice(QuestionBase, Typed):
    """Any number of choices, optionally bounded."""

    type: Literal["multi_choice"]
    choices: Annotated[list[Choice], Field(min_length=1)]
    min_selected: Annotated[int, Field(ge=0)] | None = None
    max_selected: Annotated[int, Field(ge=1)] | None = None

    def answer_schema(self) -> Any:
        return list[choice_literal(self.choices)]  # type: ignore[misc]

    def expr_type(self, name: str) -> Type:
        return Type("choices", tuple(c.id for c in self.choices), name)

    def shape_issue(self, value: Any) -> Issue:
        return Issue("choose_listed")

    def bounds(self, value: Any) -> list[Issue]:
        if len(set(value)) != len(value):
            return [Issue("choose_listed")]
        return count_issues(len(value), self.min_selected, self.max_selected, "selected")

    def parse(self, text: str, lang: str) -> Parsed:
        return picked(pick_several(self.choices, text), self.choices) if text.strip() else Parsed()

    def display(self, value: Any, lang: str) -> list[str]:
        values = value if isinstance(value, list) else [value]
        return [choice_label(self.choices, v, lang) for v in values]

    def check(self, findings: Findings) -> None:
        findings.duplicates([c.id for c in self.choices], ("choices",), "choice")
        n = len(self.choices)
        lo, hi = self.min_selected, self.max_selected
        if lo is not None and hi is not None and lo > hi:
            findings.add(("min_selected",), "min_over_max", min=lo, max=hi)
        if lo is not None and lo > n:
            findings.add(("min_selected",), "min_over_choices", min=lo, count=n)

    def form(self, lang: str) -> Options:
        return options(self.choices, lang, several=True)
