"""The report document as one self-contained, printable HTML file, with its charts as inline SVG.

The text goes through the same escaped Markdown as the Markdown report (rendered with raw HTML
switched off); a chart takes the place of a marker paragraph carrying a random token, so no text
typed into a draft can stand in for one.
"""

from __future__ import annotations

import html
import secrets

from kosi_tui.report.charts import to_svg
from kosi_tui.report.document import Document, Figure, Part, Question
from kosi_tui.report.html import render_html
from kosi_tui.report.write_markdown import block_lines, part_lines


def _figure_html(figure: Figure) -> str:
    caption = html.escape(figure.caption, quote=False)
    return (
        f'<figure class="chart">{to_svg(figure.chart, figure.caption)}'
        f"<figcaption>{caption}</figcaption></figure>"
    )


def write_html(document: Document) -> str:
    """The document as HTML, with the print stylesheet inline; evaluation on a page of its own."""
    token = secrets.token_hex(8)
    figures: list[str] = []

    def marker(figure: Figure) -> list[str]:
        figures.append(_figure_html(figure))
        return ["", f"kosifigure{token}n{len(figures) - 1}"]

    lines: list[str] = []
    for part in document.parts:
        shown = Part(part.title, [], part.number, part.new_page, part.kind)
        lines += part_lines(shown)
        for block in part.blocks:
            if isinstance(block, Figure):
                lines += marker(block)
            elif isinstance(block, Question) and any(isinstance(b, Figure) for b in block.blocks):
                lines += block_lines(Question(block.label, []))
                for inner in block.blocks:
                    lines += marker(inner) if isinstance(inner, Figure) else block_lines(inner)
            else:
                lines += block_lines(block)
    breaks = tuple(
        f"{p.number}. {p.title}" if p.number is not None else p.title
        for i, p in enumerate(document.parts)
        if p.new_page or (i > 0 and document.parts[i - 1].kind == "glance")
    )
    page = render_html(
        "\n".join(lines) + "\n", document.title, document.footer, document.lang, breaks
    )
    for n, figure in enumerate(figures):
        page = page.replace(f"<p>kosifigure{token}n{n}</p>", figure)
    return page
