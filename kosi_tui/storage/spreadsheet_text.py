"""Texts written into spreadsheet cells so that Excel and LibreOffice never run them.

A cell whose text starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a formula
by the office programs ("CSV injection", OWASP): `=HYPERLINK("http://…";"…")` in a participant's
answer would become a link, `@SUM(A1)` a sum. Every writer of a CSV or an XLSX file asks this
module. Only texts are neutralised: a number (also a negative one) is written as a number.
"""

from __future__ import annotations

from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What an office program reads as the start of a formula (OWASP's list)."""


def looks_like_formula(text: str) -> bool:
    """Whether an office program would read `text`, typed into a cell, as a formula."""
    return text.startswith(FORMULA_START)


def csv_text(text: str) -> str:
    """`text` for a CSV field: with a leading apostrophe where it would start a formula, so
    the program shows it as text (the apostrophe stays visible; OWASP's advice)."""
    return "'" + text if looks_like_formula(text) else text


def set_text(cell: Any, text: str) -> None:
    """Write `text` into an openpyxl cell as a text cell, never a formula: openpyxl stores a
    str starting with `=` as a formula unless the cell's type is set to string; the quote
    prefix keeps it text when someone edits the cell in Excel or LibreOffice."""
    cell.value = text
    cell.data_type = "s"
    if looks_like_formula(text):
        cell.quotePrefix = True
