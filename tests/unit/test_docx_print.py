"""The Word report as an office files and prints it, read by python-docx and its XML: the draft's
language on the styles, page numbers in the footer, the draft's author and dates as the file's,
heading levels without gaps, tables as wide as the page; and, where LibreOffice is installed,
printed to PDF with no word broken inside a table cell."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from kosi_tui.cli import main
from tests.conftest import ROOT

docx = pytest.importorskip("docx", reason="the office extra brings python-docx")

EXAMPLE = ROOT / "examples" / "innovationslabor.answers.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("word")
    out = folder / "bericht.docx"
    assert main(["report", str(EXAMPLE), "-o", str(out)]) == 0
    return out


def _xml(path: Path, member: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(member).decode("utf-8")


def test_german_is_set_on_the_styles(written: Path, tmp_path: Path) -> None:
    styles = _xml(written, "word/styles.xml")
    defaults = styles[styles.index("<w:docDefaults") : styles.index("</w:docDefaults>")]
    assert 'w:lang w:val="de-DE"' in defaults
    normal = docx.Document(str(written)).styles["Normal"].element
    assert normal.find(f"{W}rPr/{W}lang").get(f"{W}val") == "de-DE"
    assert "en-US" not in re.findall(r'<w:lang w:val="([^"]+)"', styles)
    english = tmp_path / "en.yaml"
    english.write_text(EXAMPLE.read_text("utf-8").replace("\nlang: de\n", "\nlang: en\n"), "utf-8")
    out = tmp_path / "report.docx"
    assert main(["report", str(english), "-o", str(out)]) == 0
    assert 'w:lang w:val="en-GB"' in _xml(out, "word/styles.xml")


def test_every_page_is_numbered(written: Path) -> None:
    footer = docx.Document(str(written)).sections[0].footer
    instructions = [f.get(f"{W}instr") for f in footer._element.iter(f"{W}fldSimple")]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert footer.paragraphs[0].text.startswith("Innovationslabor aufbauen · Stadt Musterstadt")


def test_the_file_is_the_drafts_author_and_dates(written: Path) -> None:
    properties = docx.Document(str(written)).core_properties
    assert properties.title == "Innovationslabor aufbauen"
    assert properties.author == properties.last_modified_by == "Erika Musterfrau"
    # 09:00 and 16:30 at +01:00 in the draft, in UTC in the file.
    assert properties.created == dt.datetime(2027, 3, 1, 8, 0, tzinfo=dt.UTC)
    assert properties.modified == dt.datetime(2027, 3, 15, 15, 30, tzinfo=dt.UTC)
    assert "python-docx" not in (properties.comments + properties.author)


def test_heading_levels_have_no_gaps(written: Path) -> None:
    levels = []
    for paragraph in docx.Document(str(written)).paragraphs:
        name = paragraph.style.name
        if name == "Title":
            levels.append(0)
        elif name.startswith("Heading "):
            levels.append(int(name.split()[1]))
    assert levels[0] == 0 and 2 in levels
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels


def test_tables_fill_the_text_width(written: Path) -> None:
    tables = docx.Document(str(written)).tables
    assert tables
    for table in tables:
        widths = [cell.width for cell in table.rows[0].cells]
        assert all(w is not None for w in widths)
        assert sum(widths) / 36000 == pytest.approx(172, abs=0.5)  # EMU per mm
        # Every row has the first row's widths (Word reads each cell's own).
        assert all([c.width for c in row.cells] == widths for row in table.rows)
    # Widths follow the content: the risks' short number columns are not as wide as the text.
    risks = next(t for t in tables if t.rows[0].cells[0].text == "Risiko")
    widths = [cell.width for cell in risks.rows[0].cells]
    assert len(set(widths)) > 1


@pytest.mark.process
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_no_word_breaks_inside_a_cell_when_printed(written: Path, tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(written)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    reader = pypdf.PdfReader(io.BytesIO((tmp_path / "bericht.pdf").read_bytes()))
    printed = " ".join(page.extract_text() for page in reader.pages).split()
    words = {
        word.strip("().,;:")
        for table in docx.Document(str(written)).tables
        for row in table.rows
        for cell in row.cells
        for word in cell.text.split()
        if len(word.strip("().,;:")) >= 8
    }
    assert "Wahrscheinlichkeit" in words
    # A word broken in a cell prints as two pieces one after the other: "Auswirku", "ng".
    broken = sorted({a + b for a, b in itertools.pairwise(printed)} & words)
    assert broken == []
