"""XLSX workbooks read and written so that nothing in a cell runs.

Reading: formulas come back as their text (never a value an office program cached), every text
through `printable` like YAML's; the zip is measured before openpyxl inflates it. Writing: a text
that starts like a formula stays a text (storage/spreadsheet_text.py).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kosi_tui.core.visible_text import printable
from kosi_tui.storage.problems import Problem, ProblemsError
from kosi_tui.storage.spreadsheet_text import set_text
from kosi_tui.storage.yaml_source import read_file

if TYPE_CHECKING:
    from types import ModuleType

MAX_INFLATED = 64 * 1024 * 1024
"""Most bytes the workbook's parts may take unpacked (a canvas's workbook takes well under 1 MB)."""
MAX_CELLS = 200_000

Cell = str | int | float | bool | dt.date | None


@dataclass(frozen=True)
class CellProblem(Problem):
    """A problem in a workbook cell: rendered as FILE!SHEET:ROW:COLUMN."""

    sheet: str = ""
    column: str = ""

    def render(self, lang: str) -> str:
        """`FILE!SHEET:ROW:COLUMN: error: message`, as a spreadsheet names a cell."""
        from kosi_tui.i18n import t

        level = t(f"severity.{self.severity}", lang)
        where = (
            f"{self.file}!{self.sheet}:{self.line}:{self.column}" if self.sheet else str(self.file)
        )
        return f"{where}: {level}: {self.message(lang)}"


def column_letter(col: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def openpyxl_module(file: Path) -> ModuleType:
    """openpyxl, or a problem saying which extra brings it."""
    try:
        import openpyxl
    except ImportError:
        raise ProblemsError.one(file, "xlsx_needs_office") from None
    return openpyxl  # type: ignore[no-any-return]


def _cell_value(value: Any) -> Cell:
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return printable(value) if value.strip() else None
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else printable(value.isoformat())
    if isinstance(value, dt.date):
        return value
    # An array formula or anything else openpyxl makes of a cell: its text, never run.
    text = getattr(value, "text", None)
    return printable(str(text if text is not None else value))


def read_sheets(file: Path, raw: bytes | None = None) -> dict[str, list[list[Cell]]]:
    """Every sheet's rows of cell values (formulas as text) of the workbook in `file` (or its
    bytes `raw`, already read); raises `ProblemsError`."""
    raw = read_file(file) if raw is None else raw
    openpyxl = openpyxl_module(file)
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_INFLATED:
                raise ProblemsError.one(file, "xlsx_too_large", {"limit": MAX_INFLATED})
        book = openpyxl.load_workbook(io.BytesIO(raw), data_only=False, read_only=True)
    except ProblemsError:
        raise
    except Exception as err:  # openpyxl raises whatever its parsers meet in a broken file
        raise ProblemsError.one(file, "xlsx_unreadable", {"detail": type(err).__name__}) from None
    sheets: dict[str, list[list[Cell]]] = {}
    count = 0
    try:
        for sheet in book.worksheets:
            rows: list[list[Cell]] = []
            for row in sheet.iter_rows(values_only=True):
                count += len(row)
                if count > MAX_CELLS:
                    raise ProblemsError.one(file, "xlsx_too_large", {"limit": MAX_INFLATED})
                rows.append([_cell_value(v) for v in row])
            sheets[printable(sheet.title)] = rows
    except ProblemsError:
        raise
    except Exception as err:
        raise ProblemsError.one(file, "xlsx_unreadable", {"detail": type(err).__name__}) from None
    finally:
        book.close()
    return sheets


def workbook_bytes(file: Path, sheets: dict[str, list[list[Cell]]]) -> bytes:
    """An XLSX workbook of these sheets (first row a bold header), texts kept as texts."""
    openpyxl = openpyxl_module(file)
    from openpyxl.styles import Alignment, Font

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        widths: dict[int, int] = {}
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is None:
                    continue
                cell = sheet.cell(row=r, column=c)
                if isinstance(value, str):
                    set_text(cell, value)
                    if "\n" in value:
                        cell.alignment = Alignment(wrap_text=True, vertical="top")
                else:
                    cell.value = value
                if r == 1:
                    cell.font = Font(bold=True)
                widths[c] = max(widths.get(c, 8), min(60, len(str(value)) + 2))
        for c, width in widths.items():
            sheet.column_dimensions[column_letter(c)].width = width
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
