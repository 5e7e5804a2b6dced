"""Typst source made from people's text, and its compilation to PDF or pictures.

Text never reaches Typst as markup: every text is a Typst string literal (`"…"`), which Typst
sets exactly as written. Inside the literal only the backslash and the quote are special; line
breaks become `\\n`. Before that, `for_report` shows control characters and drops bidi controls,
as in every other report.
"""

from __future__ import annotations

from typing import Any

from kosi_tui.core.visible_text import for_report
from kosi_tui.report.extras import need


def lit(text: str) -> str:
    """`text` as a Typst string literal."""
    shown = for_report(text).replace("\r\n", "\n").replace("\r", "\n")
    escaped = shown.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def array(items: list[str]) -> str:
    """Typst code items as a Typst array."""
    # A trailing comma keeps a one-element array an array in Typst.
    return "(" + "".join(f"{item}, " for item in items) + ")"


def compile_typst(source: str, fmt: str = "pdf", ppi: float | None = None) -> Any:
    """The compiled document: PDF bytes, or for `png` one image per page (bytes or a list).

    Only the fonts built into Typst are used, so a PDF looks the same on every machine and
    carries its fonts.
    """
    typst = need("typst", "PDF", "typst", "pdf")
    options: dict[str, Any] = {"format": fmt, "ignore_system_fonts": True}
    if ppi is not None:
        options["ppi"] = ppi
    return typst.compile(source.encode("utf-8"), **options)
