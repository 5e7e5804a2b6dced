"""A workshop's answers as Excel that prints and as CSV that carries every answer, read back by
openpyxl and the csv module: print setup, wrapping, euro formats, filters and whole sheet names;
table answers in sheets and files of their own, one row per table row with the participant."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kosi_tui.cli import main
from kosi_tui.report.sheets import _sheet_title
from tests.conftest import ROOT

openpyxl = pytest.importorskip("openpyxl", reason="the office extra brings openpyxl")
get_column_letter = openpyxl.utils.get_column_letter

EXAMPLE = ROOT / "examples" / "koinvestition-fahrradgarage.answers.yaml"


@pytest.fixture
def workshop(tmp_path: Path) -> Path:
    folder = tmp_path / "workshop"
    folder.mkdir()
    text = EXAMPLE.read_text("utf-8")
    (folder / "a.yaml").write_text(text, encoding="utf-8")
    (folder / "b.yaml").write_text(
        text.replace("Runder Tisch Fahrradparken", "Zweiter Tisch").replace(
            "geld_einmalig: 6000", "geld_einmalig: 6000.5"
        ),
        encoding="utf-8",
    )
    return folder


def test_every_sheet_prints_landscape_at_a_size_one_can_read(
    workshop: Path, tmp_path: Path
) -> None:
    out = tmp_path / "antworten.xlsx"
    assert main(["summary", str(workshop), "-o", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    assert len(book.worksheets) == 7
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert setup.orientation == "landscape" and str(setup.paperSize) == "9"  # A4
        assert setup.fitToHeight == 0 and sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows == "$1:$1"
        # Pages wide enough that nothing prints below about two thirds of full size; a wide
        # sheet (every answer of a participant) repeats the participant on each page.
        widths = [
            sheet.column_dimensions[get_column_letter(c)].width
            for c in range(1, sheet.max_column + 1)
        ]
        assert sum(widths) / setup.fitToWidth <= 200
        if setup.fitToWidth > 1:
            assert sheet.print_title_cols == "$A:$A"
        last = sheet.cell(sheet.max_row, sheet.max_column).coordinate
        assert sheet.auto_filter.ref == f"A1:{last}"
        assert "&P" in sheet.oddFooter.center.text
        assert all(c.alignment.wrap_text for row in sheet.iter_rows() for c in row)


def test_euros_look_like_euros(workshop: Path, tmp_path: Path) -> None:
    out = tmp_path / "antworten.xlsx"
    assert main(["summary", str(workshop), "-o", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    parties = book.worksheets[2]
    header = [c.value for c in parties[1]]
    once = header.index("Geld einmalig (€)") + 1
    cells = [parties.cell(r, once) for r in range(2, parties.max_row + 1)]
    amounts = [c for c in cells if c.value is not None]
    assert amounts and all(isinstance(c.value, int | float) for c in amounts)
    # 6000.5 in one draft: cents shown in the whole column.
    assert {c.number_format for c in amounts} == {'#,##0.00 "€"'}
    hours = header.index("Zeit (Stunden pro Monat)") + 1
    assert all(
        parties.cell(r, hours).number_format == "General" for r in range(2, parties.max_row + 1)
    )


def test_sheet_names_are_whole_words_and_unique(workshop: Path, tmp_path: Path) -> None:
    out = tmp_path / "antworten.xlsx"
    assert main(["summary", str(workshop), "-o", str(out)]) == 0
    names = openpyxl.load_workbook(out).sheetnames
    assert names[:3] == ["Teilnehmende", "Je Frage", "Wer macht mit – und was bringt"]
    assert len(set(names)) == len(names) and all(len(n) <= 31 for n in names)
    taken: set[str] = set()
    label = "Welche Wahrscheinlichkeit hat jedes einzelne Risiko?"
    first, second = _sheet_title(label, taken), _sheet_title(label, taken)
    assert first == "Welche Wahrscheinlichkeit hat"
    assert second == "Welche Wahrscheinlichkeit (2)"
    # One word longer than a sheet name can be: cut, as nothing else fits.
    long = "Donaudampfschifffahrtsgesellschaftskapitän"
    assert _sheet_title(long, taken) == long[:31]


def test_table_answers_in_sheets_and_csv_files_with_every_row(
    workshop: Path, tmp_path: Path
) -> None:
    xlsx = tmp_path / "antworten.xlsx"
    assert main(["summary", str(workshop), "-o", str(xlsx)]) == 0
    parties = list(openpyxl.load_workbook(xlsx).worksheets[2].iter_rows(values_only=True))
    assert parties[0][:2] == ("Teilnehmende", "Partei")
    assert len(parties) == 1 + 2 * 7  # seven parties in each of two drafts
    assert {row[0] for row in parties[1:]} == {"Runder Tisch Fahrradparken", "Zweiter Tisch"}

    out = tmp_path / "antworten.csv"
    assert main(["summary", str(workshop), "-o", str(out)]) == 0
    files = sorted(p.name for p in tmp_path.glob("antworten*.csv"))
    assert files == [
        "antworten-beitraege-tabelle.csv",
        "antworten-kopro-parteien.csv",
        "antworten-nutzen-tabelle.csv",
        "antworten-risiken-absicherung.csv",
        "antworten-schritte-liste.csv",
        "antworten.csv",
    ]
    rows = list(csv.reader((tmp_path / "antworten-beitraege-tabelle.csv").open(
        encoding="utf-8-sig"), delimiter=";"))  # fmt: skip
    assert rows[1][:2] == ["Runder Tisch Fahrradparken", "Bezirksvertretung Innenstadt"]
    assert len(rows) == 1 + 2 * 7
    # The main file carries the table answers too, each cell with its column's name.
    main_rows = list(csv.reader(out.open(encoding="utf-8-sig"), delimiter=";"))
    column = next(i for i, h in enumerate(main_rows[0]) if h.startswith("Wer macht mit"))
    assert main_rows[1][column].startswith("1) Partei: Bezirksvertretung Innenstadt; Sektor:")
    assert "7) Partei: Hochschule Musterstadt" in main_rows[1][column]


def test_csv_files_beside_are_never_overwritten(
    workshop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    beside = tmp_path / "antworten-schritte-liste.csv"
    beside.write_text("meins", encoding="utf-8")
    out = tmp_path / "antworten.csv"
    assert main(["summary", str(workshop), "-o", str(out)]) == 1
    assert beside.read_text(encoding="utf-8") == "meins" and not out.exists()
    assert "antworten-schritte-liste.csv" in capsys.readouterr().out
    assert main(["summary", str(workshop), "-o", str(out), "--force"]) == 0
    assert beside.read_text(encoding="utf-8-sig").startswith("Teilnehmende;Schritt")


def test_a_sheet_to_read_on_paper_one_row_per_question_and_person(
    workshop: Path, tmp_path: Path
) -> None:
    out = tmp_path / "antworten.xlsx"
    assert main(["summary", str(workshop), "-o", str(out), "--anonymous"]) == 0
    sheet = openpyxl.load_workbook(out)["Je Frage"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Nr.", "Frage", "Teilnehmende", "Antwort")
    places = [r for r in rows if r[1] == "Wie viele Stellplätze sind geplant?"]
    assert [(r[0], r[2], r[3]) for r in places] == [
        ("1.3", "Person 1", "12 Stellplätze"),
        ("1.3", "Person 2", "12 Stellplätze"),
    ]
    assert any(r[3] == "01.06.2027" for r in rows)
    # Four columns, as wide as a landscape page can print them legibly.
    widths = [sheet.column_dimensions[c].width for c in "ABCD"]
    assert sum(widths) <= 160 and sheet.max_column == 4
    # A long answer's row is as tall as its wrapped lines (left alone, lines print over each other).
    long = next(r for r, row in enumerate(rows, start=1) if len(str(row[3])) > 200)
    assert sheet.row_dimensions[long].height >= 3 * 15
    assert sheet.row_dimensions[1].height == 15
