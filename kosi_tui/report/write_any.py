"""A document in the format asked for: the one place that maps a format to its writer.

Writers are imported only when asked for: PDF and Word pull in large optional packages.
"""

from __future__ import annotations

from kosi_tui.report.document import Document


def write_document(document: Document, fmt: str) -> str | bytes:
    """`fmt` is md, html, pdf or docx; PDF and Word raise `MissingExtra` without their extra."""
    if fmt == "pdf":
        from kosi_tui.report.write_pdf import write_pdf

        return write_pdf(document)
    if fmt == "docx":
        from kosi_tui.report.write_docx import write_docx

        return write_docx(document)
    if fmt == "html":
        from kosi_tui.report.write_html import write_html

        return write_html(document)
    from kosi_tui.report.write_markdown import write_markdown

    return write_markdown(document)
