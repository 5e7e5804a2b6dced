"""The documents an administration acts on, opened by independent readers: golden Markdown, the
PDF's pages (pypdf), Word's headings and tables (python-docx), Excel's rows (openpyxl), the CSV's
bytes."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
from pathlib import Path

import pytest

from kosi_tui.cli import main
from kosi_tui.core.session import Session
from kosi_tui.report.build import build_report
from kosi_tui.report.markdown import render_markdown
from kosi_tui.storage.opening import open_draft
from tests.conftest import ROOT

pypdf = pytest.importorskip("pypdf", reason="the test extra brings pypdf")
docx = pytest.importorskip("docx", reason="the office extra brings python-docx")
openpyxl = pytest.importorskip("openpyxl", reason="the office extra brings openpyxl")
pytest.importorskip("typst", reason="the pdf extra brings typst")

EXAMPLES = sorted((ROOT / "examples").glob("*.answers.yaml"))
GOLDEN = ROOT / "tests" / "data" / "golden"
TODAY = dt.date(2027, 3, 20)
MM = 72 / 25.4


def _session(path: Path) -> tuple[Session, object]:
    opened = open_draft(path)
    return Session(opened.canvas.compiled, opened.draft.answers), opened.draft


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name.split(".")[0])
def test_golden_markdown(path: Path) -> None:
    session, draft = _session(path)
    markdown = render_markdown(session, draft, "de", TODAY)  # type: ignore[arg-type]
    golden = GOLDEN / (path.name.split(".")[0] + ".md")
    if os.environ.get("KOSI_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(markdown, encoding="utf-8")
    assert markdown == golden.read_text(encoding="utf-8"), (
        f"{golden.name} differs; if the change is meant, run KOSI_UPDATE_GOLDEN=1 pytest {__file__}"
    )


def test_markdown_wording() -> None:
    session, draft = _session(ROOT / "examples" / "koinvestition-fahrradgarage.answers.yaml")
    markdown = render_markdown(session, draft, "de", TODAY)  # type: ignore[arg-type]
    # No backslash line breaks in the header, no block-character bars, no "nicht beantwortet".
    head = markdown.split("\n## ")[0]
    assert "\\\n" not in head
    assert "█" not in markdown and "░" not in markdown
    assert "nicht beantwortet" not in markdown
    # Amounts right-aligned with a total row.
    assert "**Summe**" in markdown and "---: |" in markdown


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "entwurf.yaml"
    shutil.copy(ROOT / "examples" / "innovationslabor.answers.yaml", path)
    return path


def test_pdf_report_pages(draft: Path, tmp_path: Path) -> None:
    out = tmp_path / "bericht.pdf"
    assert main(["report", str(draft), "-o", str(out)]) == 0
    reader = pypdf.PdfReader(out)
    assert 3 <= len(reader.pages) <= 12
    for page in reader.pages:
        assert round(float(page.mediabox.width) / MM) == 210
        assert round(float(page.mediabox.height) / MM) == 297
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Innovationslabor aufbauen" in text and "Auswertung" in text
    # The draft's author and its last change (16:30 at +01:00) are the file's, not empty or today.
    assert reader.metadata.author == "Erika Musterfrau"
    assert reader.metadata.creation_date.astimezone(dt.UTC) == dt.datetime(
        2027, 3, 15, 15, 30, tzinfo=dt.UTC
    )
    # Fonts travel with the file.
    fonts = [
        f.get_object()
        for page in reader.pages
        for f in (page["/Resources"].get("/Font") or {}).values()
    ]
    assert fonts and all(
        "/FontFile" in str(font.get("/FontDescriptor", {}))
        or "/FontFile" in str(font["/DescendantFonts"][0].get_object()["/FontDescriptor"])
        for font in fonts
    )


def test_word_report_has_real_headings_and_tables(draft: Path, tmp_path: Path) -> None:
    out = tmp_path / "bericht.docx"
    assert main(["report", str(draft), "-o", str(out)]) == 0
    document = docx.Document(str(out))
    headings = [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style.name.startswith(("Title", "Heading"))
    ]
    assert headings[0] == ("Title", "Innovationslabor aufbauen")
    assert ("Heading 1", "1. Rahmendaten") in headings
    assert any(style == "Heading 1" and text == "Auswertung" for style, text in headings)
    assert document.tables, "answers in tables are Word tables"
    first = document.tables[0]
    assert first.rows[0].cells[0].text
    assert len(document.inline_shapes) >= 1, "the scores chart as a picture"


@pytest.fixture
def workshop(tmp_path: Path) -> Path:
    folder = tmp_path / "workshop"
    folder.mkdir()
    text = (ROOT / "examples" / "koinvestition-fahrradgarage.answers.yaml").read_text("utf-8")
    (folder / "a.yaml").write_text(text, encoding="utf-8")
    (folder / "b.yaml").write_text(
        text.replace("Runder Tisch Fahrradparken", '=HYPERLINK("http://x")'), encoding="utf-8"
    )
    return folder


def test_xlsx_rows(workshop: Path, tmp_path: Path) -> None:
    out = tmp_path / "antworten.xlsx"
    assert main(["summary", str(workshop), "-o", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[0] == "Teilnehmende" and "Wie viele Stellplätze sind geplant?" in header
    assert len(rows) == 3  # header and one row per participant
    column = header.index("Wie viele Stellplätze sind geplant?")
    assert rows[1][column] == 12 and isinstance(rows[1][column], int)
    date_column = header.index("Geplante Inbetriebnahme")
    assert rows[1][date_column] == dt.datetime(2027, 6, 1)
    # Text from a file never becomes a formula.
    formula_cell = [
        c for row in sheet.iter_rows() for c in row if c.value and str(c.value).startswith("=")
    ]
    assert formula_cell and all(c.data_type == "s" for c in formula_cell)
    # One sheet per table question.
    assert len(book.worksheets) > 1
    parties = book["Wer macht mit – und was bringt"]
    assert parties.max_row >= 8


def test_xlsx_anonymous(workshop: Path, tmp_path: Path) -> None:
    out = tmp_path / "anonym.xlsx"
    assert main(["summary", str(workshop), "-o", str(out), "--anonymous"]) == 0
    book = openpyxl.load_workbook(out)
    values = {str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row}
    assert "Person 1" in values
    assert not any("Runder Tisch" in v or "a.yaml" in v for v in values)


def test_csv_bytes(workshop: Path, tmp_path: Path) -> None:
    out = tmp_path / "antworten.csv"
    assert main(["summary", str(workshop), "-o", str(out), "--anonymous"]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data[3:].decode("utf-8")
    lines = text.split("\r\n")
    assert lines[0].startswith("Teilnehmende;")
    assert lines[1].startswith("Person 1;")
    assert ";01.06.2027;" in lines[1]
    assert "2,5" not in lines[0]
    assert "Runder Tisch" not in text
    # Numbers as numbers: the occupancy of 90 % as 90.
    assert ";90;" in lines[1]


def test_csv_guards_against_formulas(workshop: Path, tmp_path: Path) -> None:
    out = tmp_path / "antworten.csv"
    assert main(["summary", str(workshop), "-o", str(out)]) == 0
    text = out.read_bytes().decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    assert ";=HYPERLINK" not in text and "\n=HYPERLINK" not in text


def test_csv_decimal_comma() -> None:
    from kosi_tui.report.sheets import _csv_text

    assert _csv_text(1.5) == "1,5" and _csv_text(12) == "12" and _csv_text(2.0) == "2"
    assert _csv_text(dt.date(2027, 6, 1)) == "01.06.2027"
    assert _csv_text("-1 Risiko") == "'-1 Risiko"


@pytest.mark.parametrize(
    ("paper", "size"), [("A3", (420, 297)), ("A4", (297, 210)), ("A1", (841, 594))]
)
def test_poster_is_one_landscape_page(
    draft: Path, tmp_path: Path, paper: str, size: tuple[int, int]
) -> None:
    out = tmp_path / "poster.pdf"
    assert main(["report", str(draft), "--poster", "--paper", paper, "-o", str(out)]) == 0
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / MM), round(float(box.height) / MM)) == size


def test_poster_marks_what_was_cut(draft: Path, tmp_path: Path) -> None:
    text = draft.read_text("utf-8")
    long = "Sehr lange Antwort. " * 400
    draft.write_text(
        text.replace("anlass.ausloeser: Förderaufruf", f"anlass.ausloeser: {long}Förderaufruf"),
        encoding="utf-8",
    )
    out = tmp_path / "poster.pdf"
    assert main(["report", str(draft), "--poster", "--paper", "A4", "-o", str(out)]) == 0
    page = pypdf.PdfReader(out).pages[0].extract_text()
    assert "… weiter im Bericht" in page


def test_blank_poster_shows_guiding_questions(tmp_path: Path) -> None:
    out = tmp_path / "wand.pdf"
    assert (
        main(["report", "--blank", "koinvestition-fahrradgarage", "--poster", "-o", str(out)]) == 0
    )
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == 1
    assert "Wie heißt das Vorhaben?" in reader.pages[0].extract_text()


def test_poster_is_pdf_only(
    draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(draft), "--poster", "-o", str(tmp_path / "p.md")]) == 2
    assert "nur als PDF" in capsys.readouterr().err


def test_a_missing_extra_is_named(
    draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "typst", None)
    assert main(["report", str(draft), "-o", str(tmp_path / "b.pdf")]) == 1
    captured = capsys.readouterr()
    assert 'pip install "kosi-tui[pdf]"' in captured.out + captured.err
    assert not (tmp_path / "b.pdf").exists()


def test_hostile_text_reaches_the_pdf_as_text(draft: Path, tmp_path: Path) -> None:
    text = draft.read_text("utf-8")
    evil = '"x\\" ] #panic() $x$ *fett* <b> \\u{41} // kein Kommentar'
    draft.write_text(
        text.replace(
            "mandat.sponsor: Beigeordnete für Stadtentwicklung", f"mandat.sponsor: '{evil}'"
        ),
        encoding="utf-8",
    )
    out = tmp_path / "b.pdf"
    assert main(["report", str(draft), "-o", str(out)]) == 0
    pages = "".join(p.extract_text() for p in pypdf.PdfReader(out).pages)
    assert "#panic() $x$ *fett* <b> \\u{41} // kein Kommentar" in pages.replace("\n", " ")
    out_docx = tmp_path / "b.docx"
    assert main(["report", str(draft), "-o", str(out_docx)]) == 0
    texts = [p.text for p in docx.Document(str(out_docx)).paragraphs]
    assert evil in texts


def test_document_model_is_built_once_for_every_writer() -> None:
    from kosi_tui.report.write_docx import write_docx
    from kosi_tui.report.write_html import write_html
    from kosi_tui.report.write_markdown import write_markdown
    from kosi_tui.report.write_pdf import write_pdf

    session, draft = _session(ROOT / "examples" / "labor-reifegrad.answers.yaml")
    document = build_report(session, draft, "de", TODAY)  # type: ignore[arg-type]
    assert write_markdown(document).startswith("# ")
    page = write_html(document)
    assert "<svg" in page and "<figure" in page
    assert write_pdf(document).startswith(b"%PDF-")
    assert docx.Document(io.BytesIO(write_docx(document))).paragraphs


def test_numbers_at_a_line_start_are_not_escaped() -> None:
    from kosi_tui.report.markdown_text import escape

    assert escape("11.775 € im Jahr") == "11.775 € im Jahr"
    assert escape("3. Punkt") == "3\\. Punkt" and escape("3.") == "3\\."


def test_summary_wording_and_charts(workshop: Path, tmp_path: Path) -> None:
    out = tmp_path / "auswertung.md"
    assert main(["summary", str(workshop / "a.yaml"), "-o", str(out)]) == 0
    markdown = out.read_text("utf-8")
    assert "1 ausgefüllter Canvas" in markdown
    assert "█" not in markdown and "░" not in markdown
    page = tmp_path / "auswertung.html"
    assert main(["summary", str(workshop), "-o", str(page)]) == 0
    html = page.read_text("utf-8")
    assert "2 ausgefüllte Canvas" in html
    assert html.count("<svg") >= 3 and "kosifigure" not in html
    assert "█" not in html


def test_a_hostile_canvas_reaches_blank_pdf_and_poster_as_text(tmp_path: Path) -> None:
    text = (ROOT / "canvases" / "labor-reifegrad.yaml").read_text(encoding="utf-8")
    # The first one-line title is the first section's: on page 1 and on the poster.
    title = text.split("title: {de: ", 1)[1].split(",", 1)[0]
    evil = '"#panic(\\"x\\") ] \\\\ $a$ <b>"'
    canvas = tmp_path / "feindlich.yaml"
    canvas.write_text(text.replace(f"title: {{de: {title},", f"title: {{de: {evil},", 1), "utf-8")
    shown = '#panic("x") ] \\ $a$ <b>'
    for args in ([], ["--poster"]):
        out = tmp_path / f"blanko{len(args)}.pdf"
        assert main(["report", "--blank", str(canvas), *args, "-o", str(out)]) == 0
        assert shown in pypdf.PdfReader(out).pages[0].extract_text()
