"""Answers as people read them: choice labels instead of ids, German numbers, dates, units."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kosi_tui.core.canvas import (
    AnyQuestion,
    Choice,
    Column,
    Date,
    MultiChoice,
    Number,
    Scale,
    SingleChoice,
    Table,
)
from kosi_tui.core.numbers import format_date, format_number, is_money
from kosi_tui.core.text import localize


def choice_label(choices: list[Choice] | None, choice_id: Any, lang: str) -> str:
    """The label of a choice, or the id itself when the canvas no longer offers it."""
    for choice in choices or []:
        if choice.id == choice_id:
            return localize(choice.label, lang)
    return str(choice_id)


def scalar_text(value: Any, lang: str, unit: str | dict[str, str] | None = None) -> str:
    """A single value as text."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        unit_text = localize(unit, lang) if unit else ""
        # Sums of money always with cents (18.500,50, not 18.500,5); other numbers as precise
        # as they were given, an integer question's without decimals.
        text = format_number(value, lang, 2 if is_money(unit_text) else None)
        return f"{text} {unit_text}" if unit_text else text
    if isinstance(value, dt.date):
        return format_date(value, lang)
    return str(value)


def cell_text(column: Column, value: Any, lang: str) -> str:
    """One table cell as text."""
    if value is None or value == "" or value == []:
        return ""
    if column.type == "choice":
        return choice_label(column.choices, value, lang)
    if column.type == "multi_choice" and isinstance(value, list):
        return ", ".join(choice_label(column.choices, v, lang) for v in value)
    return scalar_text(value, lang, column.unit)


def answer_items(question: AnyQuestion, value: Any, lang: str) -> list[str]:
    """The answer as a list of texts (one for most types, several for lists and multi-choice)."""
    if value is None:
        return []
    match question:
        case SingleChoice():
            return [choice_label(question.choices, value, lang)]
        case MultiChoice():
            values = value if isinstance(value, list) else [value]
            return [choice_label(question.choices, v, lang) for v in values]
        case Scale():
            label = question.labels.get(value) if isinstance(value, int) else None
            text = f"{scalar_text(value, lang)} / {question.max}"
            return [f"{text} – {localize(label, lang)}" if label else text]
        case Number():
            return [scalar_text(value, lang, question.unit)]
        case Date():
            return [scalar_text(value, lang)]
        case Table():
            rows = value if isinstance(value, list) else []
            return [
                " | ".join(cell_text(c, row.get(c.id), lang) for c in question.columns)
                for row in rows
                if isinstance(row, dict)
            ]
    if isinstance(value, list):
        return [str(v) for v in value if str(v).strip()]
    return [scalar_text(value, lang)]


def answer_text(question: AnyQuestion, value: Any, lang: str) -> str:
    """The answer as one line of text."""
    return "; ".join(answer_items(question, value, lang))
