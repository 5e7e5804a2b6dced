"""A workshop's answers for Excel: one row per participant, one column per question in canvas
order, numbers as numbers and dates as dates; each table question on a sheet of its own.

Written as .xlsx (openpyxl) or as .csv the way German Excel opens it: `;` between fields, UTF-8
with a byte-order mark, a decimal comma. Text from files can never become a formula: in .xlsx
every text cell is stored as text, in .csv a text starting with `=`, `+`, `-`, `@` gets a leading
apostrophe (the usual guard against formula injection; storage/spreadsheet_text.py).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from dataclasses import dataclass
from typing import Any, assert_never

from kosi_tui.core.canvas import AnyQuestion, Info, Table
from kosi_tui.core.display import cell_text
from kosi_tui.core.kinds.forms import Amount, Day, Entries, Options, Points, Rows, Writing
from kosi_tui.core.numbers import format_date, is_money, is_number
from kosi_tui.core.text import localize
from kosi_tui.core.visible_text import for_report
from kosi_tui.i18n import t
from kosi_tui.report.anonymous import identifies, named_columns
from kosi_tui.report.extras import need
from kosi_tui.report.group_sheet import GROUP_SHEET_KEY, group_rows, round_label
from kosi_tui.report.workshop import Participant, Workshop
from kosi_tui.storage.spreadsheet_text import csv_text, set_text

Cell = str | int | float | dt.date | None


PRINTABLE_WIDTH = 200
"""Column width units (characters) one landscape A4 page prints at about two thirds of full size."""


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


def _rows_text(question: Table, value: Any, anonymous: bool, lang: str) -> str:
    """A table answer in one cell: "1) Akteur: …; Sektor: … 2) …"."""
    named = named_columns(question) if anonymous else frozenset()
    texts = []
    for n, row in enumerate(value if isinstance(value, list) else [], start=1):
        if not isinstance(row, dict):
            continue
        cells = [
            f"{localize(c.label, lang)}: {text}"
            for c in question.columns
            if c.id not in named and (text := cell_text(c, row.get(c.id), lang))
        ]
        texts.append(f"{n}) " + "; ".join(cells))
    return " ".join(texts)


def answer_cell(p: Participant, key: str, lang: str, anonymous: bool = False) -> Cell:
    """One answer as a spreadsheet cell: a number, a date, or text."""
    question = p.session.compiled.questions[key].question
    value = p.session.value(key)
    if value is None or isinstance(question, Info):
        return None
    # A number or a date as the spreadsheet's own kind of cell, so it can be summed and sorted;
    # a table as its rows, each cell with its column's name (its rows also have a sheet and a
    # file of their own); else the answer as read.
    form = question.form(lang)
    match form:
        case Amount() | Points() if (n := _number(value)) is not None:
            return n
        case Day() if isinstance(value, dt.date):
            return value
        case Rows():
            assert isinstance(question, Table)
            return _rows_text(question, value, anonymous, lang) or None
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
    compiled = workshop.compiled
    header += [
        round_label(compiled, k, localize(compiled.questions[k].question.label, lang), lang)
        for k in keys
    ]
    # Each person's scores after the answers, as numbers, so Excel sorts and compares them; a
    # group canvas's figures are the group's, not a draft's, and stay out.
    scores = [] if workshop.compiled.canvas.group else workshop.compiled.canvas.evaluation.scores
    header += [localize(s.label, lang) for s in scores]
    rows: list[list[Cell]] = [header]
    for i, p in enumerate(workshop.participants, start=1):
        rows.append([
            *_person(p, i, anonymous, lang),
            *(answer_cell(p, k, lang, anonymous) for k in keys),
            *(p.scores.get(s.id) for s in scores),
        ])  # fmt: skip
    return rows


def question_rows(workshop: Workshop, anonymous: bool, lang: str) -> list[list[Cell]]:
    """The sheet for reading on paper: one row per question and participant, in canvas order –
    four columns that print legibly where the main sheet has a column per question."""
    header: list[Cell] = [
        t("summary.col_number", lang),
        t("summary.col_question", lang),
        t("summary.col_person", lang),
        t("summary.col_choice", lang),
    ]
    rows: list[list[Cell]] = [header]
    keys = set(_keys(workshop, anonymous))
    for s_number, section in enumerate(workshop.compiled.canvas.sections, start=1):
        q_number = 0
        for question in section.questions:
            if isinstance(question, Info):
                continue
            q_number += 1
            key = f"{section.id}.{question.id}"
            if key not in keys:
                continue
            label = round_label(workshop.compiled, key, localize(question.label, lang), lang)
            for i, p in enumerate(workshop.participants, start=1):
                cell = answer_cell(p, key, lang, anonymous)
                if cell is None:
                    continue
                value = p.session.value(key)
                text = cell if isinstance(cell, str) else "; ".join(question.display(value, lang))
                rows.append(
                    [f"{s_number}.{q_number}", label, _person(p, i, anonymous, lang)[0], text]
                )
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


@dataclass(frozen=True)
class Sheet:
    """One sheet of the workbook, and one CSV file."""

    title: str
    """What it holds: "Teilnehmende" or the table question."""
    key: str
    """The table question's key (`akteure.tabelle`); empty for the sheet of all answers;
    `GROUP_SHEET_KEY` for a group game's figures per round."""
    rows: list[list[Cell]]
    """A header row, then the data."""
    money: frozenset[int]
    """The columns (from 0) that hold euros."""
    widths: tuple[float, ...] = ()
    """Column widths in characters; empty: from the content."""


def _unit(question: AnyQuestion, lang: str) -> str:
    form = None if isinstance(question, Info) else question.form(lang)
    return form.unit if isinstance(form, Amount) else ""


def _money_columns(workshop: Workshop, anonymous: bool, lang: str) -> frozenset[int]:
    """The columns of `answer_rows` whose numbers are amounts of money."""
    first = len(_people_header(anonymous, lang))
    units = [
        _unit(workshop.compiled.questions[k].question, lang) for k in _keys(workshop, anonymous)
    ]
    scores = [] if workshop.compiled.canvas.group else workshop.compiled.canvas.evaluation.scores
    units += [localize(s.unit, lang) if s.unit else "" for s in scores]
    return frozenset(first + i for i, unit in enumerate(units) if unit and is_money(unit))


def sheets(workshop: Workshop, anonymous: bool, lang: str) -> list[Sheet]:
    """Every answer: one sheet with a row per participant, one per table question."""
    found = [
        Sheet(
            t("summary.sheet_people", lang),
            "",
            answer_rows(workshop, anonymous, lang),
            _money_columns(workshop, anonymous, lang),
        )
    ]
    for key in _keys(workshop, anonymous):
        question = workshop.compiled.questions[key].question
        if isinstance(question, Table):
            named = named_columns(question) if anonymous else frozenset()
            columns = [c for c in question.columns if c.id not in named]
            money = frozenset(
                i + 1
                for i, c in enumerate(columns)
                if c.type == "number" and c.unit and is_money(localize(c.unit, lang))
            )
            found.append(
                Sheet(localize(question.label, lang), key,
                      table_rows(workshop, key, anonymous, lang), money)
            )  # fmt: skip
    if group := group_rows(workshop, lang):
        found.append(Sheet(t("sheets.group_sheet", lang), GROUP_SHEET_KEY, group, frozenset()))
    return found


_SHEET_LIMIT = 31
"""Excel's longest sheet name."""


def _cut(text: str, limit: int) -> str:
    """`text` at most `limit` characters long, cut after a whole word where there is one."""
    if len(text) <= limit:
        return text
    head = text[: limit + 1]
    cut = head.rsplit(" ", 1)[0] if " " in head.strip() else text[:limit]
    return cut.rstrip(" ,;:–-") or text[:limit]


def _sheet_title(text: str, taken: set[str]) -> str:
    """A sheet name Excel accepts: at most 31 characters, cut at a word, none of []:*?/\\',
    unique (a number in brackets where two would be equal)."""
    clean = " ".join(re.sub(r"[\[\]:*?/\\']", " ", for_report(text)).split()) or "Tabelle"
    n = 1
    while True:
        suffix = f" ({n})" if n > 1 else ""
        name = _cut(clean, _SHEET_LIMIT - len(suffix)) + suffix
        if name.casefold() not in taken:
            taken.add(name.casefold())
            return name
        n += 1


def _money_format(rows: list[list[Cell]], column: int) -> str:
    """Euros with a thousands separator; cents only where some amount has them."""
    cents = any(isinstance(v := row[column], float) and not v.is_integer() for row in rows[1:])
    return '#,##0.00 "€"' if cents else '#,##0 "€"'


_LINE_PT = 15.0
"""The height of a line of Excel's default 11 pt text."""


def _row_height(row: list[Cell], widths: list[float]) -> float:
    """A row's height in points for its wrapped text: Excel and LibreOffice keep the default
    one-line height for rows of a written file, and wrapped lines would print over each other.
    A column `width` holds about that many characters of a line."""
    lines = 1
    for value, width in zip(row, widths, strict=False):
        if isinstance(value, str):
            per_line = max(1, int(width * 0.95))
            lines = max(lines, sum(-(-len(part) // per_line) or 1 for part in value.split("\n")))
    return min(409.0, lines * _LINE_PT)


def write_xlsx(workshop: Workshop, anonymous: bool, lang: str) -> bytes:
    """The answers as an Excel workbook that prints: landscape, as wide as the page, the header
    repeated on every page, text wrapped, amounts in euros, a filter on every header;
    raises `MissingExtra` without the `office` extra."""
    openpyxl = need("openpyxl", "Excel", "openpyxl", "office")
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = openpyxl.Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    wrapped = Alignment(wrap_text=True, vertical="top")
    found_sheets = sheets(workshop, anonymous, lang)
    by_question = Sheet(
        t("summary.sheet_questions", lang),
        "",
        question_rows(workshop, anonymous, lang),
        frozenset(),
        (6, 45, 22, 80),
    )
    for found in [found_sheets[0], by_question, *found_sheets[1:]]:
        sheet = book.create_sheet(_sheet_title(found.title, taken))
        rows = found.rows
        money = {c: _money_format(rows, c) for c in found.money}
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                cell = sheet.cell(row=r, column=c)
                if isinstance(value, str):
                    set_text(cell, for_report(value))
                else:
                    cell.value = value
                if isinstance(value, dt.date):
                    cell.number_format = "DD.MM.YYYY"
                elif isinstance(value, int | float) and c - 1 in money:
                    cell.number_format = money[c - 1]
                cell.alignment = wrapped
                if r == 1:
                    cell.font = Font(bold=True)
        sheet.freeze_panes = "B2"
        width = len(rows[0])
        sheet.auto_filter.ref = f"A1:{get_column_letter(width)}{len(rows)}"
        for c, fixed in enumerate(found.widths, start=1):
            sheet.column_dimensions[get_column_letter(c)].width = fixed
        for c in range(len(found.widths) + 1, width + 1):
            # Wide enough for the longest word and, up to a limit, the longest text; wrapped.
            texts = [str(row[c - 1] or "") for row in rows[:50]]
            word = max((len(w) for text in texts for w in text.split()), default=8)
            longest = max((len(text) for text in texts[1:]), default=8)
            sheet.column_dimensions[get_column_letter(c)].width = min(
                50, max(10, word + 2, min(longest + 2, 40))
            )
        widths = [sheet.column_dimensions[get_column_letter(c)].width for c in range(1, width + 1)]
        for r, row in enumerate(rows, start=1):
            sheet.row_dimensions[r].height = _row_height(row, widths)
        setup = sheet.page_setup
        setup.orientation = "landscape"
        setup.paperSize = sheet.PAPERSIZE_A4
        # As many pages wide as it takes to print at about two thirds of full size at least: one
        # page wide, a sheet of 107 answers shrank to type nobody could read. Each page then
        # repeats the first column (who answered) as well as the header row.
        pages_wide = max(1, math.ceil(sum(widths) / PRINTABLE_WIDTH))
        setup.fitToWidth = pages_wide
        setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_title_rows = "1:1"
        if pages_wide > 1:
            sheet.print_title_cols = "A:A"
        sheet.print_options.gridLines = True
        sheet.oddHeader.center.text = "&A"
        sheet.oddFooter.center.text = "&P / &N"
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
    return csv_text(" ".join(for_report(value).split()))


def _csv_bytes(rows: list[list[Cell]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in rows:
        writer.writerow([_csv_text(v) for v in row])
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


def write_csv(workshop: Workshop, anonymous: bool, lang: str) -> bytes:
    """The main sheet as CSV for German Excel: `;`, UTF-8 with byte-order mark, decimal comma."""
    return _csv_bytes(answer_rows(workshop, anonymous, lang))


def table_csvs(workshop: Workshop, anonymous: bool, lang: str) -> list[tuple[str, bytes]]:
    """Each table question's rows as a CSV file of its own: the part of the file name that
    tells them apart (`akteure-tabelle`), and the bytes."""
    return [
        (found.key.replace(".", "-").replace("_", "-"), _csv_bytes(found.rows))
        for found in sheets(workshop, anonymous, lang)[1:]
    ]
