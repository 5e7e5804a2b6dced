"""Mistakes in a canvas's `group:` part are named at their FILE:LINE:COL, like every other."""

from __future__ import annotations

from pathlib import Path

import pytest

from kosi_tui.core.expr import ExprError, evaluate, parse
from kosi_tui.storage.canvas_file import load_canvas
from kosi_tui.storage.problems import ProblemsError
from tests.group_play import CANVAS


def problems(tmp_path: Path, old: str, new: str) -> list[str]:
    text = CANVAS.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "planspiel.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        load_canvas(path)
    lines = text.replace(old, new, 1).splitlines()
    return [
        f"{p.line}:{p.col} {p.code} {lines[p.line - 1][p.col - 1 :][:30]}"
        for p in caught.value.problems
    ]


def test_an_answer_outside_an_aggregate(tmp_path: Path) -> None:
    found = problems(
        tmp_path, 'value: "sum(round.geld_einmalig)"', 'value: "round.geld_einmalig + 1"'
    )
    assert len(found) == 1 and "answer_outside_aggregate round.geld_einmalig" in found[0]


def test_an_unknown_round_question_suggests_one(tmp_path: Path) -> None:
    found = problems(
        tmp_path, 'value: "sum(round.geld_einmalig)"', 'value: "sum(round.geld_einmal)"'
    )
    assert len(found) == 1 and "unknown_ref round.geld_einmal" in found[0]


def test_a_later_figure_cannot_be_used(tmp_path: Path) -> None:
    found = problems(tmp_path, 'value: "constants.investition - figures.einmalig"',
                     'value: "constants.investition - figures.jahreskosten"')  # fmt: skip
    assert len(found) == 1 and "unknown_group_value figures.jahreskosten" in found[0]


def test_where_only_in_group_figures(tmp_path: Path) -> None:
    found = problems(tmp_path, "{id: laufend, value: round.geld_laufend,",
                     "{id: laufend, value: sum(round.geld_laufend where round.stand == 'zusage'),")  # fmt: skip
    assert len(found) == 1 and "where_outside_group sum(round.geld_laufend where" in found[0]


def test_roles_rounds_and_run_sheet(tmp_path: Path) -> None:
    assert "unknown_role bezrik" in problems(tmp_path, "first: [bezirk]", "first: [bezrik]")[0]
    found = problems(
        tmp_path, "    - id: radladen\n      name:", "    - id: fahrradladen\n      name:"
    )
    assert any("role_not_a_choice fahrradladen" in f for f in found)
    assert (
        "run_sheet_minutes" in problems(tmp_path, "minutes: [6, 12, 20]", "minutes: [6, 12, 21]")[0]
    )
    found = problems(
        tmp_path,
        "    questions: *angebot\n\n  - id: runde_3",
        "    questions: []\n\n  - id: runde_3",
    )
    assert any("round_sections_differ" in f for f in found)


def test_an_unknown_choice_in_a_filter(tmp_path: Path) -> None:
    found = problems(
        tmp_path, "where rolle.rolle == 'stadt') + sum", "where rolle.rolle == 'stadtt') + sum"
    )
    assert len(found) == 1 and "unknown_choice 'stadtt'" in found[0]


def test_where_parses_and_is_refused_outside_a_group() -> None:
    node = parse("sum(a.b where c.d == 1)")
    with pytest.raises(ExprError) as caught:
        evaluate(node, lambda ref: 1)
    assert caught.value.code == "where_outside_group"
    assert evaluate(parse("any([0, '', 2])"), lambda ref: None) is True
    assert evaluate(parse("any([0, ''])"), lambda ref: None) is False


def test_the_documented_group_example_validates(tmp_path: Path) -> None:
    from tests.conftest import ROOT

    doc = (ROOT / "docs" / "canvas-format.md").read_text(encoding="utf-8")
    example = doc.split("```yaml\n# kosi group example\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "mini.yaml"
    path.write_text(example, encoding="utf-8")
    loaded = load_canvas(path)
    assert loaded.warnings == []
    assert loaded.canvas.group is not None and len(loaded.canvas.group.rounds) == 2


def test_the_walk_away_rule_is_checked_like_a_column(tmp_path: Path) -> None:
    found = problems(tmp_path, "walked_away: \"round.stand == 'ausstieg'\"",
                     "walked_away: \"round.stnd == 'ausstieg'\"")  # fmt: skip
    assert len(found) == 1 and "unknown_ref round.stnd" in found[0]
