"""`single_choice`: exactly one of several choices."""

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
    pick,
    picked,
)
from kosi_tui.core.kinds.forms import Options
from kosi_tui.core.kinds.issue import Issue
from kosi_tui.core.text import localize


def choice_literal(choices: list[Choice]) -> Any:
    """The Pydantic type of one choice's id."""
    return Literal.__getitem__(tuple(c.id for c in choices))


def options(choices: list[Choice], lang: str, several: bool = False) -> Options:
    """Choices as options: each id with its label in `lang`."""
    return Options(tuple((c.id, localize(c.label, lang)) for c in choices), several)


class SingleChoice(QuestionBase, Typed):
    """Exactly one of several choices."""

    type: Literal["single_choice"]
    choices: Annotated[list[Choice], Field(min_length=1)]

    def answer_schema(self) -> Any:
        return choice_literal(self.choices)

    def expr_type(self, name: str) -> Type:
        return Type("choice", tuple(c.id for c in self.choices), name)

    def shape_issue(self, value: Any) -> Issue:
        return Issue("choose_one")

    def bounds(self, value: Any) -> list[Issue]:
        return []

    def parse(self, text: str, lang: str) -> Parsed:
        return picked(pick(self.choices, text), self.choices) if text.strip() else Parsed()

    def display(self, value: Any, lang: str) -> list[str]:
        return [choice_label(self.choices, value, lang)]

    def check(self, findings: Findings) -> None:
        findings.duplicates([c.id for c in self.choices], ("choices",), "choice")

    def form(self, lang: str) -> Options:
        return options(self.choices, lang)
