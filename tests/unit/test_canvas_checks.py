"""The whole-canvas check: what it compiles besides what it reports (the bad canvases in
tests/data/bad cover the messages)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kosi_tui.core.session import Session
from kosi_tui.storage.canvas_file import load_canvas
from kosi_tui.storage.problems import ProblemsError
from tests.conftest import DATA


def test_a_score_with_only_a_warning_is_compiled_and_computed(tmp_path: Path) -> None:
    # `keins` has no score: a warning, so the canvas is used – and so must its score be.
    text = (DATA / "good" / "minimal.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "{id: keins, label: {de: Kein Mandat, en: No mandate}, score: 1}",
        "{id: keins, label: {de: Kein Mandat, en: No mandate}}",
    )
    path = tmp_path / "warned.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_canvas(path)
    assert [w.code for w in loaded.warnings] == ["choices_without_score"]
    assert "mandat" in loaded.compiled.scores
    session = Session(loaded.compiled)
    session.set("mandat.status", "rat")
    session.set("mandat.rueckendeckung", 5)
    assert session.score("mandat") == 5


def test_a_score_bar_with_equal_ends_is_refused(tmp_path: Path) -> None:
    text = (DATA / "good" / "minimal.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "      max: 5\n      explain:", "      min: 5\n      max: 5\n      explain:"
    )
    path = tmp_path / "flat.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProblemsError) as err:
        load_canvas(path)
    assert [(p.code, p.args) for p in err.value.problems] == [("bounds_equal", {"value": 5})]
