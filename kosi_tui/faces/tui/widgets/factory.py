"""Picks the widget for a question's kind, from the widgets registered beside their classes."""

from __future__ import annotations

from typing import Any

from kosi_tui.core.canvas import AnyQuestion

# Imported for their registration (`@widget_for`): one line per widget module.
from kosi_tui.faces.tui.widgets import (  # noqa: F401
    choice_question,
    info_question,
    list_question,
    number_question,
    scale_question,
    table_question,
    text_question,
    yes_no_question,
)
from kosi_tui.faces.tui.widgets.question import QuestionWidget
from kosi_tui.faces.tui.widgets.registry import WIDGETS


def question_widget(key: str, question: AnyQuestion, value: Any, required: bool) -> QuestionWidget:
    """The widget for one question."""
    return WIDGETS[type(question)](key, question, value, required)
