"""`yes_no`: yes or no. The answer is `true` or `false`, and expressions see it as a truth value
(`if(mandat.beschluss, 1, 0)`, `not mandat.beschluss`)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import StrictBool

from kosi_tui.core.expr.types import Type
from kosi_tui.core.kinds.base import Parsed, QuestionBase, Typed, unreadable
from kosi_tui.core.kinds.forms import Options
from kosi_tui.core.kinds.issue import Issue
from kosi_tui.i18n import t
from kosi_tui.i18n.locales import LOCALES

TYPED = {
    True: {"1"}.union(*(spoken.yes_words for spoken in LOCALES.values())),
    False: {"2"}.union(*(spoken.no_words for spoken in LOCALES.values())),
}
"""What may be typed for yes and for no, in any language: the options' numbers or the words."""


class YesNo(QuestionBase, Typed):
    """Yes or no."""

    type: Literal["yes_no"]

    def answer_schema(self) -> Any:
        return StrictBool

    def expr_type(self, name: str) -> Type:
        return Type("bool", name=name)

    def shape_issue(self, value: Any) -> Issue:
        return Issue("yes_no")

    def bounds(self, value: Any) -> list[Issue]:
        return []

    def parse(self, text: str, lang: str) -> Parsed:
        word = text.strip().lower()
        if not word:
            return Parsed()
        for answer, words in TYPED.items():
            if word in words:
                return Parsed(answer)
        return Parsed(issue=self.shape_issue(text))

    def display(self, value: Any, lang: str) -> list[str]:
        if isinstance(value, bool):
            return [t("answer.yes" if value else "answer.no", lang)]
        return [value if isinstance(value, str) else unreadable(lang)]

    def form(self, lang: str) -> Options:
        return Options(((True, t("answer.yes", lang)), (False, t("answer.no", lang))))
