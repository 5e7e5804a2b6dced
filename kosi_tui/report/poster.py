"""The poster: one landscape page, one box per section on the grid the canvas declares (like the
Business Model Canvas), each box holding its key answers, fitted to the box, with a visible mark
where something had to be cut. Without answers it is the empty wall version, each box with its
guiding question.

The answers come from the same blocks as the report's (report/answer_blocks.py); the page is laid
out here, not by the document model's writers: a grid of boxes on one sheet, type fitted to each
box, is no flowing document."""

from __future__ import annotations

import math

from kosi_tui.core.canvas import Info, Poster, PosterBox
from kosi_tui.core.compiled import CompiledCanvas
from kosi_tui.core.session import Session
from kosi_tui.core.text import localize
from kosi_tui.i18n import t
from kosi_tui.report.answer_blocks import answer_block
from kosi_tui.report.document import Block, Grid, Items, Line, Prose, Rating
from kosi_tui.report.typst_text import array as _array
from kosi_tui.report.typst_text import compile_typst, lit
from kosi_tui.report.write_pdf import TEMPLATE

PAPERS = {"A4": "a4", "A3": "a3", "A1": "a1"}
SCALES = {"A4": 1.0, "A3": math.sqrt(2), "A1": 2 * math.sqrt(2)}
"""How much larger than on A4 everything is set: as the sheet's sides grow, so the poster reads
the same from further away (the smallest text 8 pt on A4, 11.3 pt on A3, 22.6 pt on A1)."""


def default_poster(compiled: CompiledCanvas) -> Poster:
    """Sections in reading order on a grid about one and a half times wider than high."""
    count = len(compiled.canvas.sections)
    columns = max(1, math.ceil(math.sqrt(count * 1.5)))
    rows = math.ceil(count / columns)
    boxes = [
        PosterBox(section=s.id, column=i % columns + 1, row=i // columns + 1)
        for i, s in enumerate(compiled.canvas.sections)
    ]
    return Poster(columns=columns, rows=rows, boxes=boxes)


def _keys(compiled: CompiledCanvas, box: PosterBox) -> list[str]:
    if box.answers is not None:
        return list(box.answers)
    return [
        key
        for key in compiled.section_keys(box.section)
        if not isinstance(compiled.questions[key].question, Info)
    ]


def _prompt(compiled: CompiledCanvas, box: PosterBox, lang: str) -> str:
    if box.prompt:
        return localize(box.prompt, lang)
    keys = _keys(compiled, box)
    return localize(compiled.questions[keys[0]].question.label, lang) if keys else ""


def _lines(block: Block) -> list[tuple[str, str]]:
    """An answer's block (as the report has it) as poster lines: a table's rows each with its
    first cell as head and its other cells with their column names ("Betrag einmalig (€):
    6.000,00 €": once or each year is the column's to say), without the report's total row;
    any other answer one line per item."""
    match block:
        case Grid(header=header, rows=rows):
            lines = []
            for cells in rows:
                pairs = list(zip(header, cells, strict=False))
                head = pairs[0][1] if pairs else ""
                # "Was will dieser Akteur erreichen?" needs no colon after its question mark.
                rest = " · ".join(
                    f"{label}{'' if label.endswith(('?', ':')) else ':'} {text}"
                    for label, text in pairs[1:]
                    if text
                )
                if head or rest:
                    lines.append((head, rest))
            return lines
        case Items(items=items):
            return [("", item) for item in items if item.strip()]
        case Prose(text=text) | Line(text=text) | Rating(text=text):
            return [("", text)] if text.strip() else []
    return []


def _body(session: Session, keys: list[str], lang: str) -> str:
    entries = []
    for key in keys:
        question = session.compiled.questions[key].question
        value = session.value(key)
        if value is None or isinstance(question, Info):
            continue
        lines = [_array([lit(" ".join(head.split())), lit(" ".join(rest.split()))])
                 for head, rest in _lines(answer_block(question, value, lang))]  # fmt: skip
        if lines:
            entries.append(_array([lit(localize(question.label, lang)), _array(lines)]))
    return _array(entries)


def poster_source(
    compiled: CompiledCanvas, session: Session | None, lang: str, paper: str, subtitle: str = ""
) -> str:
    """The poster as Typst source; `session` None gives the empty wall version."""
    layout = compiled.canvas.poster or default_poster(compiled)
    scale = SCALES.get(paper, SCALES["A3"])
    numbers = {s.id: i for i, s in enumerate(compiled.canvas.sections, start=1)}
    titles = {s.id: localize(s.title, lang) for s in compiled.canvas.sections}
    cells = []
    for box in layout.boxes:
        if box.section not in titles:
            continue
        title = f"{numbers[box.section]}. {titles[box.section]}"
        prompt = _prompt(compiled, box, lang) if session is None else ""
        body = "()" if session is None else _body(session, _keys(compiled, box), lang)
        cells.append(
            f"grid.cell(x: {box.column - 1}, y: {box.row - 1}, colspan: {box.width}, "
            f"rowspan: {box.height}, poster-box({lit(title)}, {lit(prompt)}, {body}, "
            f"{lit(t('report.cut', lang))}, scale: {scale:.3f}))"
        )
    title = localize(compiled.canvas.title, lang)
    return (
        TEMPLATE.read_text(encoding="utf-8")
        + f'\n#set page(paper: "{PAPERS.get(paper, "a3")}", flipped: true, '
        + f"margin: {10 * scale:.1f}mm)\n"
        + f'#set text(font: "Libertinus Serif", lang: {lit(lang)}, fill: ink)\n'
        + f"#set document(title: {lit(title)})\n"
        + "#grid(columns: (1fr, auto), align: (left + bottom, right + bottom), "
        + f'text({22 * scale:.1f}pt, weight: "bold", {lit(title)}), '
        + f"text({12 * scale:.1f}pt, fill: soft, {lit(subtitle)}))\n"
        + f"#v({3 * scale:.1f}mm)\n"
        + f"#block(height: 1fr, grid(columns: (1fr,) * {layout.columns}, "
        + f"rows: (1fr,) * {layout.rows}, gutter: {3 * scale:.1f}mm, "
        + "".join(f"{c}, " for c in cells)
        + "))\n"
    )


def write_poster(
    compiled: CompiledCanvas, session: Session | None, lang: str, paper: str = "A3",
    subtitle: str = "",
) -> bytes:  # fmt: skip
    """The poster as PDF bytes; raises `MissingExtra` without the `pdf` extra."""
    return bytes(compile_typst(poster_source(compiled, session, lang, paper, subtitle)))
