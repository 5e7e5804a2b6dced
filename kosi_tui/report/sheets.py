"""A workshop's answers for Excel: one row per participant, one column per question in canvas
order, numbers as numbers and dates as dates; each table question on a sheet of its own.

Written as .xlsx (openpyxl) or as .csv the way German Excel opens it: `;` between fields, UTF-8
with a byte-order mark, a decimal comma. Text from files can never become a formula: in .xlsx
every text cell is stored as text, in .csv a text starting with `=`, `+`, `-`, `@` gets a leading
apostrophe (the usual guard against formula injection).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import Any, assert_never

from kosi_tui.core.canvas import Info, Table
from kosi_tui.core.display import cell_text
from kosi_tui.core.kinds.forms import Amount, Day, Entries, Options, Points, Rows, Writing
from kosi_tui.core.numbers import format_date, is_number
from kosi_tui.core.text import localize
from kosi_tui.core.visible_text import for_report
from kosi_tui.i18n import t
from kosi_tui.report.anonymous import identifies, named_columns
from kosi_tui.report.extras import need
from kosi_tui.report.workshop import Participant, Workshop

Cell = str | int | float | dt.date | None
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _person(p: Participant, index: int, anonymous: bool, lang: str) -> list[Cell]:
    if anonymous:
        return [t("summary.person", lang, n=index)]
    return [p.draft.author or p.path.stem, p.draft.organisation, p.path.name]


def _people_header(anonymous: bool, lang: str) -> list[str]:
    if anonymous:
        return [t("summary.col_person", lang)]
    return [
        t("summary.col_person", lang),
        t("report.organisation", lang),
        t("summary.col_file", lang),
    ]


def _number(value: Any) -> int | float | None:
    return value if is_number(value) else None


def answer_cell(p: Participant, key: str, lang: str) -> Cell:
    """One answer as a spreadsheet cell: a number, a date, or text."""
    question = p.session.compiled.questions[key].question
    value = p.session.value(key)
    if value is None or isinstance(question, Info):
        return None
    # A number or a date as the spreadsheet's own kind of cell, so it can be summed and sorted;
    # a table as its count of rows (its rows have a sheet of their own); else the answer as read.
    form = question.form(lang)
    match form:
        case Amount() | Points() if (n := _number(value)) is not None:
            return n
        case Day() if isinstance(value, dt.date):
            return value
        case Rows():
            return len(value) if isinstance(value, list) else None
        case Amount() | Points() | Day() | Writing() | Options() | Entries():
            return "; ".join(question.display(value, lang))
        case _:
            assert_never(form)


def _keys(workshop: Workshop, anonymous: bool = False) -> list[str]:
    """The questions with a column; anonymous, without those whose answers name someone."""
    return [
        key
        for key, located in workshop.compiled.questions.items()
        if not isinstance(located.question, Info)
        and not (anonymous and identifies(located.question))
    ]


def answer_rows(workshop: Workshop, anonymous: bool, lang: str) -> list[list[Cell]]:
    """The main sheet: a header row, then one row per participant."""
    keys = _keys(workshop, anonymous)
    header: list[Cell] = [*_people_header(anonymous, lang)]
    header += [localize(workshop.compiled.questions[k].question.label, lang) for k in keys]
    # Each person's scores after the answers, as numbers, so Excel sorts and compares them; a
    # group canvas's figures are the group's, not a draft's, and stay out.
    scores = [] if workshop.compiled.canvas.group else workshop.compiled.canvas.evaluation.scores
    header += [localize(s.label, lang) for s in scores]
    rows: list[list[Cell]] = [header]
    for i, p in enumerate(workshop.participants, start=1):
        rows.append([
            *_person(p, i, anonymous, lang),
            *(answer_cell(p, k, lang) for k in keys),
            *(p.scores.get(s.id) for s in scores),
        ])  # fmt: skip
    return rows


def table_rows(workshop: Workshop, key: str, anonymous: bool, lang: str) -> list[list[Cell]]:
    """A table question's sheet: one row per table row, with whose it is."""
    question = workshop.compiled.questions[key].question
    assert isinstance(question, Table)
    named = named_columns(question) if anonymous else frozenset()
    columns = [c for c in question.columns if c.id not in named]
    header: list[Cell] = [t("summary.col_person", lang)]
    header += [localize(c.label, lang) for c in columns]
    rows: list[list[Cell]] = [header]
    for i, p in enumerate(workshop.participants, start=1):
        value = p.session.value(key)
        who = _person(p, i, anonymous, lang)[0]
        for row in value if isinstance(value, list) else []:
            if not isinstance(row, dict):
                continue
            cells: list[Cell] = [who]
            for column in columns:
                raw = row.get(column.id)
                number = _number(raw) if column.type == "number" else None
                cells.append(number if number is not None else cell_text(column, raw, lang) or None)
            rows.append(cells)
    return rows


def _sheet_title(text: str, taken: set[str]) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\, unique."""
    base = re.sub(r"[\[\]:*?/\\']", " ", for_report(text)).strip()[:28] or "Tabelle"
    name, n = base, 2
    while name.lower() in taken:
        name, n = f"{base[:25]} ({n})", n + 1
    taken.add(name.lower())
    return name


def write_xlsx(workshop: Workshop, anonymous: bool, lang: str) -> bytes:
    """The answers as an Excel workbook; raises `MissingExtra` without the `office` extra."""
    openpyxl = need("openpyxl", "Excel", "openpyxl", "office")
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    taken: set[str] = set()
    sheets = [
        (book.active, t("summary.sheet_people", lang), answer_rows(workshop, anonymous, lang))
    ]
    for key in _keys(workshop, anonymous):
        question = workshop.compiled.questions[key].question
        if isinstance(question, Table):
            sheets.append(
                (
                    book.create_sheet(),
                    localize(question.label, lang),
                    table_rows(workshop, key, anonymous, lang),
                )
            )
    for sheet, title, rows in sheets:
        sheet.title = _sheet_title(title, taken)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                cell = sheet.cell(row=r, column=c)
                if isinstance(value, str):
                    cell.value = for_report(value)
                    # Stored as text: "=SUMME(…)" typed into a draft stays text in Excel.
                    cell.data_type = "s"
                else:
                    cell.value = value
                if isinstance(value, dt.date):
                    cell.number_format = "DD.MM.YYYY"
                if r == 1:
                    cell.font = Font(bold=True)
        sheet.freeze_panes = "B2"
        for c in range(1, len(rows[0]) + 1):
            longest = max((len(str(row[c - 1] or "")) for row in rows[:50]), default=8)
            sheet.column_dimensions[openpyxl.utils.get_column_letter(c)].width = min(
                50, max(10, longest + 2)
            )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _csv_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value).replace(".", ",") if not value.is_integer() else str(int(value))
    if isinstance(value, dt.date):
        return format_date(value, "de")
    text = " ".join(for_report(value).split())
    return "'" + text if text.startswith(_FORMULA_START) else text


def write_csv(workshop: Workshop, anonymous: bool, lang: str) -> bytes:
    """The main sheet as CSV for German Excel: `;`, UTF-8 with byte-order mark, decimal comma."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in answer_rows(workshop, anonymous, lang):
        writer.writerow([_csv_text(v) for v in row])
    return "\ufeff".encode() + out.getvalue().encode("utf-8")
