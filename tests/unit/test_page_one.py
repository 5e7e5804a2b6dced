"""Page 1 of the report for the decision-maker: what it costs over the period, who pays, the
risk nobody counters yet and who decides by when – on one page in PDF, Word and printed HTML."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from kosi_tui.cli import main
from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "innovationslabor.answers.yaml"


def test_page_one_holds_what_the_decision_maker_needs_in_pdf_word_and_html(
    tmp_path: Path,
) -> None:
    docx = pytest.importorskip("docx")
    pypdf = pytest.importorskip("pypdf")
    for suffix in ("pdf", "docx", "html"):
        assert main(["report", str(EXAMPLE), "-o", str(tmp_path / f"r.{suffix}")]) == 0
    pages = pypdf.PdfReader(str(tmp_path / "r.pdf")).pages
    first = pages[0].extract_text()
    for needed in (
        "Gesamtkosten 2027–2029 273.000 €",
        "davon Personalkosten 220.000 €",
        "153.000 € (56 %) / 120.000 €",
        "Ende der Förderung 30.06.2028",
        "Haushaltslage Haushaltssicherung",
        "Art der Aufgabe Freiwillige Aufgabe",
        "Risiko ohne Gegenmaßnahme",
        "Ehrenamtliche Betreuung bricht weg",
        "Wer entscheidet\nVerwaltungsvorstand der Stadt Musterstadt",
        "Bis wann\n30.06.2027",
    ):
        assert needed in first, needed
    # The label of a choice is no name: the body is named as the person wrote it.
    assert "Verwaltungsvorstand oder OB" not in first
    assert pages[1].extract_text().startswith("1. Rahmendaten")

    document = docx.Document(str(tmp_path / "r.docx"))
    paragraphs = document.paragraphs
    section_one = next(i for i, p in enumerate(paragraphs) if p.text == "1. Rahmendaten")
    assert 'w:type="page"' in paragraphs[section_one - 1]._p.xml
    assert not any('w:type="page"' in p._p.xml for p in paragraphs[: section_one - 1])

    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert ".first-page { break-after: page;" in html
    first_page = html.split('<div class="first-page">')[1].split("</div>")[0]
    assert "Auf einen Blick" in first_page and "273.000 €" in first_page
    assert "1. Rahmendaten" not in first_page


def test_a_glance_row_filter_on_a_column_the_table_lacks_is_named_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (ROOT / "canvases" / "innovationslabor.yaml").read_text(encoding="utf-8")
    bad = text.replace("missing: massnahme", "missing: gegenmassnahme")
    path = tmp_path / "labor.yaml"
    path.write_text(bad, encoding="utf-8")
    line = next(i for i, x in enumerate(bad.splitlines(), 1) if "missing: gegenmassnahme" in x)
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:{line}:" in out and "keine Spalte „gegenmassnahme“" in out


@pytest.mark.process
@pytest.mark.full
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_word_prints_page_one_on_one_page(tmp_path: Path) -> None:
    """Word's default spacing pushed "Auf einen Blick" over two pages (12 pages, the PDF 8)."""
    pypdf = pytest.importorskip("pypdf")
    written = tmp_path / "bericht.docx"
    assert main(["report", str(EXAMPLE), "-o", str(written)]) == 0
    profile = (tmp_path / "lo").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(written)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    pages = pypdf.PdfReader(str(tmp_path / "bericht.pdf")).pages
    first = pages[0].extract_text()
    assert "Gesamtkosten 2027–2029: 273.000 €" in first
    assert "Mindestens ein wichtiges Risiko hat noch keine Gegenmaßnahme." in first
    assert pages[1].extract_text().startswith("1. Rahmendaten")


def test_costs_not_given_yet_are_said_beside_the_budget_situation(tmp_path: Path) -> None:
    import yaml

    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    del data["answers"]["ressourcen.kosten"]
    draft = tmp_path / "entwurf.yaml"
    draft.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "bericht.md"
    assert main(["report", str(draft), "-o", str(out)]) == 0
    glance = out.read_text(encoding="utf-8").split("## Auf einen Blick")[1].split("\n## ")[0]
    assert "- **Gesamtkosten:** [noch offen]" in glance
    assert "- **Haushaltslage:** Haushaltssicherung" in glance
    assert "- **Art der Aufgabe:** Freiwillige Aufgabe" in glance
    assert "€" not in glance.split("Kosten und Finanzierung")[1]


def test_no_warning_is_no_all_clear_while_required_answers_are_open(tmp_path: Path) -> None:
    """A new draft has no warnings because nothing is answered: page 1 says so, not "Keine
    Hinweise"."""
    import yaml

    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["answers"] = {"basis.organisation": "Stadt Neuhausen"}
    draft = tmp_path / "neu.yaml"
    draft.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "bericht.md"
    assert main(["report", str(draft), "-o", str(out)]) == 0
    glance = out.read_text(encoding="utf-8").split("## Auf einen Blick")[1].split("\n## ")[0]
    assert "Keine Hinweise." not in glance
    assert "Noch keine Hinweise" in glance and "Pflichtfragen sind offen" in glance
