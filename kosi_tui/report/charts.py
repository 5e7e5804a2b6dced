"""Charts for paper and screen, drawn as SVG: bars, a radar for self-checks, a stacked funding bar.

One drawing serves every format: inline in HTML, embedded as vectors in the PDF, turned into a
picture for Word. Every text is XML-escaped where it lands (after `for_report`), so a label from a
file cannot add markup to the drawing.
"""

from __future__ import annotations

import hashlib
import html
import math
from dataclasses import dataclass

from kosi_tui.core.visible_text import for_report

FONT = "Libertinus Serif, Georgia, serif"
INK = "#222"
GRID = "#bbb"
COLOURS = ("#1d4f91", "#d08c00", "#2e7d32", "#8e2c8e", "#0f7c8c", "#b23a48", "#6b6b00", "#555")
"""Colours that stay apart in grey print too (different lightness), with their text in a legend."""


@dataclass(frozen=True)
class Bars:
    """One horizontal bar per label, from `low` to `high`; `texts` are the values as written."""

    labels: list[str]
    values: list[float | None]
    texts: list[str]
    low: float
    high: float


@dataclass(frozen=True)
class Radar:
    """A radar (spider) chart: one axis per label, all on the same scale."""

    labels: list[str]
    values: list[float | None]
    texts: list[str]
    low: float
    high: float


@dataclass(frozen=True)
class Stacked:
    """Who brings how much towards a target: one bar of parts, and the gap to the target."""

    parts: list[tuple[str, float, str]]
    """Label, amount and the amount as written."""
    target: float | None
    target_text: str
    gap_label: str


Chart = Bars | Radar | Stacked


def _text(value: str) -> str:
    return html.escape(" ".join(for_report(value).split()), quote=True)


def _label(
    x: float, y: float, text: str, anchor: str = "start", size: int = 11, bold: bool = False
) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}"{weight} '
        f'fill="{INK}">{_text(text)}</text>'
    )


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _lines(text: str, limit: int, most: int = 3) -> list[str]:
    """`text` in lines of at most `limit` characters, broken between words; only what does not
    fit in `most` lines is cut ("…"), so a choice's label is read, not guessed."""
    lines: list[str] = []
    for word in " ".join(text.split()).split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > most:
        lines = lines[:most]
        lines[-1] = lines[-1][: limit - 1] + "…"
    return [_short(line, limit) for line in lines] or [""]


def _svg(width: int, height: int, body: list[str], title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="{FONT}" role="img">'
        f"<title>{_text(title)}</title>" + "".join(body) + "</svg>"
    )


def _share(value: float | None, low: float, high: float) -> float:
    if value is None or high <= low:
        return 0.0
    return max(0.0, min(1.0, (value - low) / (high - low)))


def _bars(chart: Bars, title: str) -> str:
    row, line, left, bar_w, width = 24, 13, 210, 260, 560
    # A long label takes more lines, and its row grows with it; cut to 34 characters, the
    # labels of a summary's choices read "Stabsstelle, Strategie, Organisat…".
    labels = [_lines(label, 34) for label in chart.labels]
    heights = [row + line * (len(lines) - 1) for lines in labels]
    height = sum(heights) + 16
    body = []
    y = 8
    for lines, rise, value, text in zip(labels, heights, chart.values, chart.texts, strict=True):
        for n, part in enumerate(lines):
            body.append(_label(left - 8, y + 15 + n * line, part, "end"))
        body.append(
            f'<rect x="{left}" y="{y + 4}" width="{bar_w}" height="14" fill="none" stroke="{GRID}" stroke-width="0.8"/>'
        )
        filled = bar_w * _share(value, chart.low, chart.high)
        if filled > 0:
            body.append(
                f'<rect x="{left}" y="{y + 4}" width="{filled:.1f}" height="14" fill="{COLOURS[0]}"/>'
            )
        body.append(_label(left + bar_w + 8, y + 15, text))
        y += rise
    return _svg(width, height, body, title)


def _radar(chart: Radar, title: str) -> str:
    width, height, cx, cy, radius = 600, 380, 300.0, 190.0, 125.0
    n = len(chart.labels)
    body = []

    def point(i: int, share: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        return cx + radius * share * math.cos(angle), cy + radius * share * math.sin(angle)

    steps = int(chart.high - chart.low) if float(chart.high - chart.low).is_integer() else 4
    steps = max(1, min(steps, 10))
    for step in range(1, steps + 1):
        ring = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, step / steps) for i in range(n)))
        body.append(f'<polygon points="{ring}" fill="none" stroke="{GRID}" stroke-width="0.7"/>')
    for i, label in enumerate(chart.labels):
        x, y = point(i, 1.0)
        body.append(
            f'<line x1="{cx}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}" stroke="{GRID}" stroke-width="0.7"/>'
        )
        lx, ly = point(i, 1.12)
        anchor = "middle" if abs(lx - cx) < 8 else ("start" if lx > cx else "end")
        shown = f"{_short(label, 30)} ({chart.texts[i]})"
        # 12 units: at the width a page gives the chart, no smaller than 8 pt on paper.
        body.append(_label(lx, ly + 4, shown, anchor, size=12))
    shape = [point(i, _share(v, chart.low, chart.high)) for i, v in enumerate(chart.values)]
    body.append(
        '<polygon points="'
        + " ".join(f"{x:.1f},{y:.1f}" for x, y in shape)
        + f'" fill="{COLOURS[0]}" '
        f'fill-opacity="0.25" stroke="{COLOURS[0]}" stroke-width="2"/>'
    )
    for (x, y), value in zip(shape, chart.values, strict=True):
        if value is not None:
            body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{COLOURS[0]}"/>')
    return _svg(width, height, body, title)


_HATCHES = (
    "",
    '<path d="M-1,1 l2,-2 M0,8 l8,-8 M7,9 l2,-2" stroke="{ink}" stroke-width="1.6"/>',
    '<circle cx="4" cy="4" r="1.6" fill="{ink}"/>',
    '<path d="M0,4 h8" stroke="{ink}" stroke-width="1.6"/>',
    '<path d="M0,0 l8,8 M8,0 l-8,8" stroke="{ink}" stroke-width="1.2"/>',
    '<path d="M-1,7 l2,2 M0,0 l8,8 M7,-1 l2,2" stroke="{ink}" stroke-width="1.6"/>',
    '<path d="M4,0 v8" stroke="{ink}" stroke-width="1.6"/>',
    '<path d="M0,0 h4 v4 h-4 z M4,4 h4 v4 h-4 z" fill="{ink}"/>',
)
"""A hatching per part, drawn over its colour: in black-and-white print the parts still differ
by pattern when their colours turn into similar greys."""


def _light(colour: str) -> bool:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.299 * red + 0.587 * green + 0.114 * blue > 140


def _fills(count: int, key: str) -> list[str]:
    """SVG pattern definitions, one per part: its own hatching in a contrasting ink (white on
    dark colours, black on light ones), laid over the part's colour (see `_part`)."""
    defs = []
    for i in range(count):
        colour = COLOURS[i % len(COLOURS)]
        ink = INK if _light(colour) else "#fff"
        hatch = _HATCHES[i % len(_HATCHES)].format(ink=ink)
        if hatch:
            defs.append(
                f'<pattern id="{key}{i}" width="8" height="8" patternUnits="userSpaceOnUse">'
                f"{hatch}</pattern>"
            )
    return ["<defs>" + "".join(defs) + "</defs>"] if defs else []


def _part(i: int, x: float, y: float, w: float, h: float, key: str) -> str:
    """A part's area: its colour, its hatching over it (the colour kept apart, so no seams of
    the pattern's tiles show in it), and a thin outline."""
    box = f'x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}"'
    shapes = f'<rect {box} fill="{COLOURS[i % len(COLOURS)]}"/>'
    if _HATCHES[i % len(_HATCHES)]:
        shapes += f'<rect {box} fill="url(#{key}{i})"/>'
    return shapes + f'<rect {box} fill="none" stroke="{INK}" stroke-width="0.6"/>'


def _badge(x: float, y: float, number: int) -> str:
    """A part's number in a white circle: readable on any colour and in any print."""
    return (
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="8.5" fill="#fff" stroke="{INK}" stroke-width="1"/>'
        + _label(x, y + 4, str(number), "middle", size=11, bold=True)
    )


def _stacked(chart: Stacked, title: str) -> str:
    width, left, bar_w = 560, 10, 540
    top, bar_h = 30, 28
    total = sum(max(0.0, v) for _, v, _ in chart.parts)
    scale_to = max(total, chart.target or 0.0) or 1.0
    # Pattern ids of their own per chart: an HTML page with two charts has no id twice.
    key = "p" + hashlib.sha1(repr(chart).encode()).hexdigest()[:8] + "-"
    body = _fills(len(chart.parts), key)
    x = float(left)
    callout = -math.inf
    for i, (_, value, _) in enumerate(chart.parts):
        w = bar_w * max(0.0, value) / scale_to
        body.append(_part(i, x, top, w, bar_h, key))
        middle = x + w / 2
        if w >= 22:
            body.append(_badge(middle, top + bar_h / 2, i + 1))
        elif w > 0:
            # Too narrow for its number: the number above the bar, with a line down to it.
            at = max(middle, callout + 19)
            callout = at
            body.append(
                f'<line x1="{at:.1f}" y1="{top - 6}" x2="{middle:.1f}" y2="{top}" '
                f'stroke="{INK}" stroke-width="0.8"/>'
            )
            body.append(_badge(at, top - 15, i + 1))
        x += w
    gap = (chart.target or 0.0) - total
    if gap > 0:
        w = bar_w * gap / scale_to
        body.append(
            f'<rect x="{x:.1f}" y="{top}" width="{w:.1f}" height="{bar_h}" fill="#fff" '
            f'stroke="{INK}" stroke-width="1" stroke-dasharray="4 3"/>'
        )
    if chart.target:
        tx = left + bar_w * chart.target / scale_to
        body.append(
            f'<line x1="{tx:.1f}" y1="{top - 6}" x2="{tx:.1f}" y2="{top + bar_h + 6}" '
            f'stroke="{INK}" stroke-width="1.5"/>'
        )
        body.append(
            _label(min(tx, left + bar_w), top + bar_h + 20, chart.target_text, "end", bold=True)
        )
    y = top + bar_h + 44
    for i, (label, _, text) in enumerate(chart.parts):
        body.append(_part(i, left + 20, y - 11, 22, 14, key))
        body.append(_badge(left + 8, y - 4, i + 1))
        body.append(_label(left + 50, y, f"{_short(label, 56)}: {text}"))
        y += 20
    if gap > 0:
        body.append(
            f'<rect x="{left + 20}" y="{y - 11}" width="22" height="14" fill="#fff" '
            f'stroke="{INK}" stroke-dasharray="3 2"/>'
        )
        body.append(_label(left + 50, y, chart.gap_label, bold=True))
        y += 20
    return _svg(width, y, body, title)


def to_svg(chart: Chart, title: str) -> str:
    """The chart as a standalone SVG document; `title` is its text alternative."""
    if isinstance(chart, Radar):
        return _radar(chart, title)
    if isinstance(chart, Stacked):
        return _stacked(chart, title)
    return _bars(chart, title)
