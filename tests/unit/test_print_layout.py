"""The print test: the default report, every blank copy and the poster, checked from the PDF's
own layout (pdfplumber reads lines, boxes and words back): no table row lower than 10 mm, no
question on another page than its answer area, no page ending in a lone question."""

from __future__ import annotations

import itertools
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from kosi_tui.cli import main
from tests.conftest import ROOT

pdfplumber = pytest.importorskip("pdfplumber", reason="the test extra brings pdfplumber")
pytest.importorskip("typst", reason="the pdf extra brings typst")

MM = 72 / 25.4
CANVASES = ["innovationslabor", "koinvestition-fahrradgarage", "labor-reifegrad"]
FOOTER_ZONE = 20 * MM
"""The page's bottom margin, where the footer stands."""


def row_heights(page: Any) -> list[float]:
    """Heights of table rows: the gaps between horizontal rules that vertical rules join."""
    horizontal = [ln for ln in page.lines if abs(ln["top"] - ln["bottom"]) < 0.5]
    vertical = [ln for ln in page.lines if abs(ln["x0"] - ln["x1"]) < 0.5 and ln["height"] > 3 * MM]
    heights: list[float] = []
    for v in vertical:
        tops = sorted(
            {
                round(h["top"], 1)
                for h in horizontal
                if h["x0"] - 0.5 <= v["x0"] <= h["x1"] + 0.5
                and v["top"] - 0.5 <= h["top"] <= v["bottom"] + 0.5
            }
        )
        heights += [b - a for a, b in itertools.pairwise(tops)]
    return heights


def lines_of_text(page: Any) -> list[tuple[float, str, bool]]:
    """Each text line on the page, top to bottom: its top, its text, whether it is all bold."""
    words = page.extract_words(extra_attrs=["fontname"], keep_blank_chars=False)
    lines: dict[float, list[dict[str, Any]]] = {}
    for word in words:
        key = next((k for k in lines if abs(k - word["top"]) < 2), word["top"])
        lines.setdefault(key, []).append(word)
    return [
        (top, " ".join(w["text"] for w in ws), all("Bold" in w["fontname"] for w in ws))
        for top, ws in sorted(lines.items())
    ]


def graphics_between(page: Any, top: float, bottom: float) -> bool:
    """Whether anything is drawn (a line, a box, a circle) between the two heights."""
    shapes = page.lines + page.rects + page.curves
    return any(top < s["top"] < bottom for s in shapes)


def check_rows(pdf: Any, minimum_mm: float) -> None:
    for number, page in enumerate(pdf.pages, start=1):
        for height in row_heights(page):
            assert height >= minimum_mm * MM - 0.2, (
                f"page {number}: a row {height / MM:.1f} mm high"
            )


def check_no_word_crosses_a_rule(pdf: Any) -> None:
    """No word runs across a table's vertical rule into the next column (an option label too
    wide for its cell, a heading word too long for its column)."""
    for number, page in enumerate(pdf.pages, start=1):
        vertical = [
            ln for ln in page.lines if abs(ln["x0"] - ln["x1"]) < 0.5 and ln["height"] > 3 * MM
        ]
        for word in page.extract_words():
            for rule in vertical:
                across = word["x0"] + 0.5 < rule["x0"] < word["x1"] - 0.5
                beside = rule["top"] <= word["top"] and word["bottom"] <= rule["bottom"]
                assert not (across and beside), f"page {number}: {word['text']!r} crosses a rule"


def check_no_lone_label(pdf: Any) -> None:
    """A page never ends in a bold label (a question, a table header) with nothing below it: its
    answer, or the rows to write in, stand on the same page."""
    for number, page in enumerate(pdf.pages, start=1):
        bottom = page.height - FOOTER_ZONE
        body = [ln for ln in lines_of_text(page) if ln[0] < bottom]
        if body:
            top, text, bold = body[-1]
            assert not bold or graphics_between(page, top + 12, bottom), (
                f"page {number} ends with the bold line {text!r}"
            )


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    draft = folder / "entwurf.yaml"
    shutil.copy(ROOT / "examples" / "innovationslabor.answers.yaml", draft)
    out = folder / "bericht.pdf"
    assert main(["report", str(draft), "-o", str(out)]) == 0
    return out


def test_default_report(report_pdf: Path) -> None:
    with pdfplumber.open(report_pdf) as pdf:
        assert any(row_heights(p) for p in pdf.pages), "the report has tables"
        check_rows(pdf, 10)
        check_no_lone_label(pdf)
        check_no_word_crosses_a_rule(pdf)


# The smallest canvas daily, the two larger ones in the full tier.
@pytest.mark.parametrize(
    "canvas",
    [
        pytest.param(canvas, marks=() if canvas == "labor-reifegrad" else pytest.mark.full)
        for canvas in CANVASES
    ],
)
@pytest.mark.parametrize("trainer", [False, True], ids=["participants", "trainer"])
def test_blank_copy(canvas: str, trainer: bool, tmp_path: Path) -> None:
    out = tmp_path / "blanko.pdf"
    args = ["report", "--blank", canvas, "-o", str(out)] + (["--trainer"] if trainer else [])
    assert main(args) == 0
    with pdfplumber.open(out) as pdf:
        check_rows(pdf, 10)
        check_no_lone_label(pdf)
        check_no_word_crosses_a_rule(pdf)
        numbered = re.compile(r"^\d+\.\d+ ")
        questions = 0
        for number, page in enumerate(pdf.pages, start=1):
            text_lines = lines_of_text(page)
            starts = [(top, text) for top, text, _ in text_lines if numbered.match(text)]
            for i, (top, text) in enumerate(starts):
                questions += 1
                below = starts[i + 1][0] if i + 1 < len(starts) else page.height - FOOTER_ZONE
                assert graphics_between(page, top, below), (
                    f"page {number}: {text!r} has no answer area on its page"
                )
            # A section heading never ends a page: its first question follows on the same page.
            headings = [
                top for top, text, bold in text_lines if bold and re.match(r"^\d+\. \S", text)
            ]
            for top in headings:
                assert any(q_top > top for q_top, _ in starts), (
                    f"page {number}: a section heading without its first question"
                )
        assert questions >= 10
        words = " ".join(page.extract_text() or "" for page in pdf.pages)
        assert ("Hinweis für die Moderation" in words) == trainer


def test_blank_copy_puts_wide_tables_on_landscape_pages(tmp_path: Path) -> None:
    out = tmp_path / "blanko.pdf"
    assert main(["report", "--blank", "koinvestition-fahrradgarage", "-o", str(out)]) == 0
    with pdfplumber.open(out) as pdf:
        landscape = [p for p in pdf.pages if p.width > p.height]
        assert landscape
        assert any("Partei" in (p.extract_text() or "") for p in landscape)


def test_blank_choice_marks(tmp_path: Path) -> None:
    out = tmp_path / "blanko.pdf"
    assert main(["report", "--blank", "innovationslabor", "-o", str(out)]) == 0
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        # One choice: circles (curves); several: squares (rects).
        assert page.curves and page.rects


def test_poster(report_pdf: Path, tmp_path: Path) -> None:
    draft = report_pdf.parent / "entwurf.yaml"
    out = tmp_path / "poster.pdf"
    assert main(["report", str(draft), "--poster", "-o", str(out)]) == 0
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) == 1
        page = pdf.pages[0]
        assert page.width > page.height
        check_rows(pdf, 10)
        boxes = [r for r in page.rects if r["width"] > 40 * MM and r["height"] > 30 * MM]
        assert len(boxes) >= 6, "one box per section"


@pytest.mark.parametrize(
    ("canvas", "header"),
    [
        pytest.param("innovationslabor", "Kennzahl oder Beobachtung", marks=pytest.mark.full),
        ("koinvestition-fahrradgarage", "Know-how und Sonstiges"),
    ],
)
def test_a_blank_table_with_choices_stays_on_one_page(
    canvas: str, header: str, tmp_path: Path
) -> None:
    """A choice column's options stand once in a legend above the table and its cells hold
    their numbers to tick, so rows are two lines high, not one line per option: the table's
    rows no longer spill one row onto a page of its own."""
    out = tmp_path / "blanko.pdf"
    assert main(["report", "--blank", canvas, "-o", str(out)]) == 0
    with pdfplumber.open(out) as pdf:
        texts = [page.extract_text() or "" for page in pdf.pages]
    with_table = [t for t in texts if header in t]
    assert len(with_table) == 1, f"the table {header!r} spans {len(with_table)} pages"
    legend = "Stufe der Wirkungstreppe: 1" if canvas == "innovationslabor" else "Sektor: 1"
    assert legend in " ".join(with_table[0].split())
