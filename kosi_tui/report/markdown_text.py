"""Building blocks for Markdown made from people's text: escaping, paragraphs, tables, bars.

Whatever a person typed is escaped so that it is shown as typed: characters that can start markup
get a backslash (and line-start markers only at the start), so raw HTML never reaches a renderer as
HTML. Reports are then brought into mdformat's canonical form; workshop summaries, which can be
very long, are written directly in a form that needs no tidying.

Before escaping, text goes through `for_report` (see `kosi_tui.core.visible_text`): control
characters such as ESC or BEL are shown as `\\x1b` / `\\x07`, bidirectional controls such as
U+202E are dropped, so neither reaches the Markdown file or, through it, the HTML report.
"""

from __future__ import annotations

import re

from kosi_tui.core.visible_text import for_report

_ANYWHERE = re.compile(r"([\\`*_\[\]<>|~&])")
"""Characters that can start markup anywhere in a line."""
_LINE_START = re.compile(r"^([#+=!-]|\d{1,9}(?=[.)](?:\s|$)))")
"""Characters that start a heading, list or underline only at the start of a line; a number
starts a list only when a space or the line's end follows its `.` or `)` ("11.775" does not)."""

BAR_FULL = "█"
BAR_EMPTY = "░"


def escape(text: str) -> str:
    """Text shown literally in Markdown, on one line (its own line breaks become spaces)."""
    s = _ANYWHERE.sub(r"\\\1", " ".join(for_report(text).split()))
    m = _LINE_START.match(s)
    if m is None:
        return s
    if m.group(1).isdigit():
        end = m.end()
        return f"{s[:end]}\\{s[end:]}"
    return "\\" + s


def paragraphs(text: str) -> str:
    """Multi-line text as Markdown paragraphs; single line breaks are kept as hard breaks."""
    blocks = [b for b in re.split(r"\n\s*\n", for_report(text).strip()) if b.strip()]
    out = []
    for block in blocks:
        lines = [escape(line) for line in block.splitlines() if line.strip()]
        out.append("\\\n".join(lines))
    return "\n\n".join(out)


def code(text: str) -> str:
    """Text as an inline code span, on one line: a file name or key shown exactly as it is."""
    s = " ".join(for_report(text).split())
    longest = max((len(run) for run in re.findall(r"`+", s)), default=0)
    fence = "`" * (longest + 1)
    # A span starting or ending with a backtick needs a space inside the fence (CommonMark).
    pad = " " if s.startswith("`") or s.endswith("`") else ""
    return f"{fence}{pad}{s}{pad}{fence}" if s else ""


def table(
    header: list[str],
    rows: list[list[str]],
    right: frozenset[int] = frozenset(),
    total: list[str] | None = None,
) -> str:
    """A GFM table with padded columns; cells are escaped (their line breaks become spaces).

    Columns in `right` are right-aligned (amounts); `total` is a closing row set in bold.
    """
    if not header:
        return ""
    width = len(header)
    cells = [[escape(c) for c in header]] + [
        [escape(c) for c in (row + [""] * width)[:width]] for row in rows
    ]
    if total is not None:
        cells.append([f"**{escape(c)}**" if c else "" for c in (total + [""] * width)[:width]])
    sizes = [max(3, *(len(r[i]) for r in cells)) for i in range(width)]

    def line(row: list[str]) -> str:
        return "| " + " | ".join(c.ljust(sizes[i]) for i, c in enumerate(row)) + " |"

    rule = ["-" * (n - 1) + ":" if i in right else "-" * n for i, n in enumerate(sizes)]
    return "\n".join([line(cells[0]), line(rule), *(line(r) for r in cells[1:])])


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
