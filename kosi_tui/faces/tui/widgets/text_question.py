"""Single-line and multi-line text, with a character count where the canvas sets a limit."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, TextArea

from kosi_tui.core.canvas import LongText, ShortText
from kosi_tui.core.examples import placeholder as example_placeholder
from kosi_tui.core.kinds.base import max_length
from kosi_tui.faces.tui.widgets.question import QuestionWidget
from kosi_tui.faces.tui.widgets.registry import widget_for
from kosi_tui.i18n import t


def _typed(value: Any) -> str:
    """The text to edit: the answer, or nothing when the draft holds no text (edited by hand)."""
    return value if isinstance(value, str) else ""


class _Counted(QuestionWidget):
    """Text questions show how many characters are left where the canvas sets a limit."""

    question: ShortText | LongText

    def _count(self, text: str) -> None:
        limit = max_length(self.question.validate_)
        if limit:
            self.set_hint(t("ui.chars", self.lang, count=len(text.strip()), max=limit))

    def field(self) -> Input | TextArea:
        """Where the answer is typed."""
        raise NotImplementedError

    def on_mount(self) -> None:
        self._count(_typed(self.value))

    def relabel_input(self) -> None:
        field = self.field()
        field.placeholder = example_placeholder(self.question, self.lang)
        self._count(field.value if isinstance(field, Input) else field.text)


class AnswerLine(Input):
    """A line that shows the start of a long answer while it has no focus, and continues at the
    end when it gets it.

    Otherwise it kept showing where the cursor last was – the end, cut mid-word ("neten – Bitte
    um…") – and nobody could tell which answer it was.
    """

    def on_blur(self) -> None:
        self.cursor_position = 0

    def on_focus(self) -> None:
        self.cursor_position = len(self.value)


@widget_for(ShortText)
class ShortTextQuestion(_Counted):
    """One line of text."""

    question: ShortText

    def compose_input(self) -> ComposeResult:
        placeholder = example_placeholder(self.question, self.lang)
        # No select-all on focus: the first key typed into a resumed answer must not replace it.
        yield AnswerLine(
            value=_typed(self.value),
            placeholder=placeholder,
            classes="answer-input",
            select_on_focus=False,
        )

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._count(event.value)
        self.answer(event.value)

    def field(self) -> Input | TextArea:
        return self.query_one(AnswerLine)


@widget_for(LongText)
class LongTextQuestion(_Counted):
    """Several lines of text."""

    question: LongText

    def compose_input(self) -> ComposeResult:
        area = TextArea(
            _typed(self.value), soft_wrap=True, tab_behavior="focus", classes="answer-area"
        )
        area.placeholder = example_placeholder(self.question, self.lang)
        yield area

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        event.stop()
        text = event.text_area.text
        self._count(text)
        self.answer(text)

    def field(self) -> Input | TextArea:
        return self.query_one(TextArea)

    def lines_at_least(self) -> int:
        return 7
