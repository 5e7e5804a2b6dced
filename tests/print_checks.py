"""What every printed document is checked for, read back from the PDF (pypdf, pdfplumber): its
fonts embedded, no character outside its page or its table cell, the smallest type, how full each
page is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

MM = 72 / 25.4


def font_embedded(font: Any) -> bool:
    """Whether a PDF font carries its glyphs (a composite font in its descendant)."""
    font = font.get_object()
    if "/DescendantFonts" in font:
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return False
    descriptor = descriptor.get_object()
    return any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def fonts_not_embedded(path: Path) -> set[str]:
    """The names of the fonts of a PDF that are not embedded (empty: all are)."""
    from pypdf import PdfReader

    missing = set()
    for page in PdfReader(path).pages:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources is not None else None
        for name, font in (fonts.get_object() if fonts is not None else {}).items():
            if not font_embedded(font):
                missing.add(str(font.get_object().get("/BaseFont", name)))
    return missing


SMALLEST_PT = {"A6": 7.0, "A5": 8.0, "A4": 8.0, "A3": 11.0, "A1": 14.0}
"""The smallest type each paper may carry: A4 and A5 read in the hand, a card (A6) held close,
the posters from a step back (A3) and from two metres (A1)."""

_PAPERS_MM = {
    (105, 148): "A6",
    (148, 210): "A5",
    (210, 297): "A4",
    (297, 420): "A3",
    (594, 841): "A1",
}
"""Paper sizes in whole mm, short side first (A6's 148.5 mm as Typst rounds it: 148)."""
_TOLERANCE = 0.6
"""How far a glyph's box may reach over a rule (pt): the fonts' boxes include side bearings."""


def paper_of(page: Any) -> str:
    """ "A4" and so on for a pdfplumber page, in either orientation."""
    short, long = sorted((round(page.width / MM), round(page.height / MM)))
    return _PAPERS_MM.get((short, long), f"{short}x{long} mm")


def _cells(page: Any) -> list[tuple[float, float, float, float]]:
    """The cells of the page's ruled tables, from the lines and rectangles drawn."""
    found = []
    for table in page.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"}):
        found += [cell for cell in table.cells if cell is not None]
    return found


def _inside(char: dict[str, Any], box: tuple[float, float, float, float], slack: float) -> bool:
    x0, top, x1, bottom = box
    return bool(
        char["x0"] >= x0 - slack
        and char["x1"] <= x1 + slack
        and char["top"] >= top - slack - 2
        and char["bottom"] <= bottom + slack + 2
    )


def _centre_in(char: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return bool(box[0] <= x <= box[2] and box[1] <= y <= box[3])


def page_fill(page: Any) -> float:
    """How far down the page its content reaches, as a share of the space between the first and
    the last 20 mm (the margins and the footer)."""
    top, bottom = 20 * MM, page.height - 20 * MM
    lows = [c["bottom"] for c in page.chars if c["bottom"] <= bottom]
    lows += [r["bottom"] for r in page.rects + page.lines + page.curves if r["bottom"] <= bottom]
    if not lows:
        return 0.0
    return max(0.0, float(max(lows) - top) / float(bottom - top))


def print_problems(
    path: Path, smallest: float | None = None, least_fill: float = 0.25
) -> list[str]:
    """Everything wrong with a printed document, one line each (empty: nothing)."""
    import pdfplumber

    problems = [f"font not embedded: {name}" for name in sorted(fonts_not_embedded(path))]
    with pdfplumber.open(path) as pdf:
        pages = list(pdf.pages)
        for number, page in enumerate(pages, start=1):
            where = f"page {number}"
            chars = [c for c in page.chars if c["text"].strip()]
            outside = [
                c["text"] for c in chars if not _inside(c, (0, 0, page.width, page.height), 0)
            ]
            if outside:
                problems.append(f"{where}: outside the page: {''.join(outside)[:40]!r}")
            least = smallest if smallest is not None else SMALLEST_PT.get(paper_of(page), 8.0)
            small = sorted({round(c["size"], 1) for c in chars if c["size"] < least - 0.05})
            if small:
                text = "".join(c["text"] for c in chars if c["size"] < least - 0.05)
                problems.append(f"{where} ({paper_of(page)}): type of {small} pt: {text[:40]!r}")
            for cell in _cells(page):
                crossing = [
                    c for c in chars if _centre_in(c, cell) and not _inside(c, cell, _TOLERANCE)
                ]
                if crossing:
                    text = "".join(c["text"] for c in chars if _centre_in(c, cell))
                    problems.append(f"{where}: text over its cell's rules: {text[:40]!r}")
            if number < len(pages) and (fill := page_fill(page)) < least_fill:
                problems.append(f"{where}: only {fill:.0%} full")
    return problems
