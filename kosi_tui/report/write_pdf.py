"""The report document as a PDF, typeset by Typst (no browser): A4, fonts embedded, charts as
vectors, a question never parted from its answer, table rows at least 10 mm high."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

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
from kosi_tui.report.typst_text import compile_typst, lit

TEMPLATE = Path(__file__).parent / "report.typ"
WIDE = 6
"""Tables with more columns than this are set smaller, so they fit the page's width."""


def _array(items: list[str]) -> str:
    # A trailing comma keeps a one-element array an array in Typst.
    return "(" + "".join(f"{item}, " for item in items) + ")"


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


def block_source(block: Block) -> str:
    """One block as Typst code (one expression per line, in code mode)."""
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
            size = "8pt" if len(header) > WIDE else "9.5pt"
            cells = _array([_array([lit(c) for c in row]) for row in rows])
            extra = f", total: {_array([lit(c) for c in total])}" if total else ""
            amounts = _array([str(i) for i in sorted(right)])
            widths = _array(
                [
                    f"{w:.2f}"
                    for w in column_weights(header, rows + ([total] if total else []), right)
                ]
            )
            return (
                f"grid-table({_array([lit(h) for h in header])}, {cells}, widths: {widths}, "
                f"amounts: {amounts}{extra}, size: {size})\n"
            )
        case Rating(value=value, low=low, high=high, text=text):
            return f"rating({value}, {low}, {high}, {lit(text)})\n"
        case Figure(chart=chart, caption=caption):
            return f"figure-block({lit(to_svg(chart, caption))}, {lit(caption)})\n"
        case Heading(text=text):
            return f"heading(level: 3, {lit(text)})\n"
        case Question(label=label, blocks=blocks):
            body = "".join(block_source(b) for b in blocks)
            return f"question({lit(label)}, {{\n{body}}})\n"
    return ""


def part_source(part: Part, new_page: bool) -> str:
    """One part: the title block as the document title, the others as numbered sections."""
    out = "pagebreak(weak: true)\n" if new_page else ""
    if part.kind == "head":
        out += f"heading(level: 1, {lit(part.title)})\n"
    else:
        number = f"{part.number}. " if part.number is not None else ""
        out += f"heading(level: 2, {lit(number + part.title)})\n"
    return out + "".join(block_source(b) for b in part.blocks)


def typst_source(document: Document) -> str:
    """The whole document as Typst source: the template, then the parts."""
    body = []
    after_glance = False
    for part in document.parts:
        body.append(part_source(part, part.new_page or after_glance))
        after_glance = part.kind == "glance"
    return (
        TEMPLATE.read_text(encoding="utf-8")
        + f"\n#show: setup.with(lang: {lit(document.lang)}, title: {lit(document.title)}, "
        + f"footer: {lit(document.footer)}, author: {lit(document.author)}, "
        + f"date: {_date(document.updated or document.created)})\n#{{\n"
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
