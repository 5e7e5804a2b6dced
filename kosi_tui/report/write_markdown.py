"""The report document as canonical Markdown; every text escaped where it lands."""

from __future__ import annotations

from kosi_tui.report.charts import Stacked
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
from kosi_tui.report.markdown_text import code, escape, paragraphs, table, tidy


def _pair(label: str, value: str) -> str:
    # A label that is a sentence ("Es fehlt ein Mandat.") takes no colon.
    colon = "" if label.rstrip().endswith((".", "!", "?", ":")) else ":"
    head = f"**{escape(label)}{colon}**"
    return f"{head} {escape(value)}" if value else head


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
    return []


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
