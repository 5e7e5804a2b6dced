"""The report document as a Word file (python-docx): Word's own heading styles, so the navigation
pane works, and real Word tables an official can paste into a council paper.

Text goes in as runs, never as markup; what Word cannot hold (control characters) is shown
visibly by `for_report` first. Charts become pictures, made by Typst when the `pdf` extra is
there; their values stand in the tables either way.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any, assert_never

from kosi_tui.core.visible_text import for_report
from kosi_tui.report.charts import to_svg
from kosi_tui.report.document import (
    Blank,
    Block,
    Choices,
    Document,
    EmptyTable,
    Facts,
    Fields,
    Figure,
    Grid,
    Guidance,
    Heading,
    Items,
    Line,
    Part,
    Prose,
    Question,
    Rating,
    Scale,
    ShortAnswer,
    WritingSpace,
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
_LANDSCAPE_WIDTH_MM = 297 - 20 - 18
_WORD = Metrics(char_em=0.56, bold_em=0.62, padding_mm=4.2)
"""Word's body font Cambria (measured with its metric twin Caladea: "Gegenmaßnahme" 0.55 em a
character, 0.61 in bold) and its default cell margins (1.9 mm on each side) with a little air."""
_TABLE_SIZES = (10.5, 9.0, 8.0)
"""Type sizes in pt a table may take, largest first: smaller only where its words need it."""


def _sized_widths(grid: Grid, width: float = _TEXT_WIDTH_MM) -> tuple[float, list[float]]:
    """The largest type size at which no word breaks, and the widths for it; at the smallest
    size words that still do not fit break, in columns shared by their longest words."""
    found = fitting_widths(grid, width, _TABLE_SIZES, _WORD)
    if found is not None:
        return found
    longest = [max(len(w) for w in (cell.split() or [""])) + 1 for cell in grid.header]
    return _TABLE_SIZES[-1], [width * n / sum(longest) for n in longest]


def _table(doc: Any, grid: Grid, width: float = _TEXT_WIDTH_MM) -> Any:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    rows = grid.rows + ([grid.total] if grid.total else [])
    table = doc.add_table(rows=1 + len(rows), cols=len(grid.header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    size, widths = _sized_widths(grid, width)
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
    return table


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


_BLANK_ROW_MM = 10
"""A blank table's rows are at least this high, as on paper: room to write by hand too."""
_BOXES = {True: ("2610", "2612"), False: ("25CB", "25CF")}
"""A check box's look, empty and ticked: ☐ ☒ where several may be ticked, ○ ● for one."""


def _tick(paragraph: Any, several: bool) -> None:
    """A box that Word ticks with a click (a check box content control); a reader that does not
    know them shows the empty box."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    empty, ticked = _BOXES[several]
    font = "MS Gothic"
    paragraph._p.append(
        parse_xml(
            f"<w:sdt {nsdecls('w', 'w14')}><w:sdtPr><w14:checkbox>"
            '<w14:checked w14:val="0"/>'
            f'<w14:checkedState w14:val="{ticked}" w14:font="{font}"/>'
            f'<w14:uncheckedState w14:val="{empty}" w14:font="{font}"/>'
            "</w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:rPr>"
            f'<w:rFonts w:ascii="{font}" w:eastAsia="{font}" w:hAnsi="{font}"/>'
            f"</w:rPr><w:t>{chr(int(empty, 16))}</w:t></w:r></w:sdtContent></w:sdt>"
        )
    )


def _at_least(row: Any, mm: float) -> None:
    """The row at least `mm` high, and never split across two pages."""
    from docx.enum.table import WD_ROW_HEIGHT_RULE
    from docx.oxml import OxmlElement
    from docx.shared import Mm

    row.height = Mm(mm)
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _keep_together(table: Any) -> None:
    """The table on one page with what comes before it (the question), where it fits: each row
    keeps with the next, as a question's label keeps with its answer."""
    for row in table.rows[:-1]:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                _keep_with_next(paragraph)


def _no_borders(cell: Any) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    sides = "".join(f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right"))
    cell._tc.get_or_add_tcPr().append(
        parse_xml(f"<w:tcBorders {nsdecls('w')}>{sides}</w:tcBorders>")
    )


def _boxes(doc: Any, widths_mm: list[float]) -> Any:
    """An empty table of one row, bordered, for text typed in; columns `widths_mm` wide."""
    from docx.shared import Mm

    table = doc.add_table(rows=1, cols=len(widths_mm))
    table.style = "Table Grid"
    table.autofit = False
    for cell, width in zip(table.rows[0].cells, widths_mm, strict=True):
        cell.width = Mm(width)
    return table


def _writing_space(doc: Any, lines: int, numbered: bool) -> None:
    """Room to type (or write) in: one box as high as the lines on paper, or a box per entry."""
    if not numbered:
        _at_least(_boxes(doc, [_TEXT_WIDTH_MM]).rows[0], 9 * lines)
    else:
        table = _boxes(doc, [10, _TEXT_WIDTH_MM - 10])
        for _ in range(lines - 1):
            table.add_row()
        for n, row in enumerate(table.rows, start=1):
            row.cells[0].paragraphs[0].add_run(f"{n}.")
            _at_least(row, 9)
        _keep_together(table)
    doc.add_paragraph()


def _choices(doc: Any, choices: Choices) -> None:
    if choices.inline:
        paragraph = doc.add_paragraph()
        for i, label in enumerate(choices.labels):
            if i:
                paragraph.add_run("\u2003")
            _tick(paragraph, choices.several)
            paragraph.add_run(" " + _clean(label))
        return
    for i, label in enumerate(choices.labels):
        paragraph = doc.add_paragraph()
        # The options close together, the next question set apart.
        if i < len(choices.labels) - 1:
            paragraph.paragraph_format.space_after = 0
            _keep_with_next(paragraph)
        _tick(paragraph, choices.several)
        paragraph.add_run(" " + _clean(label))


def _short_answer(doc: Any, block: ShortAnswer) -> None:
    table = _boxes(doc, [block.width_mm, _TEXT_WIDTH_MM - block.width_mm])
    _at_least(table.rows[0], 8)
    after = table.rows[0].cells[1]
    _no_borders(after)
    after.paragraphs[0].add_run(_clean(block.after))
    doc.add_paragraph()


def _scale(doc: Any, scale: Scale) -> None:
    table = _table(doc, Grid(scale.points, [scale.labels, [""] * len(scale.points)]))
    for cell in table.rows[-1].cells:
        _tick(cell.paragraphs[0], several=False)
    _keep_together(table)


def _empty_table(doc: Any, block: EmptyTable) -> None:
    for column in block.columns:
        if column.options:
            paragraph = doc.add_paragraph()
            paragraph.paragraph_format.space_after = 0
            paragraph.add_run(_clean(column.label) + ": ").bold = True
            numbered = "  ·  ".join(f"{n} {o}" for n, o in enumerate(column.options, start=1))
            paragraph.add_run(_clean(numbered))
            _keep_with_next(paragraph)
    # The widths as for the marks the choice cells will hold (☐1 ☐2 …).
    marks = [
        " ".join(f"☐{n}" for n in range(1, len(c.options) + 1)) if c.options else ""
        for c in block.columns
    ]
    header = [c.label for c in block.columns]
    rows = [[""] * len(header) for _ in range(block.rows)] + [marks]
    width = _LANDSCAPE_WIDTH_MM if block.wide else _TEXT_WIDTH_MM
    table = _table(doc, Grid(header, rows), width)
    # The row that only measured the marks goes; the others get their boxes.
    table._tbl.remove(table.rows[-1]._tr)
    for row in table.rows[1:]:
        _at_least(row, _BLANK_ROW_MM)
        for cell, column in zip(row.cells, block.columns, strict=True):
            paragraph = cell.paragraphs[0]
            for n in range(1, len(column.options or []) + 1):
                if n > 1:
                    paragraph.add_run(" ")
                _tick(paragraph, column.several)
                paragraph.add_run(str(n))
    _keep_together(table)


def _fields(doc: Any, rows: list[list[tuple[str, int]]]) -> None:
    labels = [label for row in rows for label, _ in row]
    table = _boxes(doc, [40, _TEXT_WIDTH_MM - 40])
    for _ in labels[1:]:
        table.add_row()
    for label, row in zip(labels, table.rows, strict=True):
        _at_least(row, 8)
        row.cells[0].paragraphs[0].add_run(_clean(label)).bold = True
    doc.add_paragraph()


def _wide(block: Block) -> bool:
    return isinstance(block, Blank) and any(
        isinstance(b, EmptyTable) and b.wide for b in block.blocks
    )


def _turn(doc: Any, landscape: bool) -> None:
    """Go on on a page turned on its side, or upright again, unless the page already is."""
    from docx.enum.section import WD_ORIENT, WD_SECTION

    if (doc.sections[-1].orientation == WD_ORIENT.LANDSCAPE) == landscape:
        return
    # A new section copies the last one's margins, header and footer.
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = section.page_height, section.page_width
    # The footer's page number at the right margin of this page's width.
    from copy import deepcopy

    first = doc.sections[0].footer.paragraphs[0]
    section.footer.is_linked_to_previous = False
    own = section.footer.paragraphs[0]
    own._p.addnext(deepcopy(first._p))
    own._p.getparent().remove(own._p)
    width = _LANDSCAPE_WIDTH_MM if landscape else _TEXT_WIDTH_MM
    _right_tab(section.footer.paragraphs[0], width)


def _blank(doc: Any, block: Blank, pictures: dict[str, bytes]) -> None:
    """A question of a blank copy: its label and notes stay with the space to answer in; a
    table too wide for an upright page gets a page turned on its side, as on paper."""
    from docx.shared import Pt, RGBColor

    _turn(doc, _wide(block))

    head = _para(doc, f"{block.number} {block.label}", bold=True)
    if block.marks:
        run = head.add_run(_clean(f"  ({block.marks})"))
        run.italic, run.font.size = True, Pt(9)
    _keep_with_next(head)
    for note in block.notes:
        paragraph = _para(doc, note.text, italic=note.style == "note")
        paragraph.runs[0].font.size = Pt(9.5)
        paragraph.runs[0].font.color.rgb = RGBColor(0x59, 0x59, 0x59)
        paragraph.paragraph_format.space_after = Pt(2)
        _keep_with_next(paragraph)
    for inner in block.blocks:
        _block(doc, inner, pictures)


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
        case WritingSpace(lines=lines, numbered=numbered):
            _writing_space(doc, lines, numbered)
        case Choices():
            _choices(doc, block)
        case ShortAnswer():
            _short_answer(doc, block)
        case Scale():
            _scale(doc, block)
        case EmptyTable():
            _empty_table(doc, block)
        case Fields(rows=rows):
            _fields(doc, rows)
        case Guidance(label=label, text=text):
            paragraph = _para(doc, label, bold=True)
            paragraph.add_run(" " + _clean(text)).italic = True
            _keep_with_next(paragraph)
        case Blank():
            _blank(doc, block, pictures)
        case _:
            assert_never(block)


def _part(doc: Any, part: Part, new_page: bool, pictures: dict[str, bytes]) -> None:
    # A part whose first question has a wide table begins on its landscape page, with it.
    first = next((b for b in part.blocks if isinstance(b, Blank)), None)
    _turn(doc, first is not None and _wide(first))
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


def _mark(doc: Any, mark: str) -> None:
    """A word at the head of every page, on the right (a trainer's copy: not to hand out)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = doc.sections[0].header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph.add_run(_clean(mark)).bold = True


def _right_tab(paragraph: Any, width: float) -> None:
    """The paragraph's only tab stop at the right margin, `width` mm from the left: the Footer
    style's own stops (centre, and right at 165 mm) are cleared, else the page number stops there."""
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Mm

    tabs = paragraph.paragraph_format.tab_stops
    tabs.clear_all()
    for inherited in paragraph.style.paragraph_format.tab_stops:
        tabs.add_tab_stop(inherited.position, WD_TAB_ALIGNMENT.CLEAR)
    tabs.add_tab_stop(Mm(width), WD_TAB_ALIGNMENT.RIGHT)


def _footer(doc: Any, footer: str) -> None:
    """The footer text on the left and "3 / 8" on the right, as on the PDF's pages."""
    from docx.shared import Pt

    paragraph = doc.sections[0].footer.paragraphs[0]
    paragraph.style.font.size = Pt(8)
    _right_tab(paragraph, _TEXT_WIDTH_MM)
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
    if document.mark:
        _mark(doc, document.mark)
    pictures = _pictures(document)
    after_glance = False
    for part in document.parts:
        _part(doc, part, part.new_page or after_glance, pictures)
        after_glance = part.kind == "glance"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
