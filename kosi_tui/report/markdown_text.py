"""Building blocks for Markdown made from people's text: escaping, paragraphs, tables, bars.

Whatever a person typed is escaped so that it is shown as typed: every ASCII punctuation mark gets
a backslash (CommonMark allows that for all of them), and `mdformat` later removes the backslashes
that were not needed. Raw HTML therefore never reaches a renderer as HTML.
"""

from __future__ import annotations

import re

_PUNCT = re.compile(r"([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")

BAR_FULL = "█"
BAR_EMPTY = "░"


def escape(text: str) -> str:
    """Text shown literally in Markdown, on one line."""
    return _PUNCT.sub(r"\\\1", " ".join(text.split()))


def paragraphs(text: str) -> str:
    """Multi-line text as Markdown paragraphs; single line breaks are kept as hard breaks."""
    blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    out = []
    for block in blocks:
        lines = [escape(line) for line in block.splitlines() if line.strip()]
        out.append("\\\n".join(lines))
    return "\n\n".join(out)


def table(header: list[str], rows: list[list[str]]) -> str:
    """A GFM table; cells are escaped (their own line breaks become spaces)."""
    if not header:
        return ""
    lines = [
        "| " + " | ".join(escape(h) or " " for h in header) + " |",
        "| " + " | ".join("---" for _ in header) + " |",
    ]
    for row in rows:
        cells = [escape(c) for c in row] + [""] * (len(header) - len(row))
        lines.append("| " + " | ".join(cells[: len(header)]) + " |")
    return "\n".join(lines)


def bar(value: float, low: float, high: float, width: int = 10) -> str:
    """A horizontal bar for `value` between `low` and `high`, in block characters."""
    if high <= low:
        return ""
    share = max(0.0, min(1.0, (value - low) / (high - low)))
    full = round(share * width)
    return BAR_FULL * full + BAR_EMPTY * (width - full)


def tidy(markdown: str) -> str:
    """The canonical form of the Markdown (what `mdformat --check` expects)."""
    import mdformat

    return str(mdformat.text(markdown, extensions={"gfm"}))
