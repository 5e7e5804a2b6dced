"""The decision paper (`kosi report --vorlage`) and the report's page 1 for the decision-maker,
read back with independent readers: python-docx, pypdf, the HTML as text."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
import yaml

from kosi_tui.cli import main
from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "innovationslabor.answers.yaml"
CANVAS = ROOT / "canvases" / "innovationslabor.yaml"


def _draft(tmp_path: Path, change: dict[str, Any], drop: tuple[str, ...] = ()) -> Path:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    answers = data["answers"]
    for key in drop:
        answers.pop(key, None)
    answers.update(change)
    path = tmp_path / "entwurf.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


KNOWN = {
    "ressourcen.kosten": [
        {"jahr": "2027", "sachkosten": 10000, "personalkosten": 40000, "folgekosten": 0},
        {"jahr": "2028", "sachkosten": 20000, "personalkosten": 80000, "folgekosten": 5000},
    ],
    "ressourcen.foerdermittel": 100000,
}
"""By hand: Sachkosten 30.000, Personal 120.000, Folgekosten 5.000; 2027 50.000, 2028 105.000;
total 155.000; own 55.000 = 35,48 % -> 35,5 %, grants 64,5 %."""


def test_the_finance_table_adds_up_in_word_and_pdf(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    pypdf = pytest.importorskip("pypdf")
    draft = _draft(tmp_path, KNOWN)
    word, pdf = tmp_path / "vorlage.docx", tmp_path / "vorlage.pdf"
    assert main(["report", str(draft), "--vorlage", "-o", str(word)]) == 0
    assert main(["report", str(draft), "--vorlage", "-o", str(pdf)]) == 0

    document = docx.Document(str(word))
    tables: dict[str, Any] = {}
    for table in document.tables:  # the paper's, before the attachment's
        tables.setdefault(table.rows[0].cells[0].text, table)
    costs = [[c.text for c in row.cells] for row in tables["Haushaltsjahr"].rows]
    assert costs == [
        ["Haushaltsjahr", "Sachkosten", "Personalkosten", "Folgekosten", "Summe"],
        ["2027", "10.000 €", "40.000 €", "0 €", "50.000 €"],
        ["2028", "20.000 €", "80.000 €", "5.000 €", "105.000 €"],
        ["Gesamt", "30.000 €", "120.000 €", "5.000 €", "155.000 €"],
    ]
    funding = [[c.text for c in row.cells] for row in tables["Herkunft der Mittel"].rows]
    assert funding[1:] == [
        ["Eigenmittel der Kommune", "55.000 €", "35,5 %"],
        ["Fördermittel", "100.000 €", "64,5 %"],
        ["Gesamt", "155.000 €", "100 %"],
    ]
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:6] == [
        "Betreff", "Beschlussvorschlag", "Sachverhalt", "Finanzielle Auswirkungen",
        "Beratungsfolge", "Anlagen",
    ]  # fmt: skip
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Haushaltssicherung" in text and "Freiwillige Aufgabe" in text
    assert "Anlage 1: Canvas-Bericht „Innovationslabor aufbauen“" in text

    pages = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.read_bytes())).pages]
    paper = "\n".join(pages[:3])
    for line in (
        "2027 10.000 € 40.000 € 0 € 50.000 €",
        "2028 20.000 € 80.000 € 5.000 € 105.000 €",
        "Gesamt 30.000 € 120.000 € 5.000 € 155.000 €",
        "Eigenmittel der Kommune 55.000 € 35,5 %",
        "Fördermittel 100.000 € 64,5 %",
        "Verwaltungsvorstand 08.06.2027 Entscheidung nicht öffentlich",
    ):
        assert line in paper, line
    # The attachment starts on a page of its own.
    assert any(p.startswith("Anlage 1: Canvas-Bericht") for p in pages)


def test_missing_answers_are_marked_open_never_invented(tmp_path: Path) -> None:
    draft = _draft(
        tmp_path,
        {"ressourcen.quellen": ["haushalt", "land"]},
        drop=("mandat.beschluss", "ressourcen.kosten", "ressourcen.foerdermittel",
              "ressourcen.laufzeit_ende", "mandat.beratungsfolge"),
    )  # fmt: skip
    out = tmp_path / "vorlage.md"
    assert main(["report", str(draft), "--vorlage", "-o", str(out)]) == 0
    paper = out.read_text(encoding="utf-8").split("## Anlage 1")[0]
    assert "Aufbau eines Innovationslabors vom 01.07.2027 bis [noch offen]" in paper
    assert "[noch offen: Welche Entscheidung brauchen Sie als Nächstes?" in paper
    assert "[noch offen: Welche Kosten entstehen in welchem Haushaltsjahr?]" in paper
    assert "Die Beratungsfolge ist [noch offen]." in paper
    assert "€" not in paper.split("## Finanzielle Auswirkungen")[1].split("## Beratungsfolge")[0]


def test_no_grant_among_the_sources_is_stated_as_0_euros(tmp_path: Path) -> None:
    draft = _draft(tmp_path, {**KNOWN, "ressourcen.quellen": ["haushalt"]})
    out = tmp_path / "vorlage.md"
    assert main(["report", str(draft), "--vorlage", "-o", str(out)]) == 0
    paper = out.read_text(encoding="utf-8")
    rows = [line.split("|")[1:-1] for line in paper.splitlines() if line.startswith("| ")]
    cells = [[c.strip() for c in row] for row in rows]
    assert ["Eigenmittel der Kommune", "155.000 €", "100 %"] in cells
    assert ["Fördermittel", "0 €", "0 %"] in cells


def test_a_canvas_without_a_decision_paper_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = ROOT / "examples" / "koinvestition-fahrradgarage.answers.yaml"
    out = tmp_path / "vorlage.md"
    assert main(["report", str(other), "--vorlage", "-o", str(out)]) == 2
    assert "beschreibt keine Beschlussvorlage" in capsys.readouterr().err
    assert not out.exists()
    assert main(["report", str(EXAMPLE), "--vorlage", "--poster", "-o", str(out)]) == 2
    assert "--vorlage" in capsys.readouterr().err


def test_the_paper_is_written_beside_the_draft_as_word_by_default(tmp_path: Path) -> None:
    pytest.importorskip("docx")
    draft = _draft(tmp_path, {})
    assert main(["report", str(draft), "--vorlage"]) == 0
    assert (tmp_path / "entwurf-vorlage.docx").is_file()


@pytest.mark.full
def test_the_paper_prints_cleanly(tmp_path: Path) -> None:
    """As the print test checks every document: fonts embedded, nothing outside its page or
    cell, no type under 8 pt on A4, no page less than a quarter full but the last."""
    pytest.importorskip("pdfplumber")
    from tests.print_checks import print_problems

    out = tmp_path / "vorlage.pdf"
    assert main(["report", str(EXAMPLE), "--vorlage", "-o", str(out)]) == 0
    assert print_problems(out) == []


def test_the_paper_in_html_is_not_set_as_a_first_page(tmp_path: Path) -> None:
    out = tmp_path / "vorlage.html"
    assert main(["report", str(EXAMPLE), "--vorlage", "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    # The report's compact page 1 is for its glance; the paper prints in its ordinary type.
    assert '<div class="first-page">' not in html
    assert '<h2 class="page">Anlage 1: Canvas-Bericht' in html
