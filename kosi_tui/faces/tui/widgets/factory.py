"""Picks the widget for a question's type."""

from __future__ import annotations

from typing import Any

from kosi_tui.core.canvas import (
    AnyQuestion,
    Date,
    Info,
    ListQuestion,
    LongText,
    MultiChoice,
    Number,
    Scale,
    ShortText,
    SingleChoice,
    Table,
)
from kosi_tui.faces.tui.widgets.choice_question import MultiChoiceQuestion, SingleChoiceQuestion
from kosi_tui.faces.tui.widgets.info_question import InfoBlock
from kosi_tui.faces.tui.widgets.list_question import ListQuestionWidget
from kosi_tui.faces.tui.widgets.number_question import DateQuestion, NumberQuestion
from kosi_tui.faces.tui.widgets.question import QuestionWidget
from kosi_tui.faces.tui.widgets.scale_question import ScaleQuestion
from kosi_tui.faces.tui.widgets.table_question import TableQuestion
from kosi_tui.faces.tui.widgets.text_question import LongTextQuestion, ShortTextQuestion

WIDGETS: dict[type, type[QuestionWidget]] = {
    ShortText: ShortTextQuestion,
    LongText: LongTextQuestion,
    SingleChoice: SingleChoiceQuestion,
    MultiChoice: MultiChoiceQuestion,
    Scale: ScaleQuestion,
    Number: NumberQuestion,
    Date: DateQuestion,
    ListQuestion: ListQuestionWidget,
    Table: TableQuestion,
    Info: InfoBlock,
}


def question_widget(
    key: str, question: AnyQuestion, value: Any, lang: str, required: bool
) -> QuestionWidget:
    """The widget for one question."""
    return WIDGETS[type(question)](key, question, value, lang, required)
