"""The report document as a Word file (python-docx): Word's own heading styles, so the navigation
pane works, and real Word tables an official can paste into a council paper.

Text goes in as runs, never as markup; what Word cannot hold (control characters) is shown
visibly by `for_report` first. Charts become pictures, made by Typst when the `pdf` extra is
there; their values stand in the tables either way.
"""

from __future__ import annotations

import datetime as dt
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
from kosi_tui.report.table_widths import Metrics, fitting_widths

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


_TEXT_WIDTH_MM = 210 - 20 - 18
"""A4 less the left and right margins set in `write_docx`."""
_WORD = Metrics(char_em=0.56, bold_em=0.62, padding_mm=4.2)
"""Word's body font Cambria (measured with its metric twin Caladea: "Gegenmaßnahme" 0.55 em a
character, 0.61 in bold) and its default cell margins (1.9 mm on each side) with a little air."""
_TABLE_SIZES = (10.5, 9.0, 8.0)
"""Type sizes in pt a table may take, largest first: smaller only where its words need it."""


def _sized_widths(grid: Grid) -> tuple[float, list[float]]:
    """The largest type size at which no word breaks, and the widths for it; at the smallest
    size words that still do not fit break, in columns shared by their longest words."""
    found = fitting_widths(grid, _TEXT_WIDTH_MM, _TABLE_SIZES, _WORD)
    if found is not None:
        return found
    longest = [max(len(w) for w in (cell.split() or [""])) + 1 for cell in grid.header]
    return _TABLE_SIZES[-1], [_TEXT_WIDTH_MM * n / sum(longest) for n in longest]


def _table(doc: Any, grid: Grid) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    rows = grid.rows + ([grid.total] if grid.total else [])
    table = doc.add_table(rows=1 + len(rows), cols=len(grid.header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    size, widths = _sized_widths(grid)
    # Every cell once, row by row: `table.cell(r, c)` and a column's `cells` each walk the
    # whole table, which made a summary's tables of hundreds of rows take 20 s.
    columns = len(grid.header)
    every = table._cells
    for c, width in enumerate(widths):
        table.columns[c].width = Mm(width)
    for i, cell in enumerate(every):
        cell.width = Mm(widths[i % columns])
    for r, cells in enumerate([grid.header, *rows]):
        strong = r == 0 or (grid.total is not None and r == len(rows))
        for c, text in enumerate(cells[:columns]):
            cell = every[r * columns + c]
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(_clean(text))
            run.bold = strong or None
            if size != _TABLE_SIZES[0]:
                run.font.size = Pt(size)
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


def _figures(blocks: list[Block]) -> list[Figure]:
    found = []
    for block in blocks:
        if isinstance(block, Figure):
            found.append(block)
        elif isinstance(block, Question):
            found += _figures(block.blocks)
    return found


def _pictures(document: Document) -> dict[str, bytes]:
    """Every chart of the document as a PNG, by its SVG: all in one Typst run, a page each –
    a summary's hundred charts took a run each, 13.7 s of 14 for a workshop of 20. Empty
    without Typst."""
    svgs = list(
        dict.fromkeys(
            to_svg(f.chart, f.caption) for part in document.parts for f in _figures(part.blocks)
        )
    )
    if not svgs:
        return {}
    from kosi_tui.report.typst_text import compile_typst, lit

    source = "#set page(width: auto, height: auto, margin: 4pt)\n" + "#pagebreak()\n".join(
        f'#image(bytes({lit(svg)}), format: "svg", width: 16cm)\n' for svg in svgs
    )
    try:
        pages = compile_typst(source, "png", ppi=150)
    except MissingExtra:
        return {}
    images = pages if isinstance(pages, list) else [pages]
    return {svg: bytes(image) for svg, image in zip(svgs, images, strict=True)}


def _figure(doc: Any, figure: Figure, pictures: dict[str, bytes]) -> None:
    from docx.shared import Cm

    _keep_with_next(_para(doc, figure.caption, bold=True))
    image = pictures.get(to_svg(figure.chart, figure.caption))
    if image is None:
        # Without Typst the chart's values still stand in the tables; say where the picture is.
        _para(doc, figure.caption, italic=True)
        return
    doc.add_picture(io.BytesIO(image), width=Cm(15))
    _set_alt_text(doc, figure.caption)


def _set_alt_text(doc: Any, text: str) -> None:
    """The picture's description for screen readers (Word's "Alternativtext")."""
    shapes = doc.inline_shapes
    if len(shapes):
        shapes[-1]._inline.docPr.set("descr", _clean(text))


def _block(doc: Any, block: Block, pictures: dict[str, bytes]) -> None:
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
            _figure(doc, block, pictures)
        case Heading(text=text):
            # Below the part's Heading 1: Word's outline and screen readers skip no level.
            doc.add_heading(_clean(text), level=2)
        case Question(label=label, blocks=blocks):
            _keep_with_next(_para(doc, label, bold=True))
            for inner in blocks:
                _block(doc, inner, pictures)


def _part(doc: Any, part: Part, new_page: bool, pictures: dict[str, bytes]) -> None:
    if part.kind == "head":
        doc.add_heading(_clean(part.title), level=0)
    else:
        if new_page:
            doc.add_page_break()
        number = f"{part.number}. " if part.number is not None else ""
        doc.add_heading(_clean(number + part.title), level=1)
    start = len(doc.paragraphs)
    for block in part.blocks:
        _block(doc, block, pictures)
    if part.kind in ("head", "glance"):
        _compact(doc.paragraphs[start:])


def _compact(paragraphs: list[Any]) -> None:
    """The title block and "Auf einen Blick" set as tightly as the PDF sets them, so they share
    page 1 in Word too (Word's default 10 pt after each paragraph pushed them onto two pages)."""
    from docx.shared import Pt

    for paragraph in paragraphs:
        if paragraph.style.name.startswith("Heading"):
            continue
        spacing = paragraph.paragraph_format
        label = spacing.keep_with_next and not paragraph.style.name.startswith("List")
        spacing.space_before = Pt(6 if label else 0)
        spacing.space_after = Pt(1.5)
        spacing.line_spacing = 1.0


_WORD_LANGUAGE = {"de": "de-DE", "en": "en-GB"}
"""The language and region Word checks spelling in, by the document's language."""


def _set_language(doc: Any, lang: str) -> None:
    """The document's language on its default run properties and its Normal style, so Word
    checks German as German (python-docx's template says en-US)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tag = _WORD_LANGUAGE.get(lang, lang)
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    holders = [doc.styles["Normal"].element.get_or_add_rPr()]
    if defaults is not None:
        run_defaults = defaults.find(qn("w:rPrDefault"))
        if run_defaults is not None and run_defaults.find(qn("w:rPr")) is not None:
            holders.append(run_defaults.find(qn("w:rPr")))
    for properties in holders:
        # Only the Latin-script language: the East Asian and right-to-left ones stay as they are.
        language = properties.find(qn("w:lang"))
        if language is None:
            language = OxmlElement("w:lang")
            properties.append(language)
        language.set(qn("w:val"), tag)


def _field(paragraph: Any, instruction: str, shown: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in when they lay out pages."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _footer(doc: Any, footer: str) -> None:
    """The footer text on the left and "3 / 8" on the right, as on the PDF's pages."""
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Mm, Pt

    paragraph = doc.sections[0].footer.paragraphs[0]
    paragraph.style.font.size = Pt(8)
    paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(_TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)
    paragraph.add_run(_clean(footer) + "\t")
    _field(paragraph, "PAGE", "1")
    paragraph.add_run(" / ")
    _field(paragraph, "NUMPAGES", "1")


def _properties(doc: Any, document: Document) -> None:
    """Title, author and dates of what the document reports, not python-docx's own from 2013."""
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    properties = doc.core_properties
    properties.title = _clean(document.title)
    properties.language = _WORD_LANGUAGE.get(document.lang, document.lang)
    properties.author = properties.last_modified_by = _clean(document.author)
    properties.comments = properties.subject = properties.keywords = ""
    properties.revision = 1

    def utc(moment: dt.datetime | None) -> dt.datetime:
        # Word stores the times in UTC; a time without an offset is taken as UTC.
        if moment is None:
            return now
        if moment.tzinfo is not None:
            moment = moment.astimezone(dt.UTC)
        return moment.replace(tzinfo=None)

    properties.created = utc(document.created)
    properties.modified = utc(document.updated or document.created)


def write_docx(document: Document) -> bytes:
    """The document as .docx bytes; raises `MissingExtra` without the `office` extra."""
    docx = need("docx", "Word", "python-docx", "office")
    from docx.shared import Mm, Pt

    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(20), Mm(18)
    doc.styles["Normal"].font.size = Pt(10.5)
    _set_language(doc, document.lang)
    _properties(doc, document)
    _footer(doc, document.footer)
    pictures = _pictures(document)
    after_glance = False
    for part in document.parts:
        _part(doc, part, part.new_page or after_glance, pictures)
        after_glance = part.kind == "glance"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
