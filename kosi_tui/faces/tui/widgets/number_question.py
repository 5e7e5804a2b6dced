"""Numbers and dates typed the way the interface language writes them (`1.500,50`, `24.12.2026`
in German), with what was understood.

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


class _Written(QuestionWidget):
    """A value typed as text, written the way the interface language writes it."""

    question: Number | Date
    KIND = ""
    """The input's class beside `answer-input`."""

    def written(self, value: Any) -> str | None:
        """`value` as this language writes it; None for what is not a value of this kind."""
        raise NotImplementedError

    def placeholder(self) -> str:
        """What the empty input shows."""
        raise NotImplementedError

    def understood(self, value: Any) -> str:
        """What the hint says was understood."""
        raise NotImplementedError

    def compose_input(self) -> ComposeResult:
        self._typed_in = self.lang
        shown = self.written(self.value)
        yield Input(
            value=_typed(self.value) if shown is None else shown,
            placeholder=self.placeholder(),
            classes=f"answer-input {self.KIND}",
            select_on_focus=False,  # a key typed into a resumed answer must not replace it
        )

    def relabel_input(self) -> None:
        field = self.query_one(Input)
        field.placeholder = self.placeholder()
        # What was typed the other language's way is written this language's way (12,5 is
        # 12.5 in English, and read as 125 if left as it was); anything else stays as typed.
        typed = self.question.parse(field.value.strip(), self._typed_in).value
        self._typed_in = self.lang
        shown = None if typed is None else self.written(typed)
        if shown is not None:
            field.value = shown
        self._read(field.value.strip())

    def _read(self, text: str) -> Any:
        """The value in `text` (None if none), said in the hint."""
        value = self.question.parse(text, self.lang).value
        self.set_hint(
            "" if value is None else t("ui.understood", self.lang, value=self.understood(value))
        )
        return value

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        text = event.value.strip()
        value = self._read(text)
        self.answer((text or None) if value is None else value)


@widget_for(Number)
class NumberQuestion(_Written):
    """An integer or decimal number."""

    question: Number
    KIND = "answer-number"

    def written(self, value: Any) -> str | None:
        return format_number(value, self.lang) if is_number(value) else None

    def placeholder(self) -> str:
        return example_placeholder(self.question, self.lang)

    def understood(self, value: Any) -> str:
        return self.question.display(value, self.lang)[0]


@widget_for(Date)
class DateQuestion(_Written):
    """A date."""

    question: Date
    KIND = "answer-date"

    def written(self, value: Any) -> str | None:
        return format_date(value, self.lang) if isinstance(value, dt.date) else None

    def placeholder(self) -> str:
        return t("ui.date_placeholder", self.lang)

    def understood(self, value: Any) -> str:
        weekday = locale(self.lang).weekdays[value.weekday()]
        return f"{weekday}, {format_date(value, self.lang)}"
