"""`kosi summary --format pdf|docx`: the workshop summary for paper, read back with pypdf and
python-docx – every question with its count of answers, choices and scales as bar charts with the
count and share written at every bar, table answers as one table per question with whose each row
is, fonts embedded, compact."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from kosi_tui.cli import main
from tests.conftest import ROOT
from tests.print_checks import fonts_not_embedded

pypdf = pytest.importorskip("pypdf", reason="the test extra brings pypdf")
docx = pytest.importorskip("docx", reason="the office extra brings python-docx")
pytest.importorskip("typst", reason="the pdf extra brings typst")

AUTHORS = ("Anna Acker", "Bert Brenner", "Carla Conrad")


def _workshop(folder: Path, example: str) -> Path:
    folder.mkdir()
    text = (ROOT / "examples" / example).read_text("utf-8")
    for author in AUTHORS:
        own = re.sub(r"(?m)^author: .*$", f"author: {author}", text)
        (folder / f"{author.split()[-1].lower()}.yaml").write_text(own, encoding="utf-8")
    return folder


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def test_the_summary_as_pdf(tmp_path: Path) -> None:
    folder = _workshop(tmp_path / "ws", "labor-reifegrad.answers.yaml")
    out = tmp_path / "auswertung.pdf"
    assert main(["summary", str(folder), "-o", str(out)]) == 0
    reader = pypdf.PdfReader(out)
    # Three self-checks on five pages: about a page per section, not one per answer.
    assert len(reader.pages) <= 6
    text = _pdf_text(out)
    assert "Workshop-Auswertung" in text and "3 von 3 haben geantwortet" in text
    for author in AUTHORS:
        assert author in text
    # Each score's value named once with everyone who has it, across the page (as a table's
    # fourth column, twenty people's values ran to four pages).
    flat = " ".join(text.split())
    assert "Alle Werte Anna Acker, Bert Brenner, Carla Conrad: 3" in flat
    # A scale drawn as bars, the count and share written at every bar (readable without colour).
    assert re.search(r"\d+ \(\d+ %\)", text)
    # A table question: one table of every participant's rows, with the column names.
    assert "Eigene nächste Schritte" in text or "Schritt" in text
    assert fonts_not_embedded(out) == set()


def test_a_table_question_lists_every_row_with_whose_it_is(tmp_path: Path) -> None:
    folder = _workshop(tmp_path / "ws", "koinvestition-fahrradgarage.answers.yaml")
    out = tmp_path / "auswertung.docx"
    assert main(["summary", str(folder), "-o", str(out)]) == 0
    document = docx.Document(out)
    headers = [[c.text for c in table.rows[0].cells] for table in document.tables]
    person_tables = [h for h in headers if h[0] == "Teilnehmende" and len(h) > 2]
    rows_of = {
        table.rows[0].cells[1].text: len(table.rows) - 1
        for table in document.tables
        if table.rows[0].cells[0].text == "Teilnehmende"
    }
    assert person_tables, headers
    # Every participant's rows: three drafts, each with the example's rows, in one table.
    assert any(count % 3 == 0 and count >= 3 for count in rows_of.values()), rows_of
    cells = {c.text for table in document.tables for row in table.rows for c in row.cells}
    assert {"Carla Conrad", "Bert Brenner"} <= cells
    assert document.inline_shapes, "choices are drawn as charts"
    assert document.core_properties.language == "de-DE"


def test_the_summary_pdf_in_english(tmp_path: Path) -> None:
    folder = _workshop(tmp_path / "ws", "labor-reifegrad.answers.yaml")
    out = tmp_path / "summary.pdf"
    assert main(["summary", str(folder), "-o", str(out), "--lang", "en"]) == 0
    text = _pdf_text(out)
    assert "Workshop summary" in text or "summary" in text.lower()
    assert "3 of 3" in text


def test_without_typst_the_summary_pdf_says_which_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    folder = tmp_path / "ws"
    folder.mkdir()
    shutil.copy(ROOT / "examples" / "labor-reifegrad.answers.yaml", folder / "a.yaml")
    monkeypatch.setitem(sys.modules, "typst", None)
    out = tmp_path / "auswertung.pdf"
    assert main(["summary", str(folder), "-o", str(out)]) == 1
    assert not out.exists()
    assert "kosi-tui[pdf]" in capsys.readouterr().err
