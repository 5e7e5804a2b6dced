"""The maturity self-check: its spread is a range between named dimensions, the person's own next
step is kept, its tension prompts speak and fall silent, and several drafts compare side by side."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from kosi_tui.core.compiled import CompiledCanvas
from kosi_tui.core.evaluation import Result, compare, evaluate_session, prompts_across
from kosi_tui.core.session import Session
from kosi_tui.paths import bundled_canvases
from kosi_tui.storage.canvas_file import load_canvas
from kosi_tui.storage.draft_file import load_draft
from tests.conftest import ROOT


@cache
def compiled() -> CompiledCanvas:
    return load_canvas(bundled_canvases() / "labor-reifegrad.yaml").compiled


def evaluate(changes: dict[str, Any] | None = None) -> Result:
    answers = dict(load_draft(ROOT / "examples" / "labor-reifegrad.answers.yaml").answers)
    answers.update(changes or {})
    return evaluate_session(Session(compiled(), answers))


def test_the_spread_is_a_range_between_named_dimensions() -> None:
    spread = next(s for s in evaluate().scores if s.score.id == "spanne")
    assert spread.kind == "spread" and spread.score.max is None
    assert spread.span is not None
    assert (spread.span.low, spread.span.high) == (1, 4)
    assert [s.id for s in spread.span.lowest] == ["verstetigung"]
    assert [s.id for s in spread.span.highest] == ["mandat"]
    # Every other figure is the person's own rating.
    assert {s.kind for s in evaluate().scores if s.score.id != "spanne"} == {"rating"}


def test_the_own_next_step_is_kept() -> None:
    assert evaluate().own_steps == [
        "Verstetigung: bis Juni einen Termin für die Entscheidung über die Fortführung setzen."
    ]


CASES: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "ungleich": ({}, {"arbeitsweise.verstetigung": 3}),
    "kurze_leine": ({}, {"ausrichtung.autonomie": 3}),
    "koproduktion_mit_wem": ({"arbeitsweise.koproduktion": 4}, {"arbeitsweise.koproduktion": 4,
                             "grundlagen.netzwerk": 3}),
    "verankert_ohne_mittel": ({"arbeitsweise.verstetigung": 4, "grundlagen.ressourcen": 2},
                              {"arbeitsweise.verstetigung": 4}),
    "wirkung_ohne_experiment": ({"arbeitsweise.wirkung": 4, "arbeitsweise.experiment": 2},
                                {"arbeitsweise.wirkung": 4}),
}  # fmt: skip


def test_every_prompt_has_cases() -> None:
    assert sorted(p.id for p in compiled().canvas.evaluation.prompts) == sorted(CASES)


@pytest.mark.parametrize("prompt_id", sorted(CASES))
def test_prompt_speaks_and_is_silent(prompt_id: str) -> None:
    speaks, silent = CASES[prompt_id]
    assert prompt_id in [p.prompt.id for p in evaluate(speaks).prompts]
    assert prompt_id not in [p.prompt.id for p in evaluate(silent).prompts]


def test_drafts_compare_side_by_side_without_a_mean() -> None:
    team = [
        evaluate(),
        evaluate({"ausrichtung.mandat": 1}),
        evaluate({"ausrichtung.mandat": 5, "ausrichtung.autonomie": 4}),
    ]
    rows = {row.score.id: row for row in compare(team)}
    assert rows["mandat"].values == [4, 1, 5]
    assert (rows["mandat"].low, rows["mandat"].high) == (1, 5)
    assert rows["zweck"].values == [3, 3, 3]
    assert [(p.id, n) for p, n in prompts_across(team)] == [("ungleich", 2), ("kurze_leine", 1)]
    assert compare([]) == []
