"""Nothing from a file runs in a spreadsheet: a participant's answer, a draft's author or file
name and a canvas's texts that start like a formula (`=`, `+`, `-`, `@`) reach every CSV and
XLSX kosi writes as text – read back with openpyxl (no formula cell) and csv (a leading
apostrophe, OWASP's advice); numbers, also negative ones, stay numbers."""

from __future__ import annotations

import copy
import csv
import io
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from kosi_tui.cli import main
from kosi_tui.storage.spreadsheet_text import csv_text, looks_like_formula
from tests.conftest import ROOT

PAYLOADS = ('=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)")
GERMAN_NUMBER = re.compile(r"-?\d+(,\d+)?")


def poisoned_draft(payload: str) -> dict[str, Any]:
    """The example draft with the payload as author, organisation, text answers and table cells."""
    text = (ROOT / "examples" / "koinvestition-fahrradgarage.answers.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    data["author"] = payload
    data["organisation"] = payload
    answers = data["answers"]
    answers["vorhaben.name"] = payload
    answers["vorhaben.problem"] = payload
    table = answers["beitraege.tabelle"]
    table[0]["partei"] = payload
    table[1]["flaeche"] = payload
    # A negative number in a number column: a number in every sheet, never a text.
    table[0]["geld_einmalig"] = -6000
    return data


@pytest.fixture
def workshop(tmp_path: Path) -> Path:
    folder = tmp_path / "workshop"
    folder.mkdir()
    for n, payload in enumerate(PAYLOADS):
        text = yaml.safe_dump(poisoned_draft(payload), allow_unicode=True, sort_keys=False)
        (folder / f"draft-{n}.yaml").write_text(text, encoding="utf-8")
    # A file name that starts like a formula: the summary names each draft's file.
    (folder / "=2+3.yaml").write_text(
        yaml.safe_dump(poisoned_draft("Ordentlich"), allow_unicode=True), encoding="utf-8"
    )
    return folder


def xlsx_cells(path: Path) -> list[Any]:
    book = openpyxl.load_workbook(path)
    return [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]


def assert_no_formula(path: Path, expected: tuple[str, ...]) -> None:
    cells = xlsx_cells(path)
    formulas = [
        f"{c.parent.title}!{c.coordinate}: {c.value!r}" for c in cells if c.data_type == "f"
    ]
    assert formulas == [], f"formula cells in {path.name}"
    values = {c.value for c in cells}
    for text in expected:
        assert text in values, f"{text!r} is not a cell of {path.name} (left out?)"


def csv_fields(data: bytes, delimiter: str) -> list[str]:
    text = data.decode("utf-8-sig")
    return [field for row in csv.reader(io.StringIO(text), delimiter=delimiter) for field in row]


def assert_csv_neutral(data: bytes, expected: tuple[str, ...], delimiter: str = ";") -> None:
    fields = csv_fields(data, delimiter)
    running = [f for f in fields if looks_like_formula(f) and not GERMAN_NUMBER.fullmatch(f)]
    assert running == [], "fields an office program would run"
    for text in expected:
        assert "'" + text in fields, f"{text!r} is not a field, as text"


def test_the_summary_workbook_and_csvs_hold_formula_texts_as_text(
    workshop: Path, tmp_path: Path
) -> None:
    out = tmp_path / "antworten.xlsx"
    assert main(["summary", str(workshop), "-o", str(out)]) == 0
    assert_no_formula(out, (*PAYLOADS, "=2+3.yaml"))
    values = {c.value for c in xlsx_cells(out)}
    assert -6000 in values, "a negative amount stays a number"

    main_csv = tmp_path / "antworten.csv"
    assert main(["summary", str(workshop), "-o", str(main_csv)]) == 0
    assert_csv_neutral(main_csv.read_bytes(), (*PAYLOADS, "=2+3.yaml"))
    tables = sorted(tmp_path.glob("antworten-*.csv"))
    assert tables, "each table question has a CSV of its own"
    for table in tables:
        assert_csv_neutral(table.read_bytes(), ())
    table_fields = {f for t in tables for f in csv_fields(t.read_bytes(), ";")}
    for payload in PAYLOADS:
        assert "'" + payload in table_fields
    assert "-6000" in table_fields, "a negative amount is written as a number, no apostrophe"


def poisoned_canvas(tmp_path: Path) -> Path:
    """The co-investment canvas with formula-like texts where a trainer writes texts."""
    source = ROOT / "canvases" / "koinvestition-fahrradgarage.yaml"
    data: dict[str, Any] = yaml.safe_load(source.read_text("utf-8"))
    data["title"] = {"de": PAYLOADS[0], "en": PAYLOADS[0]}
    section = data["sections"][0]
    section["title"] = {"de": PAYLOADS[1], "en": PAYLOADS[1]}
    question = section["questions"][0]
    question["label"] = {"de": PAYLOADS[2], "en": PAYLOADS[2]}
    question["help"] = {"de": PAYLOADS[3], "en": PAYLOADS[3]}
    questions = [q for s in data["sections"] for q in s["questions"]]
    chooser = next(q for q in questions if q.get("choices"))
    chooser["choices"][0]["label"] = {"de": PAYLOADS[3], "en": PAYLOADS[3]}
    table = next(q for q in questions if q["type"] == "table")
    table["columns"][0]["label"] = {"de": PAYLOADS[0], "en": PAYLOADS[0]}
    path = tmp_path / "vergiftet.yaml"
    path.write_text(yaml.safe_dump(copy.deepcopy(data), allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("option", ["--xlsx", "--xlsform"])
def test_a_canvas_workbook_and_its_xlsform_hold_formula_texts_as_text(
    option: str, tmp_path: Path
) -> None:
    canvas = poisoned_canvas(tmp_path)
    out = tmp_path / "export.xlsx"
    assert main(["export", str(canvas), option, "-o", str(out)]) == 0
    assert_no_formula(out, PAYLOADS)


def test_the_limesurvey_file_holds_formula_texts_so_that_no_spreadsheet_runs_them(
    tmp_path: Path,
) -> None:
    canvas = poisoned_canvas(tmp_path)
    out = tmp_path / "survey.txt"
    assert main(["export", str(canvas), "--limesurvey", "-o", str(out)]) == 0
    fields = csv_fields(out.read_bytes(), "\t")
    running = [f for f in fields if looks_like_formula(f) and not GERMAN_NUMBER.fullmatch(f)]
    assert running == [], "fields an office program would run"
    # LimeSurvey shows texts as HTML: the first character as a character reference reads the
    # same in the survey, and no spreadsheet takes it for a formula.
    for payload in PAYLOADS:
        escaped = f"&#{ord(payload[0])};{payload[1:]}"
        assert any(f == escaped for f in fields), payload


def test_only_texts_are_neutralised() -> None:
    assert csv_text("-2+3") == "'-2+3"
    assert csv_text("\t=1") == "'\t=1"
    assert csv_text("Stadt") == "Stadt"
    assert not looks_like_formula("2-3")
