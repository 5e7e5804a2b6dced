"""The report document as a PDF, typeset by Typst (no browser): A4, fonts embedded, charts as
vectors, a question never parted from its answer, table rows at least 10 mm high."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import assert_never

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
from kosi_tui.report.table_widths import Metrics, fitting_widths
from kosi_tui.report.typst_blank import blank_source, wide
from kosi_tui.report.typst_text import array as _array
from kosi_tui.report.typst_text import compile_typst, lit

TEMPLATE = Path(__file__).parent / "report.typ"
WIDE = 6
TEXT_WIDTH_MM = 210 - 18 - 16
"""A4 less the page margins set in report.typ."""
LANDSCAPE_WIDTH_MM = 297 - 18 - 16
TYPST = Metrics(char_em=0.56, bold_em=0.62, padding_mm=3.2)
"""Libertinus Serif as Typst sets it ("Gegenmaßnahme" 0.55 em a character, 0.62 in bold,
measured with Typst's `measure`) and grid-table's cell inset (4 pt on each side)."""
"""Tables with more columns than this are set smaller, so they fit the page's width."""


def _content(text: str) -> str:
    return f"[#{lit(text)}]"


def _prose(text: str) -> str:
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join(
        f"par({_array([lit(line) for line in p.splitlines() if line.strip()])}.join(linebreak()))\n"
        for p in paragraphs
    )


def column_weights(
    header: list[str], rows: list[list[str]], amounts: frozenset[int] = frozenset()
) -> list[float]:
    """A share of the width per column: enough for its longest word (a whole amount), more for
    long texts."""
    weights = []
    for i, head in enumerate(header):
        cells = [row[i] for row in rows if i < len(row)]
        texts = [head, *cells]
        longest_word = max((len(w) for text in texts for w in text.split()), default=1)
        longest = max((len(text) for text in texts), default=1)
        whole = max((len(c) for c in cells), default=1) if i in amounts else 0
        weights.append(max(1.2 * longest_word, 1.1 * whole, 0.55 * min(longest, 45), 3.0))
    return weights


def block_source(block: Block, width: float = TEXT_WIDTH_MM) -> str:
    """One block as Typst code (one expression per line, in code mode); `width` is the page's
    text width in mm."""
    match block:
        case Prose(text=text):
            return _prose(text)
        case Line(text=text, style="note"):
            return f"note({lit(text)})\n"
        case Line(text=text, style="strong"):
            return f"block(sticky: true, strong({lit(text)}))\n"
        case Line(text=text):
            return f"par({lit(text)})\n"
        case Items(items=items, tick=True):
            return f"checklist(..{_array([lit(i) for i in items])})\n"
        case Items(items=items):
            return f"list(..{_array([lit(i) for i in items])})\n"
        case Facts(pairs=pairs):
            return f"facts(..{_array([_array([lit(k), lit(v)]) for k, v in pairs])})\n"
        case Grid(header=header, rows=rows, right=right, total=total):
            # Each column as wide as its longest word where the page allows; else, as before,
            # shares by the longest words and texts.
            sizes = (8.0,) if len(header) > WIDE else (9.5, 8.0)
            size, widths = fitting_widths(block, width, sizes, TYPST) or (
                sizes[-1],
                column_weights(header, rows + ([total] if total else []), right),
            )
            cells = _array([_array([lit(c) for c in row]) for row in rows])
            extra = f", total: {_array([lit(c) for c in total])}" if total else ""
            amounts = _array([str(i) for i in sorted(right)])
            return (
                f"grid-table({_array([lit(h) for h in header])}, {cells}, "
                f"widths: {_array([f'{w:.2f}' for w in widths])}, "
                f"amounts: {amounts}{extra}, size: {size}pt)\n"
            )
        case Rating(value=value, low=low, high=high, text=text):
            return f"rating({value}, {low}, {high}, {lit(text)})\n"
        case Figure(chart=chart, caption=caption):
            return f"figure-block({lit(to_svg(chart, caption))}, {lit(caption)})\n"
        case Heading(text=text):
            return f"heading(level: 3, {lit(text)})\n"
        case Question(label=label, blocks=blocks):
            body = "".join(block_source(b, width) for b in blocks)
            return f"question({lit(label)}, {{\n{body}}})\n"
        case (
            WritingSpace() | Choices() | ShortAnswer() | Scale() | EmptyTable() | Fields()
            | Guidance() | Blank()
        ):  # fmt: skip
            # The blocks of a blank copy (typst_blank.py).
            code = blank_source(block)
            return code if code.endswith("\n") else code + "\n"
        case _:
            assert_never(block)


def _heading(part: Part, new_page: bool, fresh: bool) -> str:
    out = ""
    if not part.landscape:
        out = "pagebreak(weak: true)\n" if new_page else "fresh-page()\n" if fresh else ""
    if part.kind == "head":
        return out + f"heading(level: 1, {lit(part.title)})\n"
    number = f"{part.number}. " if part.number is not None else ""
    return out + f"heading(level: 2, {lit(number + part.title)})\n"


def part_source(part: Part, new_page: bool, fresh: bool = False) -> str:
    """One part: the title block as the document title, the others as numbered sections.

    `new_page` starts it on a new page; `fresh` only if the page so far is a third full.
    """
    out = _heading(part, new_page, fresh)
    width = LANDSCAPE_WIDTH_MM if part.landscape else TEXT_WIDTH_MM
    out += "".join(block_source(b, width) for b in part.blocks)
    # Wide tables get pages turned on their side, with the part's heading.
    return f"page(flipped: true, {{\n{out}}})\n" if part.landscape else out


class _BlankFlow:
    """The parts of a blank copy, statement by statement: a part's heading and intro stick to
    its first question; a question with a wide table gets a landscape page of its own, so no
    column is squeezed, and the question before it comes along when its portrait page has no
    room left for it (report.typ: `unless-late`, `carried-here`)."""

    def __init__(self) -> None:
        self.body: list[str] = []
        self.last = 0
        """Where in `body` the last portrait question stands (0: none to carry)."""

    def add(self, part: Part, new_page: bool, fresh: bool) -> None:
        heading = _heading(part, new_page, fresh)
        lead: list[str] = []
        """The blocks before the part's first question (its intro, a facilitator's note)."""
        head: list[str] | None = None
        """What goes before the next question: the heading and the lead, once; then nothing."""
        for block in part.blocks:
            code = block_source(block)
            if not isinstance(block, Blank):
                if head is None:
                    lead.append(code)
                else:
                    self.last = 0
                    self.body.append(code)
                continue
            if head is None:
                head = [heading, *(f"block(sticky: true, {{\n{c}}})\n" for c in lead)]
            if wide(block):
                body, last = self.body, self.last
                if last > 0 and body[last - 1].startswith("blank-question("):
                    body[last - 1] = body[last - 1].removesuffix(")\n") + ", mark: true)\n"
                    body[last] = f"unless-late({body[last].rstrip()}, {TEXT_WIDTH_MM}mm)\n"
                code = "page(flipped: true, {\ncarried-here()\n" + "".join(head) + code + "})\n"
                head = []
                self.last = 0
            else:
                self.last = len(self.body) + len(head)
            self.body += [*head, code]
            head = []
        if head is None:
            # A part without questions (the title block): its blocks as they are.
            self.body += [heading, *lead]


def _asks(document: Document) -> bool:
    return any(isinstance(b, Blank) for part in document.parts for b in part.blocks)


def typst_source(document: Document) -> str:
    """The whole document as Typst source: the template, then the parts."""
    flow = _BlankFlow() if _asks(document) else None
    body = []
    after_glance = False
    for part in document.parts:
        # After "Auf einen Blick" always a new page; before the evaluation unless that would
        # leave the page before it near empty.
        new_page, fresh = after_glance, part.new_page and not after_glance
        if flow is not None and not part.landscape:
            flow.add(part, new_page, fresh)
        else:
            body.append(part_source(part, new_page, fresh))
        after_glance = part.kind == "glance"
    if flow is not None:
        body = flow.body
    return (
        TEMPLATE.read_text(encoding="utf-8")
        + f"\n#show: setup.with(lang: {lit(document.lang)}, title: {lit(document.title)}, "
        + f"footer: {lit(document.footer)}, author: {lit(document.author)}, "
        + f"date: {_date(document.updated or document.created)}"
        + (f", mark: {lit(document.mark)})\n" if document.mark else ")\n")
        + ("#let grid-table = grid-table.with(min-row: 0mm)\n" if document.compact else "")
        + "#{\n"
        + "".join(body)
        + "}\n"
    )


def _date(moment: dt.datetime | None) -> str:
    """A Typst datetime in UTC (the PDF's dates carry no offset from Typst), or `auto`."""
    if moment is None:
        return "auto"
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC)
    return (
        f"datetime(year: {moment.year}, month: {moment.month}, day: {moment.day}, "
        f"hour: {moment.hour}, minute: {moment.minute}, second: {moment.second})"
    )


def write_pdf(document: Document) -> bytes:
    """The document as PDF bytes; raises `MissingExtra` without the `pdf` extra."""
    return bytes(compile_typst(typst_source(document)))
