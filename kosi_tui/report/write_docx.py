"""The report document as a Word file (python-docx): Word's own heading styles, so the navigation
pane works, and real Word tables an official can paste into a council paper.

Text goes in as runs, never as markup; what Word cannot hold (control characters) is shown
visibly by `for_report` first. Charts become pictures, made by Typst when the `pdf` extra is
there; their values stand in the tables either way.
"""

from __future__ import annotations

import io
from typing import Any

from kosi_tui.core.visible_text import for_report
from kosi_tui.report.charts import to_svg
from kosi_tui.report.document import (
    Block,
    Document,
    Facts,
    Figure,
    Grid,
    Heading,
    Items,
    Line,
    Part,
    Prose,
    Question,
    Rating,
)
from kosi_tui.report.extras import MissingExtra, need

# Characters XML 1.0 (and so Word) cannot hold at all, after `for_report` has shown the others.
_NOT_XML = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF])


def _clean(text: str) -> str:
    return for_report(text).translate(_NOT_XML)


def _para(doc: Any, text: str = "", style: str | None = None, bold: bool = False,
          italic: bool = False) -> Any:  # fmt: skip
    paragraph = doc.add_paragraph(style=style)
    if text:
        run = paragraph.add_run(_clean(text))
        run.bold = bold or None
        run.italic = italic or None
    return paragraph


def _keep_with_next(paragraph: Any) -> None:
    paragraph.paragraph_format.keep_with_next = True


def _table(doc: Any, grid: Grid) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    rows = grid.rows + ([grid.total] if grid.total else [])
    table = doc.add_table(rows=1 + len(rows), cols=len(grid.header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for r, cells in enumerate([grid.header, *rows]):
        strong = r == 0 or (grid.total is not None and r == len(rows))
        for c, text in enumerate(cells[: len(grid.header)]):
            cell = table.cell(r, c)
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(_clean(text))
            run.bold = strong or None
            if c in grid.right:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    # The header row repeats on every page the table spans.
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    header = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header.append(repeat)
    doc.add_paragraph()


def _figure(doc: Any, figure: Figure) -> None:
    from docx.shared import Cm

    _keep_with_next(_para(doc, figure.caption, bold=True))
    try:
        from kosi_tui.report.typst_text import compile_typst, lit

        svg = to_svg(figure.chart, figure.caption)
        source = (
            "#set page(width: auto, height: auto, margin: 4pt)\n"
            f'#image(bytes({lit(svg)}), format: "svg", width: 16cm)\n'
        )
        png = compile_typst(source, "png", ppi=150)
    except MissingExtra:
        # Without Typst the chart's values still stand in the tables; say where the picture is.
        _para(doc, figure.caption, italic=True)
        return
    image = png[0] if isinstance(png, list) else png
    doc.add_picture(io.BytesIO(bytes(image)), width=Cm(15))
    _set_alt_text(doc, figure.caption)


def _set_alt_text(doc: Any, text: str) -> None:
    """The picture's description for screen readers (Word's "Alternativtext")."""
    shapes = doc.inline_shapes
    if len(shapes):
        shapes[-1]._inline.docPr.set("descr", _clean(text))


def _block(doc: Any, block: Block) -> None:
    match block:
        case Prose(text=text):
            for chunk in [c for c in text.replace("\r\n", "\n").split("\n\n") if c.strip()]:
                paragraph = doc.add_paragraph()
                lines = [line for line in chunk.splitlines() if line.strip()]
                for i, line in enumerate(lines):
                    run = paragraph.add_run(_clean(line))
                    if i < len(lines) - 1:
                        run.add_break()
        case Line(text=text, style=style):
            paragraph = _para(doc, text, bold=style == "strong", italic=style == "note")
            if style == "strong":
                _keep_with_next(paragraph)
        case Items(items=items, tick=tick):
            for item in items:
                _para(doc, ("☐ " if tick else "") + item, style="List Bullet" if not tick else None)
        case Facts(pairs=pairs):
            for label, value in pairs:
                paragraph = doc.add_paragraph()
                colon = "" if label.rstrip().endswith((".", "!", "?", ":")) else ":"
                paragraph.add_run(_clean(label + colon)).bold = True
                if value:
                    paragraph.add_run(" " + _clean(value))
        case Grid():
            _table(doc, block)
        case Rating(value=value, low=low, high=high, text=text):
            dots = "".join("●" if p <= value else "○" for p in range(low, high + 1))
            _para(doc, f"{dots}  {text}")
        case Figure():
            _figure(doc, block)
        case Heading(text=text):
            doc.add_heading(_clean(text), level=3)
        case Question(label=label, blocks=blocks):
            _keep_with_next(_para(doc, label, bold=True))
            for inner in blocks:
                _block(doc, inner)


def _part(doc: Any, part: Part, new_page: bool) -> None:
    if part.kind == "head":
        doc.add_heading(_clean(part.title), level=0)
    else:
        if new_page:
            doc.add_page_break()
        number = f"{part.number}. " if part.number is not None else ""
        doc.add_heading(_clean(number + part.title), level=1)
    for block in part.blocks:
        _block(doc, block)


def write_docx(document: Document) -> bytes:
    """The document as .docx bytes; raises `MissingExtra` without the `office` extra."""
    docx = need("docx", "Word", "python-docx", "office")
    from docx.shared import Mm, Pt

    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(20), Mm(18)
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.core_properties.title = _clean(document.title)
    doc.core_properties.language = document.lang
    section.footer.paragraphs[0].add_run(_clean(document.footer)).font.size = Pt(8)
    after_glance = False
    for part in document.parts:
        _part(doc, part, part.new_page or after_glance)
        after_glance = part.kind == "glance"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
