"""A canvas as an Excel workbook and back: `kosi export --xlsx`, then `kosi validate` and the
loader read the workbook; problems are named by sheet, row and column; nothing in a cell runs."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from kosi_tui.cli import main
from kosi_tui.storage.canvas_file import load_canvas
from kosi_tui.storage.problems import ProblemsError
from tests.conftest import ROOT

openpyxl = pytest.importorskip("openpyxl")

BUNDLED = sorted((ROOT / "canvases").glob("*.yaml"))


def export(canvas: str | Path, target: Path) -> Path:
    assert main(["export", str(canvas), "--xlsx", "-o", str(target)]) == 0
    return target


def headers(sheet: Any) -> dict[str, int]:
    return {str(c.value): c.column for c in sheet[1] if c.value is not None}


def find_row(sheet: Any, **match: str) -> int:
    cols = headers(sheet)
    for row in range(2, sheet.max_row + 1):
        if all(sheet.cell(row, cols[k]).value == v for k, v in match.items()):
            return row
    raise AssertionError(f"no row with {match}")


@pytest.mark.parametrize("canvas", BUNDLED, ids=lambda p: p.stem)
def test_every_bundled_canvas_comes_back_from_its_workbook_unchanged(
    canvas: Path, tmp_path: Path
) -> None:
    original = load_canvas(canvas).canvas
    back = load_canvas(export(canvas, tmp_path / f"{canvas.stem}.xlsx"))
    assert back.warnings == []
    # Equal models: every question, kind, choice, condition, text and group part alike.
    assert back.canvas == original
    assert back.canvas.model_dump() == original.model_dump()


def test_the_workbook_has_the_sheets_a_trainer_reads(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(export("innovationslabor", tmp_path / "c.xlsx"))
    assert book.sheetnames == ["settings", "sections", "questions", "choices", "columns", "more"]
    questions = book["questions"]
    cols = headers(questions)
    for name in ("section", "id", "type", "label:de", "label:en", "help:de", "required", "show_if"):
        assert name in cols
    row = find_row(questions, id="themenfelder")
    assert questions.cell(row, cols["type"]).value == "multi_choice"
    choices = book["choices"]
    assert find_row(choices, question=f"{questions.cell(row, 1).value}.themenfelder") > 1


def broken_workbook(tmp_path: Path) -> tuple[Path, Path, dict[str, tuple[int, str]]]:
    """The innovation lab's workbook with a bad kind and a question without id, and one with an
    unknown condition variable (checked once the shape is right); and where each mistake is."""
    path = export("innovationslabor", tmp_path / "kaputt.xlsx")
    condition = export("innovationslabor", tmp_path / "bedingung.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["questions"]
    cols = headers(sheet)
    letter = openpyxl.utils.get_column_letter
    places: dict[str, tuple[int, str]] = {}
    row = find_row(sheet, id="themenfelder")
    sheet.cell(row, cols["type"]).value = "mehrfachauswahl"
    places["kind"] = (row, letter(cols["type"]))
    row = find_row(sheet, type="date")
    sheet.cell(row, cols["id"]).value = None
    places["id"] = (row, letter(cols["id"]))
    book.save(path)
    book = openpyxl.load_workbook(condition)
    sheet = book["questions"]
    row = find_row(sheet, type="long_text")
    sheet.cell(row, cols["show_if"]).value = "gibtsnicht == 'x'"
    places["variable"] = (row, letter(cols["show_if"]))
    book.save(condition)
    return path, condition, places


def test_a_broken_workbook_is_named_by_sheet_row_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, condition, places = broken_workbook(tmp_path)
    capsys.readouterr()
    assert main(["--lang", "de", "validate", str(path), str(condition)]) == 1
    out = capsys.readouterr().out
    assert "Traceback" not in out
    lines = out.splitlines()

    def line_at(place: tuple[int, str], file: Path = path) -> str:
        prefix = f"{file}!questions:{place[0]}:{place[1]}: Fehler: "
        found = [line for line in lines if line.startswith(prefix)]
        assert found, f"nothing at {prefix} in:\n{out}"
        return found[0]

    assert "mehrfachauswahl" in line_at(places["kind"])
    assert "gibtsnicht" in line_at(places["variable"], condition)
    assert "„id“" in line_at(places["id"]) and "Spalte" in line_at(places["id"])


def test_a_workbook_problem_never_ends_in_a_traceback(tmp_path: Path) -> None:
    garbage = tmp_path / "kein.xlsx"
    garbage.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ProblemsError) as err:
        load_canvas(garbage)
    assert err.value.problems[0].code == "xlsx_unreadable"
    empty = tmp_path / "leer.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "questions"
    book.save(empty)
    with pytest.raises(ProblemsError) as err:
        load_canvas(empty)
    assert {p.code for p in err.value.problems} >= {"xlsx_no_sheet"}


def test_a_formula_in_a_cell_is_read_as_its_text(tmp_path: Path) -> None:
    path = export("innovationslabor", tmp_path / "formel.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["questions"]
    cols = headers(sheet)
    row = find_row(sheet, id="themenfelder")
    # openpyxl stores a text starting with = as a formula, as Excel would.
    sheet.cell(row, cols["label:de"]).value = '=HYPERLINK("http://example.org","x")'
    assert sheet.cell(row, cols["label:de"]).data_type == "f"
    book.save(path)
    canvas = load_canvas(path).canvas
    label = next(q.label for _, q in canvas.iter_questions() if q.id == "themenfelder")
    assert isinstance(label, dict)
    assert label["de"] == '=HYPERLINK("http://example.org","x")'


def test_a_text_starting_with_equals_is_exported_as_text_not_formula(tmp_path: Path) -> None:
    data = yaml.safe_load((ROOT / "canvases" / "labor-reifegrad.yaml").read_text("utf-8"))
    data["title"] = "=1+1"
    canvas = tmp_path / "gleich.yaml"
    canvas.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert load_canvas(canvas).canvas.title == "=1+1"
    path = export(canvas, tmp_path / "gleich.xlsx")
    with zipfile.ZipFile(path) as archive:
        xml = "".join(
            archive.read(n).decode("utf-8") for n in archive.namelist() if "worksheets/" in n
        )
    assert "<f>" not in xml and "<f " not in xml
    assert load_canvas(path).canvas.title == "=1+1"


@pytest.mark.parametrize("name", ["mein-check.xlsx", "werkstatt.xlsx"])
def test_a_draft_of_a_workbook_canvas_opens_again_by_its_id(
    name: str, kosi_home: Path, tmp_path: Path
) -> None:
    """A draft names its canvas by id only: a workbook in the canvas folder is found, by its file
    name or (named otherwise) by loading it."""
    from kosi_tui.core.answers import new_draft
    from kosi_tui.paths import user_canvases
    from kosi_tui.storage.draft_file import draft_to_yaml
    from kosi_tui.storage.locate import canvas_by_id
    from kosi_tui.storage.opening import open_draft

    data = yaml.safe_load((ROOT / "canvases" / "labor-reifegrad.yaml").read_text("utf-8"))
    data["id"] = "mein_check"
    source = tmp_path / "quelle.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    user_canvases().mkdir(parents=True)
    workbook = export(source, user_canvases() / name)
    loaded = load_canvas(workbook)
    draft = new_draft("mein_check", loaded.canvas.version, loaded.sha256, "Mein Check", "de",
                      organisation="Stadt Musterstadt")  # fmt: skip
    path = tmp_path / "entwurf.yaml"
    path.write_text(draft_to_yaml(draft), encoding="utf-8")

    assert canvas_by_id("mein_check") == workbook
    opened = open_draft(path)
    assert opened.canvas.canvas.id == "mein_check" and not opened.migration.canvas_changed
    assert main(["report", str(path), "-o", str(tmp_path / "bericht.md")]) == 0
