"""Examples that contradict their question: "z. B. 12" for a scale from 1 to 5, or an example of a
choice that the question does not offer. kosi validate warns; a person would take the example as
a hint of what may be answered."""

from __future__ import annotations

import datetime as dt
import re

from kosi_tui.core.canvas import Date, MultiChoice, Number, Scale, SingleChoice, Table
from kosi_tui.core.checks.context import CheckContext
from kosi_tui.core.findings import DataPath
from kosi_tui.core.kinds.base import Choice
from kosi_tui.core.numbers import format_date, format_number, parse_date, parse_number

_UNIT_AFTER = re.compile(r"^\s*([+-]?[\d.,' ]*\d)\s*(?:€|%|[^\W\d_][\w ./²³-]*)?\s*$")
"""A number, perhaps followed by a unit or a word: "6.000 €", "12 m²", "25 %"."""


def check_examples(ctx: CheckContext) -> None:
    """A warning for each example outside its question's bounds or choices, in each language."""
    for si, section in enumerate(ctx.canvas.sections):
        for qi, question in enumerate(section.questions):
            example = getattr(question, "example", None)
            if not example:
                continue
            texts = example.items() if isinstance(example, dict) else [("de", example)]
            for lang, text in texts:
                where: DataPath = ("sections", si, "questions", qi, "example")
                if isinstance(example, dict):
                    where = (*where, lang)
                _check(ctx, question, text, lang, where)


def _check(ctx: CheckContext, question: object, text: str, lang: str, where: DataPath) -> None:
    match question:
        case Number(min=low, max=high) | Scale(min=low, max=high):
            number = _number(text, lang)
            if number is not None and not _within(number, low, high):
                ctx.add(where, "example_outside_bounds", "warning", example=text,
                        bounds=_bounds(low, high, lang))  # fmt: skip
        case Date(min=low, max=high):
            day = parse_date(text)
            if day is not None and not _within_dates(day, low, high):
                ctx.add(where, "example_outside_bounds", "warning", example=text,
                        bounds=_date_bounds(low, high, lang))  # fmt: skip
        case SingleChoice(choices=choices) | MultiChoice(choices=choices):
            parts = [text] if isinstance(question, SingleChoice) else re.split(r"[;,]", text)
            for part in (p.strip() for p in parts):
                if part and not _names_choice(part, choices):
                    ctx.add(where, "example_not_a_choice", "warning", example=part,
                            choices=", ".join(_label(c, lang) for c in choices))  # fmt: skip
        case Table(columns=columns):
            cells = text.split("|")
            if len(cells) < 2:
                return
            for column, cell in zip(columns, cells, strict=False):
                if column.type != "number":
                    continue
                number = _number(cell, lang)
                if number is not None and not _within(number, column.min, column.max):
                    ctx.add(where, "example_cell_outside_bounds", "warning", example=cell.strip(),
                            column=_label_text(column.label, lang),
                            bounds=_bounds(column.min, column.max, lang))  # fmt: skip


def _number(text: str, lang: str) -> float | int | None:
    match = _UNIT_AFTER.match(text)
    return parse_number(match.group(1), lang) if match else None


def _within(number: float, low: float | None, high: float | None) -> bool:
    return (low is None or number >= low) and (high is None or number <= high)


def _within_dates(day: dt.date, low: dt.date | None, high: dt.date | None) -> bool:
    return (low is None or day >= low) and (high is None or day <= high)


def _bounds(low: float | None, high: float | None, lang: str) -> str:
    shown = [format_number(b, lang) if b is not None else "…" for b in (low, high)]
    return " – ".join(shown)


def _date_bounds(low: dt.date | None, high: dt.date | None, lang: str) -> str:
    return " – ".join(format_date(b, lang) if b is not None else "…" for b in (low, high))


def _names_choice(text: str, choices: list[Choice]) -> bool:
    """Whether `text` names a choice: its id, its label or a part of it ("Mittel Dritter" for
    "Mittel Dritter (Stiftung, …)"), or the label's lead before a colon ("Zuwendung an den
    Verein" for "Zuwendung: die Kommune fördert …")."""
    wanted = text.casefold()
    for choice in choices:
        labels = choice.label.values() if isinstance(choice.label, dict) else [choice.label]
        for label in (choice.id, *labels):
            written = label.casefold()
            if wanted in written or wanted.startswith(_lead(written)):
                return True
    return False


def _lead(label: str) -> str:
    return re.split(r"[:(]", label, maxsplit=1)[0].strip() or label


def _label(choice: Choice, lang: str) -> str:
    return _label_text(choice.label, lang)


def _label_text(label: str | dict[str, str], lang: str) -> str:
    from kosi_tui.core.text import localize

    return localize(label, lang)
