"""The default canvas's decision paper: the questions it needs exist, and a wrong reference in a
canvas's `decision_paper` is named by `kosi validate` at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from kosi_tui.cli import main
from kosi_tui.storage.canvas_file import load_canvas
from tests.conftest import ROOT

CANVAS = ROOT / "canvases" / "innovationslabor.yaml"


def test_the_default_canvas_asks_what_a_decision_paper_needs() -> None:
    canvas = load_canvas(CANVAS).canvas
    paper = canvas.decision_paper
    assert paper is not None and paper.finance is not None
    assert paper.finance.amounts == ["sachkosten", "personalkosten", "folgekosten"]
    keys = {f"{s.id}.{q.id}" for s, q in canvas.iter_questions()}
    for key in ("ressourcen.laufzeit_beginn", "ressourcen.laufzeit_ende", "ressourcen.kosten",
                "ressourcen.foerdermittel", "ressourcen.foerderende", "ressourcen.produkt",
                "ressourcen.haushaltslage", "ressourcen.aufgabe", "mandat.beschluss_wer",
                "mandat.beschluss_bis", "mandat.beratungsfolge"):  # fmt: skip
        assert key in keys, key
    # New questions are optional: a draft from before them still counts as complete.
    required = {f"{s.id}.{q.id}" for s, q in canvas.iter_questions() if getattr(q, "required", 0)}
    assert not required & {"ressourcen.kosten", "ressourcen.foerdermittel", "mandat.beratungsfolge"}


def _validate(tmp_path: Path, old: str, new: str) -> tuple[Path, int, int]:
    """Validates a copy of the default canvas with `old` replaced by `new`: the copy, the exit
    code and the line `new` stands on."""
    text = CANVAS.read_text(encoding="utf-8")
    assert old in text
    bad = text.replace(old, new)
    path = tmp_path / "labor.yaml"
    path.write_text(bad, encoding="utf-8")
    line = next(i for i, x in enumerate(bad.splitlines(), 1) if new in x)
    return path, main(["validate", str(path)]), line


def test_a_wrong_reference_in_the_decision_paper_is_named_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, code, line = _validate(tmp_path, "costs: ressourcen.kosten", "costs: ressourcen.kostn")
    out = capsys.readouterr().out
    assert code == 1 and f"{path}:{line}:" in out and "„ressourcen.kostn“" in out
    assert "Meinten Sie „ressourcen.kosten“?" in out


def test_an_amount_column_without_numbers_is_named_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, code, line = _validate(
        tmp_path,
        "amounts: [sachkosten, personalkosten, folgekosten]",
        "amounts: [sachkosten, personalkosten, jahr]",
    )
    out = capsys.readouterr().out
    assert code == 1 and f"{path}:{line}:" in out and "„jahr“ passt hier nicht" in out


def test_a_paper_entry_with_both_answer_and_text_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, code, line = _validate(
        tmp_path, "- {answer: mandat.beschluss}", "- {answer: mandat.beschluss, text: x}"
    )
    out = capsys.readouterr().out
    assert code == 1 and f"{path}:{line}:" in out and "genau eines von answer" in out
