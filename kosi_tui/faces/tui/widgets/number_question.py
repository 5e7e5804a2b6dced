"""Numbers and dates typed the German way (`1.500,50`, `24.12.2026`), with what was understood.

The kind reads the text (`parse`); what cannot be read as a number or date is kept as typed, so
that nothing is lost, and the validator then asks for a correction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input

from kosi_tui.core.canvas import Date, Number
from kosi_tui.core.examples import placeholder as example_placeholder
from kosi_tui.core.kinds.base import is_number
from kosi_tui.core.numbers import format_date, format_number
from kosi_tui.faces.tui.widgets.question import QuestionWidget
from kosi_tui.faces.tui.widgets.registry import widget_for
from kosi_tui.i18n import t
from kosi_tui.i18n.locales import locale


def _typed(value: Any) -> str:
    """Text kept as typed; nothing for a value that is no text (a hand-edited draft)."""
    return value if isinstance(value, str) else ""


@widget_for(Number)
class NumberQuestion(QuestionWidget):
    """An integer or decimal number."""

    question: Number

    def compose_input(self) -> ComposeResult:
        shown = (
            format_number(self.value, self.lang) if is_number(self.value) else _typed(self.value)
        )
        placeholder = example_placeholder(self.question, self.lang)
        yield Input(
            value=shown,
            placeholder=placeholder,
            classes="answer-input answer-number",
            select_on_focus=False,  # a key typed into a resumed answer must not replace it
        )

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        text = event.value.strip()
        parsed = self.question.parse(text, self.lang)
        if parsed.value is None:
            self.set_hint("")
            self.answer(text or None)
        else:
            shown = self.question.display(parsed.value, self.lang)[0]
            self.set_hint(t("ui.understood", self.lang, value=shown))
            self.answer(parsed.value)


@widget_for(Date)
class DateQuestion(QuestionWidget):
    """A date."""

    question: Date

    def compose_input(self) -> ComposeResult:
        value = self.value
        shown = format_date(value, self.lang) if isinstance(value, dt.date) else _typed(value)
        yield Input(
            value=shown,
            placeholder=t("ui.date_placeholder", self.lang),
            classes="answer-input answer-date",
            select_on_focus=False,  # a key typed into a resumed answer must not replace it
        )

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        text = event.value.strip()
        day = self.question.parse(text, self.lang).value
        if day is None:
            self.set_hint("")
            self.answer(text or None)
        else:
            weekday = locale(self.lang).weekdays[day.weekday()]
            self.set_hint(
                t("ui.understood", self.lang, value=f"{weekday}, {format_date(day, self.lang)}")
            )
            self.answer(day)
