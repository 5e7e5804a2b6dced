"""A blank copy is a document like the report: the same questions, boxes and tables in every
format, Word included (an administration fills it in on a PC). Read back with python-docx, an
independent reader."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from kosi_tui.cli import main
from kosi_tui.report.blank import blank_document
from kosi_tui.report.write_markdown import write_markdown
from kosi_tui.storage.canvas_file import load_canvas
from tests.conftest import ROOT

docx = pytest.importorskip("docx", reason="the office extra brings python-docx")

W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
LAB = ROOT / "canvases" / "innovationslabor.yaml"


def _word(path: Path) -> tuple[list[str], int, list[list[str]], str]:
    """The paragraphs' texts, the number of check boxes, each table's first row, the header."""
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    boxes = len(list(document.element.body.iter(f"{W14}checkbox")))
    heads = [[cell.text for cell in table.rows[0].cells] for table in document.tables]
    header = " ".join(p.text for p in document.sections[0].header.paragraphs)
    return texts, boxes, heads, header


def test_a_blank_copy_in_word_has_its_questions_boxes_and_table_heads(tmp_path: Path) -> None:
    out = tmp_path / "blanko.docx"
    assert main(["report", "--blank", "innovationslabor", "-o", str(out)]) == 0
    texts, boxes, heads, header = _word(out)
    assert any(t.startswith("1.1 ") for t in texts)
    assert any(t.startswith("4.1 Auf welcher Grundlage arbeitet das Labor") for t in texts)
    assert "Pflichtfrage, eine Antwort" in " ".join(texts)
    # A box to click for every box on paper: options, points of a scale, choices in table rows.
    markdown = write_markdown(blank_document(load_canvas(LAB).compiled, "de"))
    assert boxes == markdown.count("○") + markdown.count("☐") > 100
    assert ["Akteur", "Sektor", "Rolle", "Was will dieser Akteur erreichen?", "Beitrag",
            "Mitsprache"] in heads  # fmt: skip
    assert ["Organisation", ""] in heads, "the fields to fill in at the top"
    assert "Hinweis für die Moderation" not in " ".join(texts) and not header.strip()


def test_the_trainer_copy_in_word_is_marked_and_has_the_notes(tmp_path: Path) -> None:
    out = tmp_path / "moderation.docx"
    args = ["report", "--blank", "innovationslabor", "--trainer", "--lang", "en", "-o", str(out)]
    assert main(args) == 0
    texts, _, _, header = _word(out)
    assert "Facilitator's copy – do not hand out" in header
    assert any(t.startswith("Note for facilitators:") for t in texts)


def test_a_blank_table_in_markdown_has_its_choices_to_tick() -> None:
    # The options stand once, numbered, above the table; each row has their numbers to tick.
    compiled = load_canvas(ROOT / "canvases" / "koinvestition-fahrradgarage.yaml").compiled
    markdown = write_markdown(blank_document(compiled, "de"))
    assert "**Sektor:** 1 Kommune und Verwaltung · 2 Politik" in markdown
    row = next(line for line in markdown.splitlines() if "○1 ○2 ○3 ○4 ○5 ○6" in line)
    assert "☐1 ☐2 ☐3 ☐4 ☐5 ☐6 ☐7 ☐8 ☐9" in row, "several roles: boxes"


def test_every_format_is_offered_for_a_blank_copy(tmp_path: Path) -> None:
    for suffix in (".md", ".html", ".docx"):
        out = tmp_path / f"blanko{suffix}"
        assert main(["report", "--blank", "labor-reifegrad", "-o", str(out)]) == 0
        assert out.stat().st_size > 1000
    page = (tmp_path / "blanko.html").read_text(encoding="utf-8")
    assert "○" in page and "<h2>1. " in page
    assert io.BytesIO((tmp_path / "blanko.docx").read_bytes()).read(2) == b"PK"


def test_a_blank_copy_in_html_has_rows_to_write_in(tmp_path: Path) -> None:
    # Printed from a browser, an empty table row was one text line high: no room to write.
    out = tmp_path / "blanko.html"
    assert main(["report", "--blank", "koinvestition-fahrradgarage", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert '<body class="form">' in page and "body.form td { height: 9mm; }" in page
    report = tmp_path / "bericht.html"
    assert main(["report", str(ROOT / "examples" / "innovationslabor.answers.yaml"),
                 "-o", str(report)]) == 0  # fmt: skip
    assert "<body>" in report.read_text(encoding="utf-8"), "a report's rows as high as their text"


def test_a_wide_blank_table_in_word_gets_a_page_on_its_side(tmp_path: Path) -> None:
    # As on paper: eight columns to write in do not fit an upright page; the pages after it
    # stand upright again.
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_TAB_ALIGNMENT

    out = tmp_path / "blanko.docx"
    assert main(["report", "--blank", "koinvestition-fahrradgarage", "-o", str(out)]) == 0
    document = docx.Document(str(out))
    turned = [s for s in document.sections if s.orientation == WD_ORIENT.LANDSCAPE]
    assert len(turned) == 1 and turned[0].page_width > turned[0].page_height
    assert document.sections[-1].orientation == WD_ORIENT.PORTRAIT
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Partei")
    assert sum(c.width for c in table.columns) > docx.shared.Mm(250)
    # Each page's number at its own right margin: the Footer style's stops (right at 165 mm)
    # cleared, else the number stood there, in the middle of a page on its side.
    for section in document.sections:
        tabs = section.footer.paragraphs[0].paragraph_format.tab_stops
        right = [round(t.position.mm) for t in tabs if t.alignment == WD_TAB_ALIGNMENT.RIGHT]
        text_width = section.page_width - section.left_margin - section.right_margin
        assert right == [round(docx.shared.Emu(text_width).mm)], section.orientation
        cleared = {round(t.position.mm) for t in tabs if t.alignment == WD_TAB_ALIGNMENT.CLEAR}
        assert 165 in cleared
