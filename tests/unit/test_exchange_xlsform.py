"""`kosi export --xlsform`: every bundled canvas becomes an XLSForm that ODK's own converter
(pyxform, without Java) accepts, with every question, its choices and its conditions; what the
form cannot hold is listed on standard error and in the workbook."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from kosi_tui.cli import main
from kosi_tui.core.kinds import Info, Table
from kosi_tui.storage.canvas_file import load_canvas
from tests.conftest import ROOT

openpyxl = pytest.importorskip("openpyxl")
xls2xform = pytest.importorskip("pyxform.xls2xform")

BUNDLED = sorted((ROOT / "canvases").glob("*.yaml"))


def sheet_rows(path: Path, name: str) -> list[dict[str, object]]:
    sheet = openpyxl.load_workbook(path)[name]
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=False)) for row in rows[1:]]


@pytest.mark.parametrize("canvas", BUNDLED, ids=lambda p: p.stem)
def test_every_bundled_canvas_passes_pyxforms_conversion(
    canvas: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "form.xlsx"
    assert main(["--lang", "de", "export", str(canvas), "--xlsform", "-o", str(target)]) == 0
    err = capsys.readouterr().err
    warnings: list[str] = []
    result = xls2xform.convert(
        io.BytesIO(target.read_bytes()), warnings=warnings, file_type=".xlsx"
    )
    xform = result.xform
    loaded = load_canvas(canvas)
    survey = {
        str(row["name"]): row
        for row in sheet_rows(target, "survey")
        if not str(row["type"]).startswith("end_")
    }
    choices = sheet_rows(target, "choices")
    for section, question in loaded.canvas.iter_questions():
        name = f"{section.id}__{question.id}"
        assert f"<{name}" in xform, name
        row = survey[name]
        assert row["label::German (de)"] and row["label::English (en)"]
        kind = str(row["type"])
        if isinstance(question, Info):
            assert kind == "note"
        elif isinstance(question, Table):
            assert kind == "begin_repeat"
            for column in question.columns:
                assert f"<{name}__{column.id}" in xform
        options = getattr(question, "choices", None)
        if options:
            listed = [c["name"] for c in choices if c["list_name"] == kind.split()[-1]]
            assert listed == [c.id for c in options]
        # A condition is in the form or named as left out – never dropped silently.
        if question.show_if is not None:
            assert row.get("relevant") or f"{section.id}.{question.id}: " in err
    left_out = [str(r["Nicht übertragen (kosi export)"]) for r in sheet_rows(target, "kosi")]
    for line in left_out:
        if line != "-":
            assert f"Nicht übertragen: {line}" in err


def test_conditions_become_relevant_in_xpath(tmp_path: Path) -> None:
    target = tmp_path / "form.xlsx"
    assert main(["export", "innovationslabor", "--xlsform", "-o", str(target)]) == 0
    survey = {str(row["name"]): row for row in sheet_rows(target, "survey") if row["name"]}
    # status in ['informell', 'keins'] (a single choice)
    assert survey["mandat__weg"]["relevant"] == (
        "(${mandat__status} = 'informell' or ${mandat__status} = 'keins')"
    )
    # quellen contains 'bund' or … (several choices)
    assert "selected(${ressourcen__quellen}, 'bund')" in str(
        survey["ressourcen__foerderende"]["relevant"]
    )
    assert survey["basis__einwohner"]["constraint"] == (". >= 500 and . <= 4000000")
    settings = sheet_rows(target, "settings")[0]
    assert settings["form_id"] == "innovationslabor"
    assert settings["default_language"] == "German (de)"


def test_what_the_form_cannot_hold_is_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "form.xlsx"
    assert main(["--lang", "en", "export", "innovationslabor", "--xlsform", "-o", str(target)]) == 0
    err = capsys.readouterr().err
    assert re.search(r"Not carried over: evaluation: 7 × scores", err)
    assert "akteure.fehlend: the condition show_if" in err
    kosi = [str(r["Not carried over (kosi export)"]) for r in sheet_rows(target, "kosi")]
    assert any("akteure.fehlend" in line for line in kosi)
