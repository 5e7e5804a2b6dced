"""`long_text`: several lines of text (a text answer like `short_text`'s)."""

from __future__ import annotations

from typing import Literal

from kosi_tui.core.kinds.base import max_length
from kosi_tui.core.kinds.forms import Writing
from kosi_tui.core.kinds.short_text import CHARS_PER_LINE, TextQuestion


class LongText(TextQuestion):
    """Several lines of text."""

    type: Literal["long_text"]

    def form(self, lang: str) -> Writing:
        # Room for the longest answer the canvas allows, else five lines.
        limit = max_length(self.validate_)
        lines = 5 if limit is None else max(3, min(12, -(-limit // CHARS_PER_LINE)))
        return Writing(lines, paragraphs=True)
