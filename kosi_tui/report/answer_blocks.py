"""How an answer becomes blocks of a document, by the shape its kind gives it: a rating, items,
prose, a table with totals. Used by the report's sections and its "Auf einen Blick" page."""

from __future__ import annotations

import math
from typing import Any, assert_never

from kosi_tui.core.canvas import (
    AnswerQuestion,
    Column,
    Info,
    Table,
)
from kosi_tui.core.display import scalar_text
from kosi_tui.core.kinds.forms import Amount, Day, Entries, Options, Points, Rows, Writing
from kosi_tui.core.numbers import is_number
from kosi_tui.core.session import Session
from kosi_tui.core.text import localize
from kosi_tui.i18n import t
from kosi_tui.report.document import (
    Block,
    Grid,
    Items,
    Line,
    Prose,
    Rating,
)

RATING_MAX = 10
"""A number column bounded to at most this is a rating (likelihood 1–5), not an amount to sum."""


def _sums(column: Column) -> bool:
    return column.type == "number" and (column.max is None or column.max > RATING_MAX)


def table_grid(question: Table, value: list[Any], lang: str) -> Grid:
    """A table answer: amounts right-aligned, and a total row where a column holds amounts."""
    rows = [row for row in value if isinstance(row, dict)]
    header = [localize(c.label, lang) for c in question.columns]
    # Every row, one that is no mapping (a hand-edited draft) said to be unreadable.
    cells = [question.cells(row, lang) for row in value]
    right = frozenset(i for i, c in enumerate(question.columns) if c.type == "number")
    total: list[str] | None = None
    summed = [i for i, c in enumerate(question.columns) if _sums(c)]
    if summed and len(rows) > 1:
        total = [""] * len(header)
        for i in summed:
            column = question.columns[i]
            numbers = [
                v
                for row in rows
                if isinstance(v := row.get(column.id), int | float) and not isinstance(v, bool)
            ]
            # No total beside a cell shown as unreadable: it would leave that cell out unsaid.
            if numbers and all(is_number(n) for n in numbers):
                total[i] = scalar_text(round(math.fsum(numbers), 2), lang, column.unit)
        first_text = next((i for i in range(len(header)) if i not in summed), None)
        if first_text is None:
            return Grid(header, cells, right)
        total[first_text] = t("report.total", lang)
    return Grid(header, cells, right, total)


def answer_blocks(session: Session, key: str, lang: str) -> list[Block]:
    """The answer to `key` as blocks (nothing when unanswered), with its issues as notes."""
    question = session.compiled.questions[key].question
    value = session.value(key)
    if value is None or isinstance(question, Info):
        return []
    out: list[Block] = [answer_block(question, value, lang)]
    for issue in session.issues(key, include_required=False):
        out.append(Line(t("report.issue", lang, message=issue.message(lang)), "note"))
    return out


def answer_block(question: AnswerQuestion, value: Any, lang: str) -> Block:
    """An answer laid out by the shape its kind gives it: a point on a scale as a rating, several
    options or entries as items, text with paragraphs as prose, a table as a grid."""
    shown = question.display(value, lang)
    form = question.form(lang)
    match form:
        case Rows():
            if isinstance(question, Table) and isinstance(value, list):
                return table_grid(question, value, lang)
            return Line(" ".join(shown))
        case Points(low=low, high=high):
            # Only a point on the scale is drawn: 9 on a scale to 5 would overfill the rating.
            fits = isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
            return Rating(value, low, high, shown[0]) if fits else Line(shown[0])
        case Options(several=True) | Entries():
            return Items(shown)
        case Writing(paragraphs=True):
            return Prose(shown[0])
        case Writing() | Options() | Amount() | Day():
            return Line(" ".join(shown))
        case _:
            assert_never(form)
