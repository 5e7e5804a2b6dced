"""The report document as canonical Markdown; every text escaped where it lands."""

from __future__ import annotations

from typing import assert_never

from kosi_tui.report.charts import Stacked
from kosi_tui.report.document import (
    Blank,
    Block,
    Choices,
    Column,
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
from kosi_tui.report.markdown_text import code, escape, paragraphs, table, tidy


def _pair(label: str, value: str) -> str:
    # A label that is a sentence ("Es fehlt ein Mandat.") takes no colon.
    colon = "" if label.rstrip().endswith((".", "!", "?", ":")) else ":"
    head = f"**{escape(label)}{colon}**"
    return f"{head} {escape(value)}" if value else head


BOX = "☐"
CIRCLE = "○"
LINE = "\\_" * 48
"""A line to write on, across the page."""


def _mark(several: bool) -> str:
    # A circle where one answer is chosen, a box where several can be ticked.
    return BOX if several else CIRCLE


def _ticks(column: Column) -> str:
    """An empty choice cell: the column's options by number, to tick (named in the legend)."""
    count = len(column.options or [])
    return " ".join(f"{_mark(column.several)}{n}" for n in range(1, count + 1))


def _empty_table(block: EmptyTable) -> list[str]:
    legend = [
        f"**{escape(c.label)}:** "
        + escape("  ·  ".join(f"{n} {label}" for n, label in enumerate(c.options, start=1)))
        for c in block.columns
        if c.options
    ]
    header = [c.label for c in block.columns]
    row = [_ticks(c) if c.options else "" for c in block.columns]
    return [*(["", "\\\n".join(legend)] if legend else []), "", table(header, [row] * block.rows)]


def block_lines(block: Block) -> list[str]:
    """One block as Markdown lines (a blank line before it)."""
    match block:
        case Prose(text=text):
            return ["", paragraphs(text)]
        case Line(text=text, style=style):
            mark = {"note": "*", "strong": "**"}.get(style, "")
            return ["", f"{mark}{escape(text)}{mark}"]
        case Items(items=items, tick=tick):
            box = "[ ] " if tick else ""
            return ["", *(f"- {box}{escape(item)}" for item in items)]
        case Facts(pairs=pairs, keys=True):
            # A key is shown exactly as in the file, whatever characters it holds.
            return ["", *(f"- {code(k)}: {escape(v)}" for k, v in pairs)]
        case Facts(pairs=pairs):
            return ["", *(f"- {_pair(k, v)}" for k, v in pairs)]
        case Grid(header=header, rows=rows, right=right, total=total):
            return ["", table(header, rows, right, total)]
        case Rating(text=text):
            return ["", escape(text)]
        case Figure(chart=Stacked() as chart, caption=caption):
            items = [f"{label}: {text}" for label, _, text in chart.parts]
            items += [x for x in (chart.target_text, chart.gap_label) if x]
            return ["", f"**{escape(caption)}**", "", *(f"- {escape(i)}" for i in items)]
        case Figure():
            # Bars and radars draw scores whose values stand in the table beside them.
            return []
        case Heading(text=text):
            return ["", f"### {escape(text)}"]
        case Question(label=label, blocks=blocks):
            lines = ["", f"**{escape(label)}**"]
            for inner in blocks:
                lines += block_lines(inner)
            return lines
        case WritingSpace(lines=count, numbered=numbered):
            written = [f"{n}\\. {LINE}" if numbered else LINE for n in range(1, count + 1)]
            return ["", "\\\n".join(written)]
        case Choices(labels=labels, several=several):
            marked = [f"{_mark(several)} {escape(label)}" for label in labels]
            return (
                ["", "\u2003".join(marked)] if block.inline else ["", *(f"- {m}" for m in marked)]
            )
        case ShortAnswer(after=after):
            return ["", "\\_" * 16 + (f" {escape(after)}" if after else "")]
        case Scale(points=points, labels=labels):
            return ["", table(points, [labels, [CIRCLE] * len(points)])]
        case EmptyTable():
            return _empty_table(block)
        case Fields(rows=rows):
            fields = [f"**{escape(label)}:** " + "\\_" * 30 for row in rows for label, _ in row]
            return ["", "\\\n".join(fields)]
        case Guidance(label=label, text=text):
            return ["", f"> **{escape(label)}** {escape(text)}"]
        case Blank(number=number, label=label, marks=marks, notes=notes, blocks=blocks):
            head = f"**{number} {escape(label)}**"
            lines = ["", head + (f" *({escape(marks)})*" if marks else "")]
            for inner in [*notes, *blocks]:
                lines += block_lines(inner)
            return lines
        case _:
            assert_never(block)


def part_lines(part: Part) -> list[str]:
    """One part: the title block as the document's heading, others as numbered sections."""
    if part.kind == "head":
        lines = [f"# {escape(part.title)}"]
    else:
        number = f"{part.number}. " if part.number is not None else ""
        lines = ["", f"## {number}{escape(part.title)}"]
    for block in part.blocks:
        lines += block_lines(block)
    return lines


def write_markdown(document: Document) -> str:
    """The document as canonical Markdown (what `mdformat --check` expects)."""
    lines: list[str] = []
    for part in document.parts:
        lines += part_lines(part)
    return tidy("\n".join(lines) + "\n")
