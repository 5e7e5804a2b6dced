"""The report in the overview, drawn as one block of text.

Textual's Markdown widget makes a widget of every paragraph, list item and table cell: the
default report became 518 widgets, and opening the overview took three seconds of CPU, most of
it styling and arranging them. Rich draws the same Markdown as lines in about 40 ms; the
overview only shows and scrolls the report, so it needs nothing that widgets per block give.
"""

from __future__ import annotations

import re
from typing import ClassVar

from rich import box
from rich.console import Console, ConsoleOptions, JustifyMethod, RenderResult
from rich.markdown import Heading, Markdown, TableElement
from rich.table import Table
from rich.text import Text
from textual.widgets import Static


class _LeftHeading(Heading):
    """Headings at the left margin like the printed report (Rich centres the first level)."""

    LEVEL_ALIGN: ClassVar[dict[str, JustifyMethod]] = {tag: "left" for tag in Heading.LEVEL_ALIGN}


def _longest_word(text: Text) -> int:
    return max((len(word) for word in text.plain.split()), default=0)


class _Table(TableElement):
    """A table as a table where its words fit side by side; where they do not (six columns at 80
    terminal columns), each row as a short block, its first cell in bold and the others with
    their column names, as on the poster. Rich would cut every cell to "Mobil…"."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        header = self.header.row.cells if self.header and self.header.row else []
        names = [cell.content for cell in header]
        rows = [[cell.content for cell in row.cells] for row in self.body.rows] if self.body else []
        widths = [
            max([_longest_word(names[i])] + [_longest_word(row[i]) for row in rows if i < len(row)])
            for i in range(len(names))
        ]
        if sum(widths) + 2 * len(widths) <= options.max_width:
            table = Table(
                box=box.SIMPLE,
                pad_edge=False,
                style="markdown.table.border",
                show_edge=True,
                collapse_padding=True,
            )
            for name in names:
                heading = name.copy()
                heading.stylize("markdown.table.header")
                table.add_column(heading, overflow="fold")
            for row in rows:
                table.add_row(*row)
            yield table
            return
        for number, row in enumerate(rows):
            if number:
                yield Text()
            block = Text()
            for i, cell in enumerate(row):
                if not cell.plain.strip():
                    continue
                if block:
                    block.append("\n")
                if i == 0:
                    block.append_text(cell.copy())
                    block.stylize("bold", 0, len(block))
                    continue
                if i < len(names) and names[i].plain.strip():
                    block.append(f"{names[i].plain}: ", style="markdown.table.header")
                block.append_text(cell)
            yield block


class _ReportMarkdown(Markdown):
    elements: ClassVar = {
        **Markdown.elements,
        "heading_open": _LeftHeading,
        "table_open": _Table,
    }


_TASK = re.compile(r"^(\s*[-*+] )\[( |x|X)\] ", re.MULTILINE)


def _with_boxes(markdown: str) -> str:
    """Task-list items (`- [ ] step`) with a box to tick, as GitHub shows them: Rich would print
    the brackets."""
    return _TASK.sub(lambda m: f"{m.group(1)}{'☐' if m.group(2) == ' ' else '☒'} ", markdown)


class ReportView(Static):
    """The report's Markdown, drawn by Rich. The text is shown as written: Markdown is not
    Textual markup, so nothing in an answer can style or break the screen."""

    def __init__(self, markdown: str, *, id: str | None = None) -> None:
        self.markdown = _with_boxes(markdown)
        super().__init__(_ReportMarkdown(self.markdown, hyperlinks=False), id=id)

    def lines(self) -> list[str]:
        """The report's lines as drawn at the widget's width now."""
        width = self.content_region.width or self.size.width
        if width <= 0:
            return []
        console = self.app.console
        drawn = console.render_lines(
            _ReportMarkdown(self.markdown, hyperlinks=False),
            console.options.update_width(width),
            pad=False,
        )
        return ["".join(segment.text for segment in line) for line in drawn]

    def line_of(self, heading: str) -> int | None:
        """The line that holds `heading` alone (a heading, not a paragraph mentioning it); None
        when there is none. To scroll to a part."""
        for number, line in enumerate(self.lines()):
            if line.strip() == heading:
                return number
        return None
