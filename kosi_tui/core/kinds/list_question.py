"""`list`: a list of short texts, optionally bounded (the module is not called `list.py`, which
would hide the built-in `list` in this package)."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field, StrictStr

from kosi_tui.core.expr.types import Type
from kosi_tui.core.kinds.base import Findings, Parsed, QuestionBase, Typed, unreadable
from kosi_tui.core.kinds.forms import Entries
from kosi_tui.core.kinds.issue import Issue, count_issues
from kosi_tui.core.text_type import Text


class ListQuestion(QuestionBase, Typed):
    """A list of short texts."""

    type: Literal["list"]
    min_items: Annotated[int, Field(ge=0)] | None = None
    max_items: Annotated[int, Field(ge=1)] | None = None
    placeholder: Text | None = None

    RULES = frozenset({"rule", "length", "pattern"})

    def answer_schema(self) -> Any:
        return list[StrictStr]

    def expr_type(self, name: str) -> Type:
        return Type("list", name=name)

    def shape_issue(self, value: Any) -> Issue:
        return Issue("list")

    def bounds(self, value: Any) -> list[Issue]:
        items = [v for v in value if v.strip()]
        return count_issues(len(items), self.min_items, self.max_items, "items")

    def parse(self, text: str, lang: str) -> Parsed:
        """One item per line."""
        items = [line.strip() for line in text.splitlines() if line.strip()]
        return Parsed(items or None)

    HOLDS_STEPS: ClassVar[bool] = True

    def steps(self, value: Any) -> list[str]:
        """One step per item."""
        return [str(v) for v in value if str(v).strip()] if isinstance(value, list) else []

    def display(self, value: Any, lang: str) -> list[str]:
        values = value if isinstance(value, list) else [value]
        return [_item(v, lang) for v in values if not (isinstance(v, str) and not v.strip())]

    def check(self, findings: Findings) -> None:
        lo, hi = self.min_items, self.max_items
        if lo and hi and lo > hi:
            findings.add(("min_items",), "min_over_max", min=lo, max=hi)

    def form(self, lang: str) -> Entries:
        count = max(self.min_items or 0, 4)
        return Entries(min(count, self.max_items) if self.max_items else count)


def _item(value: Any, lang: str) -> str:
    # A number written into the file by hand (`- 2025`) reads as written, not as an amount.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value if isinstance(value, str) else unreadable(lang)
