"""The report document as one self-contained, printable HTML file, with its charts as inline SVG.

The text goes through the same escaped Markdown as the Markdown report (rendered with raw HTML
switched off); a chart takes the place of a marker paragraph carrying a random token, so no text
typed into a draft can stand in for one.
"""

from __future__ import annotations

import html
import secrets

from kosi_tui.report.charts import to_svg
from kosi_tui.report.document import Blank, Document, Figure, Part, Question
from kosi_tui.report.html import render_html
from kosi_tui.report.write_markdown import block_lines, part_lines


class FigureMarks:
    """Charts waiting for their place: a marker line in the Markdown, the SVG in the HTML."""

    def __init__(self) -> None:
        self.token = secrets.token_hex(8)
        self.figures: list[Figure] = []

    def add(self, figure: Figure) -> str:
        """The Markdown line that stands for `figure` until `fill` puts the chart there."""
        self.figures.append(figure)
        return f"kosifigure{self.token}n{len(self.figures) - 1}"

    def fill(self, page: str) -> str:
        """The HTML page with every marker paragraph replaced by its chart."""
        for n, figure in enumerate(self.figures):
            caption = html.escape(figure.caption, quote=False)
            drawn = (
                f'<figure class="chart">{to_svg(figure.chart, figure.caption)}'
                f"<figcaption>{caption}</figcaption></figure>"
            )
            page = page.replace(f"<p>kosifigure{self.token}n{n}</p>", drawn)
        return page


def write_html(document: Document) -> str:
    """The document as HTML, with the print stylesheet inline; evaluation on a page of its own."""
    marks = FigureMarks()
    lines: list[str] = []
    for part in document.parts:
        lines += part_lines(Part(part.title, [], part.number, part.new_page, part.kind))
        for block in part.blocks:
            inner = block.blocks if isinstance(block, Question) else [block]
            if isinstance(block, Question):
                lines += block_lines(Question(block.label, []))
            for item in inner:
                lines += ["", marks.add(item)] if isinstance(item, Figure) else block_lines(item)
    breaks = tuple(
        f"{p.number}. {p.title}" if p.number is not None else p.title
        for i, p in enumerate(document.parts)
        if p.new_page or (i > 0 and document.parts[i - 1].kind == "glance")
    )
    # The decision-maker's page 1 ("Auf einen Blick") is printed on one page, as in PDF and Word.
    # Only where the glance follows the title block: a decision paper's attachment has one too.
    glance = [p.kind for p in document.parts[:2]] == ["head", "glance"]
    form = any(isinstance(b, Blank) for part in document.parts for b in part.blocks)
    page = render_html(
        "\n".join(lines) + "\n",
        document.title,
        document.footer,
        document.lang,
        breaks,
        glance,
        form,
    )
    return marks.fill(page)
