"""`scale`: a whole number from `min` to `max`, with labels for some or all points."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field, StrictInt

from kosi_tui.core.expr.types import Type
from kosi_tui.core.kinds.base import Findings, Parsed, QuestionBase, Typed, unreadable
from kosi_tui.core.kinds.forms import Points
from kosi_tui.core.kinds.issue import Issue, outside, range_issue
from kosi_tui.core.text import localize
from kosi_tui.core.text_type import Text
from kosi_tui.i18n import t


class Scale(QuestionBase, Typed):
    """A whole number from `min` to `max`, with labels for some or all points."""

    type: Literal["scale"]
    min: int = 1
    max: int = 5
    labels: dict[int, Text] = Field(default_factory=dict)

    RULES = frozenset({"rule", "range"})

    def answer_schema(self) -> Any:
        return StrictInt

    def expr_type(self, name: str) -> Type:
        return Type("number", name=name)

    def shape_issue(self, value: Any) -> Issue:
        return Issue("scale_point", {"min": self.min, "max": self.max})

    def bounds(self, value: Any) -> list[Issue]:
        return [range_issue(self.min, self.max)] if outside(value, self.min, self.max) else []

    def point(self, value: Any) -> int | None:
        """The chosen point, or None when `value` is no point of this scale."""
        if isinstance(value, int) and not isinstance(value, bool) and self.min <= value <= self.max:
            return value
        return None

    def parse(self, text: str, lang: str) -> Parsed:
        text = text.strip()
        if not text:
            return Parsed()
        if re.fullmatch(r"[+-]?\d{1,9}", text):
            return Parsed(int(text))
        return Parsed(issue=self.shape_issue(text))

    def display(self, value: Any, lang: str) -> list[str]:
        point = self.point(value)
        if point is not None:
            text = t("report.scale_value", lang, value=point, max=self.max)
            label = self.labels.get(point)
            return [f"{text} – {localize(label, lang)}" if label else text]
        if isinstance(value, int) and not isinstance(value, bool):
            return [t("answer.off_scale", lang, value=value, min=self.min, max=self.max)]
        return [value if isinstance(value, str) else unreadable(lang)]

    def check(self, findings: Findings) -> None:
        findings.bounds(("min",), self.min, self.max)
        for point in self.labels:
            if not self.min <= point <= self.max:
                findings.add(
                    ("labels", point),
                    "label_outside_scale",
                    point=point,
                    min=self.min,
                    max=self.max,
                )

    def form(self, lang: str) -> Points:
        labels = {p: localize(text, lang) for p, text in self.labels.items()}
        return Points(self.min, self.max, labels)
