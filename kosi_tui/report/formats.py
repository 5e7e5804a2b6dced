"""The output formats kosi writes: the one list that the command line, the overview's export keys,
the command palette and the browser downloads of `kosi serve` derive from.

Adding a format is one entry here and one writer module (docs/adding-an-output-format.md);
`tests/unit/test_formats.py` checks that every entry is complete and reachable.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # the command line reads this list before anything else is imported
    from kosi_tui.report.document import Document

Extra = Literal["pdf", "office"]
Kind = Literal["document", "sheet"]


@dataclass(frozen=True)
class Format:
    """One output format."""

    key: str
    """What `--format` takes and what identifies the format everywhere (`md`, `pdf`)."""
    label: str
    """The name people know it by, in every language (Markdown, Word)."""
    suffixes: tuple[str, ...]
    """File endings that mean this format; the first is the one kosi writes."""
    mime: str
    """The media type of a download from `kosi serve`."""
    kind: Kind
    """`document`: written from the document model (reports, debriefs, run sheets);
    `sheet`: every answer of a workshop as rows (`kosi summary` only)."""
    writer: str | None = None
    """`module:function` turning a `Document` into text or bytes, imported only when used:
    some writers pull in large optional packages. None for the sheets (report/sheets.py)."""
    extra: Extra | None = None
    """The optional dependency group it needs (`pip install "kosi-tui[EXTRA]"`), if any."""
    key_binding: str | None = None
    """The key in the overview (F5) that exports a report in this format, if any."""

    @property
    def suffix(self) -> str:
        return self.suffixes[0]


FORMATS: tuple[Format, ...] = (
    Format("md", "Markdown", (".md", ".markdown"), "text/markdown", "document",
           "kosi_tui.report.write_markdown:write_markdown", key_binding="m"),
    Format("html", "HTML", (".html", ".htm"), "text/html", "document",
           "kosi_tui.report.write_html:write_html", key_binding="h"),
    Format("pdf", "PDF", (".pdf",), "application/pdf", "document",
           "kosi_tui.report.write_pdf:write_pdf", extra="pdf", key_binding="p"),
    Format("docx", "Word", (".docx",),
           "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "document",
           "kosi_tui.report.write_docx:write_docx", extra="office", key_binding="w"),
    Format("xlsx", "Excel", (".xlsx",),
           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "sheet",
           extra="office"),
    Format("csv", "CSV", (".csv",), "text/csv", "sheet"),
)  # fmt: skip

BY_KEY = {f.key: f for f in FORMATS}
BY_SUFFIX = {suffix: f for f in FORMATS for suffix in f.suffixes}
KEYS = tuple(BY_KEY)
DOCUMENT_KEYS = tuple(f.key for f in FORMATS if f.kind == "document")
"""What a report, a debrief or a run sheet can be written as."""
SUMMARY_KEYS = ("md", "html", "pdf", "docx", *(f.key for f in FORMATS if f.kind == "sheet"))
"""What `kosi summary` writes: the overview as text or for paper, every answer as a sheet."""
NOT_YET = frozenset((".doc", ".odt", ".rtf", ".xls", ".ods", ".txt", ".json"))
"""Endings people will try that kosi cannot write (yet): refused, not mislabelled."""


def write_document(document: Document, key: str) -> str | bytes:
    """The document in the format `key`; raises `MissingExtra` when its extra is not installed."""
    found = BY_KEY[key]
    if found.writer is None:
        raise ValueError(f"{key} is a sheet, not a document format")
    module, _, function = found.writer.partition(":")
    writer = getattr(import_module(module), function)
    result: str | bytes = writer(document)
    return result
