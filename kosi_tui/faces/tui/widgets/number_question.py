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
        self._typed_in = self.lang
        yield Input(
            value=shown,
            placeholder=placeholder,
            classes="answer-input answer-number",
            select_on_focus=False,  # a key typed into a resumed answer must not replace it
        )

    def relabel_input(self) -> None:
        field = self.query_one(Input)
        field.placeholder = example_placeholder(self.question, self.lang)
        # A number typed the other language's way is written this language's way (12,5 is
        # 12.5 in English, and read as 125 if left as it was); anything else stays as typed.
        typed = self.question.parse(field.value.strip(), self._typed_in).value
        self._typed_in = self.lang
        if typed is not None:
            field.value = format_number(typed, self.lang)
        self._understood(field.value.strip())

    def _understood(self, text: str) -> Any:
        """The number in `text` (None if none), said in the hint."""
        parsed = self.question.parse(text, self.lang)
        if parsed.value is None:
            self.set_hint("")
        else:
            shown = self.question.display(parsed.value, self.lang)[0]
            self.set_hint(t("ui.understood", self.lang, value=shown))
        return parsed.value

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        text = event.value.strip()
        value = self._understood(text)
        self.answer((text or None) if value is None else value)


@widget_for(Date)
class DateQuestion(QuestionWidget):
    """A date."""

    question: Date

    def compose_input(self) -> ComposeResult:
        value = self.value
        shown = format_date(value, self.lang) if isinstance(value, dt.date) else _typed(value)
        self._typed_in = self.lang
        yield Input(
            value=shown,
            placeholder=t("ui.date_placeholder", self.lang),
            classes="answer-input answer-date",
            select_on_focus=False,  # a key typed into a resumed answer must not replace it
        )

    def relabel_input(self) -> None:
        field = self.query_one(Input)
        field.placeholder = t("ui.date_placeholder", self.lang)
        # A date typed the other language's way is written this language's way.
        typed = self.question.parse(field.value.strip(), self._typed_in).value
        self._typed_in = self.lang
        if typed is not None:
            field.value = format_date(typed, self.lang)
        self._understood(field.value.strip())

    def _understood(self, text: str) -> dt.date | None:
        """The day in `text` (None if none), said in the hint with its weekday."""
        day: dt.date | None = self.question.parse(text, self.lang).value
        if day is None:
            self.set_hint("")
        else:
            weekday = locale(self.lang).weekdays[day.weekday()]
            self.set_hint(
                t("ui.understood", self.lang, value=f"{weekday}, {format_date(day, self.lang)}")
            )
        return day

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        text = event.value.strip()
        day = self._understood(text)
        self.answer((text or None) if day is None else day)
