"""`long_text`: several lines of text."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import StrictStr

from kosi_tui.core.expr.types import Type
from kosi_tui.core.kinds.base import Parsed, QuestionBase, Typed, max_length, unreadable
from kosi_tui.core.kinds.forms import Writing
from kosi_tui.core.kinds.issue import Issue
from kosi_tui.core.kinds.short_text import CHARS_PER_LINE
from kosi_tui.core.text_type import Text


class LongText(QuestionBase, Typed):
    """Several lines of text."""

    type: Literal["long_text"]
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

    def display(self, value: Any, lang: str) -> list[str]:
        return [value if isinstance(value, str) else unreadable(lang)]

    def form(self, lang: str) -> Writing:
        # Room for the longest answer the canvas allows, else five lines.
        limit = max_length(self.validate_)
        lines = 5 if limit is None else max(3, min(12, -(-limit // CHARS_PER_LINE)))
        return Writing(lines, paragraphs=True)
