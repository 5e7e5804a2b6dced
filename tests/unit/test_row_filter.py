"""`count(table where table.column == ...)` in one draft: the condition looks at each row's cells,
so a row that has one thing and another row that has the other do not add up to a row with both."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kosi_tui.cli import main
from kosi_tui.core.session import Session
from kosi_tui.storage.canvas_file import load_canvas

CANVAS = """\
format: kosi-canvas/1
id: zeilen
version: 1.0.0
languages: [de]
title: Zeilen
sections:
  - id: s
    title: S
    questions:
      - id: t
        type: table
        label: Tabelle
        columns:
          - {id: name, type: text, label: Name}
          - {id: sektor, type: choice, label: Sektor, choices: [{id: a, label: A}, {id: b, label: B}]}
          - {id: beitrag, type: multi_choice, label: Beitrag, choices: [{id: geld, label: Geld}, {id: zeit, label: Zeit}]}
          - {id: n, type: number, label: Zahl}
evaluation:
  scores:
    - {id: beides, label: Beides, kind: count, explain: E, value: "SCORE"}
"""


def session(tmp_path: Path, expression: str, rows: Any) -> Session:
    path = tmp_path / "zeilen.yaml"
    path.write_text(CANVAS.replace("SCORE", expression), encoding="utf-8")
    return Session(load_canvas(path).compiled, {"s.t": rows} if rows is not None else {})


ROWS = [
    {"name": "x", "sektor": "a", "beitrag": ["zeit"], "n": 1},
    {"name": "y", "sektor": "b", "beitrag": ["geld"], "n": 2},
    {"name": "z", "sektor": "b", "beitrag": ["geld", "zeit"], "n": 4},
]


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("count(s.t where s.t.sektor == 'a' and s.t.beitrag contains 'geld')", 0),
        ("count(s.t where s.t.sektor == 'b' and s.t.beitrag contains 'zeit')", 1),
        ("count(s.t where s.t.beitrag contains 'geld')", 2),
        ("sum(s.t.n where s.t.sektor == 'b')", 6),
        ("max(s.t.n where not (s.t.sektor == 'b'))", 1),
    ],
)
def test_the_condition_looks_at_one_row(tmp_path: Path, expression: str, expected: int) -> None:
    assert session(tmp_path, expression, ROWS).score("beides") == expected


def test_an_unanswered_table_counts_nothing(tmp_path: Path) -> None:
    assert session(tmp_path, "count(s.t where s.t.sektor == 'a')", None).score("beides") == 0


def test_rows_that_are_no_mappings_are_skipped(tmp_path: Path) -> None:
    rows = ["kaputt", {"name": "x", "sektor": "a"}]
    assert session(tmp_path, "count(s.t where s.t.sektor == 'a')", rows).score("beides") == 1


@pytest.mark.parametrize(
    ("expression", "problem"),
    [
        ("count(s.t where s.t.sektor == 'c')", "„c“ ist keine Auswahl"),
        ("count(s.t where s.t.beitrag == 'geld')", "prüfen Sie mit „contains“"),
        ("count(3 where s.t.sektor == 'a')", "„where“ wählt Zeilen einer Tabelle"),
    ],
)
def test_kosi_validate_checks_the_cells(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], expression: str, problem: str
) -> None:
    path = tmp_path / "zeilen.yaml"
    path.write_text(CANVAS.replace("SCORE", expression), encoding="utf-8")
    assert main(["validate", str(path)]) != 0
    assert problem in capsys.readouterr().out
