"""Answers as people read them: choice labels instead of ids, German numbers, dates, units.

Each kind says how its answers read (`display` in its module under `kinds/`); these are the
entry points the reports and faces use.
"""

from __future__ import annotations

from typing import Any

from kosi_tui.core.canvas import AnyQuestion, Column, Info
from kosi_tui.core.kinds.base import choice_label, scalar_text

__all__ = ["answer_items", "answer_text", "cell_text", "choice_label", "scalar_text"]


def cell_text(column: Column, value: Any, lang: str) -> str:
    """One table cell as text."""
    return column.display(value, lang)


def answer_items(question: AnyQuestion, value: Any, lang: str) -> list[str]:
    """The answer as a list of texts (one for most types, several for lists and multi-choice)."""
    if value is None or isinstance(question, Info):
        return []
    return question.display(value, lang)


def answer_text(question: AnyQuestion, value: Any, lang: str) -> str:
    """The answer as one line of text."""
    return "; ".join(answer_items(question, value, lang))
