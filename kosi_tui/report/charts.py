"""Charts for paper and screen, drawn as SVG: bars, a radar for self-checks, a stacked funding bar.

One drawing serves every format: inline in HTML, embedded as vectors in the PDF, turned into a
picture for Word. Every text is XML-escaped where it lands (after `for_report`), so a label from a
file cannot add markup to the drawing.
"""

from __future__ import annotations

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
    row, left, bar_w, width = 24, 210, 260, 560
    height = row * len(chart.labels) + 16
    body = []
    for i, (label, value, text) in enumerate(
        zip(chart.labels, chart.values, chart.texts, strict=True)
    ):
        y = 8 + i * row
        body.append(_label(left - 8, y + 15, _short(label, 34), "end"))
        body.append(
            f'<rect x="{left}" y="{y + 4}" width="{bar_w}" height="14" fill="none" stroke="{GRID}" stroke-width="0.8"/>'
        )
        filled = bar_w * _share(value, chart.low, chart.high)
        if filled > 0:
            body.append(
                f'<rect x="{left}" y="{y + 4}" width="{filled:.1f}" height="14" fill="{COLOURS[0]}"/>'
            )
        body.append(_label(left + bar_w + 8, y + 15, text))
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
        body.append(_label(lx, ly + 4, shown, anchor))
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


def _stacked(chart: Stacked, title: str) -> str:
    width, left, bar_w = 560, 10, 540
    total = sum(max(0.0, v) for _, v, _ in chart.parts)
    scale_to = max(total, chart.target or 0.0) or 1.0
    body = []
    x = float(left)
    for i, (_, value, _) in enumerate(chart.parts):
        w = bar_w * max(0.0, value) / scale_to
        body.append(
            f'<rect x="{x:.1f}" y="10" width="{w:.1f}" height="28" fill="{COLOURS[i % len(COLOURS)]}"/>'
        )
        x += w
    gap = (chart.target or 0.0) - total
    if gap > 0:
        w = bar_w * gap / scale_to
        body.append(
            f'<rect x="{x:.1f}" y="10" width="{w:.1f}" height="28" fill="#fff" stroke="{INK}" '
            'stroke-width="1" stroke-dasharray="4 3"/>'
        )
    if chart.target:
        tx = left + bar_w * chart.target / scale_to
        body.append(
            f'<line x1="{tx:.1f}" y1="4" x2="{tx:.1f}" y2="44" stroke="{INK}" stroke-width="1.5"/>'
        )
        body.append(_label(min(tx, left + bar_w), 58, chart.target_text, "end", bold=True))
    y = 78
    for i, (label, _, text) in enumerate(chart.parts):
        body.append(
            f'<rect x="{left}" y="{y - 10}" width="12" height="12" fill="{COLOURS[i % len(COLOURS)]}"/>'
        )
        body.append(_label(left + 18, y, f"{_short(label, 60)}: {text}"))
        y += 18
    if gap > 0:
        body.append(
            f'<rect x="{left}" y="{y - 10}" width="12" height="12" fill="#fff" stroke="{INK}" '
            'stroke-dasharray="3 2"/>'
        )
        body.append(_label(left + 18, y, chart.gap_label, bold=True))
        y += 18
    return _svg(width, y, body, title)


def to_svg(chart: Chart, title: str) -> str:
    """The chart as a standalone SVG document; `title` is its text alternative."""
    if isinstance(chart, Radar):
        return _radar(chart, title)
    if isinstance(chart, Stacked):
        return _stacked(chart, title)
    return _bars(chart, title)
