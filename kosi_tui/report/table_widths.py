"""Column widths for a printed table from what it holds: each column at least as wide as its
longest word (an amount counts as one word), so no word breaks inside a cell ("Angebo|t"); the
rest of the width shared by how much text each column holds; the smaller type size only where the
words need it."""

from __future__ import annotations

from dataclasses import dataclass

from kosi_tui.report.document import Grid


@dataclass(frozen=True)
class Metrics:
    """How wide a writer's text runs."""

    char_em: float
    """The widest a character runs on average in a word of the body font, in em."""
    bold_em: float
    """The same in bold (the header row)."""
    padding_mm: float
    """A cell's inner margins, left and right together, and a little air."""


def column_widths(grid: Grid, total: float, size: float, metrics: Metrics) -> list[float] | None:
    """Widths in mm adding up to `total` for text of `size` pt; None when the longest words
    alone are wider than `total`."""
    em = size * 25.4 / 72
    count = len(grid.header)
    least = [
        max((len(w) for w in h.split()), default=1) * metrics.bold_em * em + metrics.padding_mm
        for h in grid.header
    ]
    text = [len(h) for h in grid.header]
    for row in [*grid.rows, *([grid.total] if grid.total else [])]:
        for c, cell in enumerate(row[:count]):
            pieces = [cell] if c in grid.right else cell.split()
            longest = max((len(p) for p in pieces), default=0)
            least[c] = max(least[c], longest * metrics.char_em * em + metrics.padding_mm)
            text[c] = max(text[c], len(cell))
    if sum(least) > total:
        return None
    # What each column would take on one line, beyond its least width, shares the rest.
    wish = [
        max(0.0, min(n, 60) * metrics.char_em * em + metrics.padding_mm - w)
        for n, w in zip(text, least, strict=True)
    ]
    spare = total - sum(least)
    if sum(wish) <= 0:
        return [w + spare / count for w in least]
    return [w + spare * x / sum(wish) for w, x in zip(least, wish, strict=True)]


def fitting_widths(
    grid: Grid, total: float, sizes: tuple[float, ...], metrics: Metrics
) -> tuple[float, list[float]] | None:
    """The largest of `sizes` at which no word breaks, and the widths for it; None when words
    break even at the smallest."""
    for size in sizes:
        widths = column_widths(grid, total, size, metrics)
        if widths is not None:
            return size, widths
    return None
