"""The blocks of a blank copy as Typst code: writing space across the full width sized by what is
expected, ○ for one choice and ☐ for several, table rows at least 12 mm high, and a question never
parted from its answer area (report.typ draws them)."""

from __future__ import annotations

from typing import assert_never

from kosi_tui.report.document import (
    Blank,
    Block,
    Choices,
    Column,
    EmptyTable,
    Fields,
    FormBlock,
    Guidance,
    Scale,
    ShortAnswer,
    WritingSpace,
)
from kosi_tui.report.typst_text import array, lit

ROW = "12mm"


def _columns(choices: Choices) -> int:
    """Across the page: a few short options side by side (○ Ja   ○ Nein), many in two columns."""
    labels = choices.labels
    if choices.inline:
        return len(labels)
    return 2 if len(labels) > 6 and max(len(x) for x in labels) < 45 else 1


def _cell(column: Column) -> str:
    """What an empty cell holds: nothing to write in, or the column's options by number, to
    tick (their names stand once, in the legend above the table)."""
    if column.options is None:
        return '""'
    several = "true" if column.several else "false"
    return f"numbered-ticks({len(column.options)}, several: {several})"


def _legend(columns: list[Column]) -> str:
    """The legend of a table's choice columns: each column's name and its numbered options."""
    items = [
        array([lit(c.label), array([lit(label) for label in c.options])])
        for c in columns
        if c.options is not None
    ]
    return f"column-legend({array(items)})" if items else ""


def _weight(column: Column) -> float:
    """A column's share of the width: room to write in, or for its longest option; never less
    than its heading's longest word needs (`Wahrscheinlichkeit` cannot break, it would run into
    the next column)."""
    if column.options:
        # Numbered marks, about 4.5 units each, on two or three lines.
        weight = max(12.0, 4.5 * min(len(column.options), 4) + 2)
    else:
        weight = 14.0 if column.number else 26.0
    return max(weight, max((len(word) for word in column.label.split()), default=0) + 2.0)


def wide(block: Block) -> bool:
    """Whether a blank question holds a table too wide for a portrait page."""
    return isinstance(block, Blank) and any(
        isinstance(b, EmptyTable) and b.wide for b in block.blocks
    )


def _table(block: EmptyTable) -> str:
    heads = array([lit(c.label) for c in block.columns])
    row = array([_cell(c) for c in block.columns])
    widths = array([f"{_weight(c):.1f}" for c in block.columns])
    table = (
        f"grid-table({heads}, ({row},) * {block.rows}, widths: {widths}, min-row: {ROW}, size: 9pt)"
    )
    legend = _legend(block.columns)
    return f"{{ {legend}; {table} }}" if legend else table


def _fields(rows: list[list[tuple[str, int]]]) -> str:
    lines = [
        "{ " + "; h(8mm); ".join(f"field({lit(label)}, width: {mm}mm)" for label, mm in row) + " }"
        for row in rows
    ]
    return f"block(above: 1em, below: 1em, stack(spacing: 4mm, {', '.join(lines)}))\n"


def blank_source(block: FormBlock) -> str:
    """The Typst code of a blank copy's block (one expression)."""
    match block:
        case WritingSpace(lines=lines, numbered=numbered):
            if numbered:
                return f"enum(..range({lines}).map(_ => writing-lines(1)))"
            return f"writing-lines({lines})"
        case Choices(labels=labels, several=several):
            shown = array([lit(x) for x in labels])
            kind = "true" if several else "false"
            return f"options({shown}, several: {kind}, columns: {_columns(block)})"
        case ShortAnswer(after=after, width_mm=width):
            line = f"box(width: {width}mm, height: 9mm, stroke: (bottom: 0.5pt + rule))"
            return f"{line} + {lit(' ' + after)}" if after else line
        case Scale(points=points, labels=labels):
            circles = ["[#tick(false)]"] * len(points)
            return (
                f"grid-table({array([lit(p) for p in points])}, "
                f"({array([lit(x) for x in labels])}, {array(circles)}), "
                f"min-row: {ROW}, size: 8.5pt)"
            )
        case EmptyTable():
            return _table(block)
        case Fields(rows=rows):
            return _fields(rows)
        case Guidance(label=label, text=text):
            return f"trainer-note({lit(label)}, {lit(text)})"
        case Blank(number=number, label=label, marks=marks, notes=notes, blocks=blocks):
            # Only a blank copy's blocks stand in a blank question.
            parts = [blank_source(b) for b in blocks if isinstance(b, FormBlock)]
            area = parts[0] if len(parts) == 1 else "{ " + "; ".join(parts) + " }"
            # Only a table on a landscape page of its own may run on to the next page; any
            # other question stays whole with its answer area.
            long = "true" if wide(block) else "false"
            return (
                f"blank-question({lit(number)}, {lit(label)}, {lit(marks)}, "
                f"{array([lit(n.text) for n in notes])}, {area}, long: {long})\n"
            )
        case _:
            assert_never(block)
