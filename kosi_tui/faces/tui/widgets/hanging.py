"""A mark followed by text that wraps under itself, not under the mark (a hanging indent)."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text


class Hanging:
    """`✓ 2. Anlass und` / `  Herausforderung`: for list entries with a state mark.

    Cheaper to draw than a two-column table, which matters in lists redrawn on every answer.
    """

    def __init__(self, mark: Text, text: Text) -> None:
        self.mark = mark
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        indent = self.mark.cell_len + 1
        lines = list(self.text.wrap(console, max(1, options.max_width - indent))) or [Text()]
        out = Text(no_wrap=True)
        for number, line in enumerate(lines):
            if number:
                out.append("\n" + " " * indent)
            else:
                out.append_text(self.mark)
                out.append(" ")
            out.append_text(line)
        yield out

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        indent = self.mark.cell_len + 1
        widest = max((len(word) for word in self.text.plain.split()), default=0)
        return Measurement(indent + widest, indent + self.text.cell_len)
