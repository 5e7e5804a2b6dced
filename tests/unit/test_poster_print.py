"""Posters that fill their sheet, read back with pdfplumber: type that grows with the paper (at
least 8 pt on A4, readable from two metres on A1), the boxes in the canvas's order, tables with
their column names instead of `|`-joined rows, nothing outside the page, and a box too full for
its paper saying that the rest is in the report instead of being clipped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kosi_tui.cli import main
from kosi_tui.paths import bundled_canvases
from kosi_tui.storage.canvas_file import load_canvas
from tests.conftest import ROOT

pdfplumber = pytest.importorskip("pdfplumber", reason="the test extra brings pdfplumber")
pytest.importorskip("typst", reason="the pdf extra brings typst")

EXAMPLE = ROOT / "examples" / "innovationslabor.answers.yaml"
SMALLEST = {"A4": 8.0, "A3": 11.0, "A1": 14.0}
"""The smallest type each paper may have: A4 read at arm's length, A1 from two metres."""


def _poster(tmp_path: Path, paper: str, source: Path = EXAMPLE) -> Path:
    out = tmp_path / f"poster-{paper}.pdf"
    assert main(["report", str(source), "--poster", "--paper", paper, "-o", str(out)]) == 0
    return out


@pytest.mark.parametrize("paper", ["A4", "A3", "A1"])
def test_a_poster_fills_its_sheet(paper: str, tmp_path: Path) -> None:
    with pdfplumber.open(_poster(tmp_path, paper)) as pdf:
        assert len(pdf.pages) == 1
        page = pdf.pages[0]
        chars = page.chars
        assert min(c["size"] for c in chars) >= SMALLEST[paper] - 0.05
        outside = [
            c["text"]
            for c in chars
            if c["x0"] < 0 or c["top"] < 0 or c["x1"] > page.width or c["bottom"] > page.height
        ]
        assert outside == []
        text = page.extract_text()
        # The actors' table: each row with its column names, not "a | b | c".
        assert "|" not in text
        flat = " ".join(text.split())
        assert "Sektor: Kommune und Verwaltung" in flat
        assert "Wahrscheinlichkeit (1–5): 3" in flat
        # The boxes follow the sections' numbers, left to right and top to bottom.
        words = page.extract_words(extra_attrs=["size"])
        numbers = [w for w in words if re.fullmatch(r"\d+\.", w["text"]) and w["size"] > 13]
        reading = [
            int(w["text"][:-1]) for w in sorted(numbers, key=lambda w: (round(w["top"]), w["x0"]))
        ]
        assert reading == sorted(reading) and len(reading) >= 12
        if paper == "A4":
            # Eight point does not hold every answer on A4; the boxes say where the rest is.
            assert "… weiter im Bericht" in flat


@pytest.mark.parametrize("path", sorted(bundled_canvases().glob("*.yaml")), ids=lambda p: p.stem)
def test_every_bundled_posters_boxes_read_in_section_order(path: Path) -> None:
    canvas = load_canvas(path).canvas
    if canvas.poster is None:
        return
    order = {s.id: i for i, s in enumerate(canvas.sections)}
    boxes = sorted(canvas.poster.boxes, key=lambda b: (b.row, b.column))
    sections = [order[b.section] for b in boxes]
    assert sections == sorted(sections), [b.section for b in boxes]


def test_a_table_row_the_poster_cannot_read_is_said_as_in_the_report() -> None:
    # The poster's lines come from the report's blocks: a row edited by hand into something
    # that is no row says "(nicht lesbar)" there as in the report, instead of vanishing.
    from kosi_tui.core.session import Session
    from kosi_tui.report.poster import poster_source
    from kosi_tui.storage.opening import open_draft

    opened = open_draft(EXAMPLE)
    answers = dict(opened.draft.answers)
    answers["akteure.tabelle"] = [*answers["akteure.tabelle"], "kaputt"]
    session = Session(opened.canvas.compiled, answers)
    source = poster_source(opened.canvas.compiled, session, "de", "A3")
    assert '("(nicht lesbar)", "", )' in source
