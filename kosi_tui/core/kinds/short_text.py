"""`short_text`: a single line of text; and what it shares with `long_text`."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import StrictStr

from kosi_tui.core.expr.types import Type
from kosi_tui.core.kinds.base import Parsed, QuestionBase, Typed, max_length, unreadable
from kosi_tui.core.kinds.forms import Writing
from kosi_tui.core.kinds.issue import Issue
from kosi_tui.core.text_type import Text

CHARS_PER_LINE = 75
"""About what one handwritten line across an A4 page holds."""


class TextQuestion(QuestionBase, Typed):
    """What the text kinds share: a text answer, checked by length and pattern rules."""

    placeholder: Text | None = None

    RULES = frozenset({"rule", "length", "pattern"})

    def answer_schema(self) -> Any:
        return StrictStr

    def expr_type(self, name: str) -> Type:
        return Type("text", name=name)

    def shape_issue(self, value: Any) -> Issue:
        return Issue("text")

    def bounds(self, value: Any) -> list[Issue]:
        return []

    def parse(self, text: str, lang: str) -> Parsed:
        return Parsed(text.strip() or None)

    HOLDS_STEPS: ClassVar[bool] = True

    def steps(self, value: Any) -> list[str]:
        """The whole text as one step."""
        return [value.strip()] if isinstance(value, str) and value.strip() else []

    def display(self, value: Any, lang: str) -> list[str]:
        return [value if isinstance(value, str) else unreadable(lang)]


class ShortText(TextQuestion):
    """A single line of text."""

    type: Literal["short_text"]
    prefill: Literal["organisation", "author"] | None = None
    """Starts a new draft with what the person gave when starting it, so nobody types it twice."""

    def form(self, lang: str) -> Writing:
        limit = max_length(self.validate_)
        return Writing(1 if limit is None or limit <= CHARS_PER_LINE else 2)
