"""Numbers and dates typed the German way (`1.500,50`, `24.12.2026`), with what was understood.

What cannot be read as a number or date is kept as typed, so that nothing is lost; the validator
then asks for a correction.
"""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input

from kosi_tui.core.canvas import Date, Number
from kosi_tui.core.display import scalar_text
from kosi_tui.core.numbers import format_date, format_number, parse_date, parse_number
from kosi_tui.core.text import localize
from kosi_tui.faces.tui.widgets.question import QuestionWidget
from kosi_tui.i18n import t

WEEKDAYS = {
    "de": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}


class NumberQuestion(QuestionWidget):
    """An integer or decimal number."""

    question: Number

    def compose_input(self) -> ComposeResult:
        shown = (
            format_number(self.value, self.lang)
            if isinstance(self.value, int | float)
            else str(self.value or "")
        )
        placeholder = localize(self.question.example, self.lang) if self.question.example else ""
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
        number = parse_number(text, self.lang)
        if (
            number is not None
            and self.question.integer
            and isinstance(number, float)
            and number.is_integer()
        ):
            number = int(number)
        if not text:
            self.set_hint("")
            self.answer(None)
        elif number is None:
            self.set_hint("")
            self.answer(text)
        else:
            self.set_hint(
                t(
                    "ui.understood",
                    self.lang,
                    value=scalar_text(number, self.lang, self.question.unit),
                )
            )
            self.answer(number)


class DateQuestion(QuestionWidget):
    """A date."""

    question: Date

    def compose_input(self) -> ComposeResult:
        shown = (
            format_date(self.value, self.lang)
            if isinstance(self.value, dt.date)
            else str(self.value or "")
        )
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
        day = parse_date(text)
        if not text:
            self.set_hint("")
            self.answer(None)
        elif day is None:
            self.set_hint("")
            self.answer(text)
        else:
            weekday = WEEKDAYS.get(self.lang, WEEKDAYS["de"])[day.weekday()]
            self.set_hint(
                t("ui.understood", self.lang, value=f"{weekday}, {format_date(day, self.lang)}")
            )
            self.answer(day)
