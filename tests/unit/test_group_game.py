"""A five-role, three-round Planspiel played through the engine: the negotiation table, the Σ
row, the gaps, the in-kind values, the depreciation and the group flags of every round, against
figures worked out by hand (see `tests/group_play.py`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kosi_tui.core.group import RoundResult, amount_text, cell_text
from kosi_tui.core.group_canvas import Group
from kosi_tui.report.game import Game, load_game
from tests import group_play
from tests.group_play import OFFERS, play_all

ANNUAL_COST = 14000 / 10 + 600 + 300 + 12 * 30 + 4 * 12 * 20


@pytest.fixture
def game(tmp_path: Path) -> Game:
    play_all(tmp_path)
    return load_game(tmp_path, "de")


def group_of(game: Game) -> Group:
    """The game's group; the Planspiel canvas declares one, so its absence is a test failure."""
    group = game.compiled.canvas.group
    assert group is not None
    return group


def by_role(result: RoundResult) -> dict[str, dict[str, object]]:
    return {r.role.id: r.cells for r in result.rows if r.role is not None}


def flags(result: RoundResult) -> set[str]:
    return {f.id for f in result.flags}


def test_the_drafts_are_five_members_with_their_roles(game: Game) -> None:
    assert [m.role for m in game.members] and len(game.members) == 5
    result = game.rounds(0)[0]
    # The table follows the canvas's order of roles, not the order of files.
    assert [r.role.id for r in result.rows if r.role] == [
        "stadt", "bezirk", "wohnen", "verein", "nutzende"
    ]  # fmt: skip
    assert [r.member.name for r in result.rows] == [
        "Erika Amt", "Bernd Bezirk", "Wiebke Wohnen", "Vera Verein", "Nils Nutzer"
    ]  # fmt: skip
    assert all(r.submitted for r in result.rows)
    assert result.missing_roles(group_of(game)) != []  # the bike shop is not played


def test_round_1_first_offers(game: Game) -> None:
    r1 = game.rounds()[0]
    cells = by_role(r1)
    # In kind: the city's 12 m² at 30 € a year; the association's 4 h a month at 20 €.
    assert cells["stadt"]["sachwert"] == 12 * 30 == 360
    assert cells["verein"]["sachwert"] == 4 * 12 * 20 == 960
    assert cells["bezirk"]["sachwert"] == 0  # nothing offered in kind: no value, not "unknown"
    assert r1.totals == {
        "einmalig": 4000 + 2000 + 500,
        "laufend": 1152,
        "sachwert": 360 + 960,
        "defizit": 0,
    }
    figures = r1.figures
    assert figures["einmalig"] == 6500
    assert figures["luecke_einmalig"] == 14000 - 6500 == 7500
    assert figures["abschreibung"] == 14000 / 10 == 1400
    assert figures["jahreskosten"] == ANNUAL_COST == 3620
    # The running costs apart from the replacement: the gap is the replacement's.
    assert figures["laufende_kosten"] == 600 + 300 + 360 + 960 == 2220
    assert figures["sachwert"] == 1320
    assert figures["luecke_jaehrlich"] == 3620 - 1152 - 1320 == 1148
    assert figures["luecke_betrieb"] == 2220 - 1152 - 1320 == -252
    assert figures["defizit_anteile"] == 0
    assert figures["zusagen"] == 0
    # Operation pays; what is missing each year is the replacement.
    assert flags(r1) == {"luecke_einmalig", "ersatz_offen", "keine_traegerin",
                         "kein_betriebsrisiko", "zahlt_ohne_mitsprache"}  # fmt: skip
    assert cells["bezirk"]["mitsprache"] is None


def test_round_2_in_kind_counts_only_up_to_the_need(game: Game) -> None:
    r2 = game.rounds()[1]
    cells = by_role(r2)
    # Offered: 6 h + 1 h a month; needed and counted: 4 h.
    assert cells["verein"]["sachwert"] == 6 * 12 * 20 == 1440
    assert cells["nutzende"]["sachwert"] == 1 * 12 * 20 == 240
    assert r2.totals["sachwert"] == 360 + 1440 + 240 == 2040
    assert r2.figures["sachwert"] == 12 * 30 + 4 * 12 * 20 == 1320
    assert r2.totals["einmalig"] == r2.figures["einmalig"] == 2000 + 6000 + 2500 + 500 + 1200
    assert r2.figures["luecke_einmalig"] == 14000 - 12200 == 1800
    assert r2.figures["luecke_jaehrlich"] == 3620 - 1440 - 1320 == 860
    assert r2.figures["defizit_anteile"] == 30 + 40 + 30 == 100
    assert r2.figures["defizit_deckel"] == 300 + 200 + 360
    # The city now funds what it permits; the association hosts; the deficit is shared.
    assert flags(r2) == {"luecke_einmalig", "ersatz_offen", "stadt_doppelrolle",
                         "zahlt_ohne_mitsprache"}  # fmt: skip
    assert r2.waiting_for(group_of(game)) == []


def test_round_3_final_commitments(game: Game) -> None:
    r3 = game.rounds()[2]
    assert r3.figures["einmalig"] == 2000 + 6000 + 3100 + 500 + 2400 == 14000
    assert r3.figures["luecke_einmalig"] == 0
    assert r3.figures["laufend"] == 300 + 1800
    assert r3.figures["luecke_jaehrlich"] == 3620 - 2100 - 1320 == 200
    assert r3.figures["luecke_betrieb"] == 2220 - 2100 - 1320 == -1200  # only the replacement
    assert r3.figures["zusagen"] == 5
    # Everyone who pays now has a say in something: the flag is silent.
    assert flags(r3) == {"ersatz_offen", "stadt_doppelrolle"}
    assert by_role(r3)["verein"]["mitsprache"] == ["entgelt", "vergabe", "ruecklage"]
    assert [m for m in OFFERS[2]] == ["bezirk", "stadt", "wohnen", "verein", "nutzende"]


def test_the_gap_across_rounds(game: Game) -> None:
    assert [r.figures["luecke_einmalig"] for r in game.rounds()] == [7500, 1800, 0]
    assert [r.figures["luecke_jaehrlich"] for r in game.rounds()] == [1148, 860, 200]


def test_who_must_commit_first_is_waited_for(tmp_path: Path) -> None:
    fillings = {role: group_play.join(tmp_path, role) for role in ("stadt", "bezirk", "verein")}
    group_play.offer(fillings["verein"], 2, {"stand": "zusage", "geld_einmalig": 500})
    group = load_game(tmp_path, "de")
    r3 = group.rounds()[2]
    assert [r.id for r in r3.waiting_for(group_of(group))] == ["bezirk"]
    assert [r.member.name for r in r3.submitted] == ["Vera Verein"]
    group_play.offer(fillings["bezirk"], 2, {"stand": "zusage", "geld_einmalig": 6000})
    group = load_game(tmp_path, "de")
    assert group.rounds()[2].waiting_for(group_of(group)) == []


def test_walking_away_takes_the_risk_share_off_the_table(tmp_path: Path) -> None:
    fillings = {role: group_play.join(tmp_path, role) for role in ("verein", "nutzende")}
    group_play.offer(fillings["verein"], 0, {"stand": "ausstieg", "defizit_anteil": 50})
    group = load_game(tmp_path, "de")
    r1 = group.rounds(0)[0]
    assert {"ausstieg", "kein_betriebsrisiko"} <= flags(r1)
    # The share stays in the row, as typed; the Σ row and the figures leave it out.
    assert next(r for r in r1.rows if r.walked_away).cells["defizit"] == 50
    assert r1.totals["defizit"] == 0 and r1.figures["defizit_anteile"] == 0


def test_a_conflict_copy_of_a_draft_counts_once(game: Game, tmp_path: Path) -> None:
    draft = next(tmp_path.glob("*.yaml"))
    (tmp_path / f"{draft.stem}.konflikt-2027-01-01.yaml").write_bytes(draft.read_bytes())
    again = load_game(tmp_path, "de")
    assert len(again.members) == 5


def test_cells_and_figures_read_as_people_read_them(game: Game) -> None:
    group = game.compiled.canvas.group
    assert group is not None
    stand = next(c for c in group.table if c.id == "stand")
    r3 = game.rounds()[2]
    assert cell_text(game.compiled, stand, r3.rows[0].cells["stand"], "de") == "Zusage"
    assert cell_text(game.compiled, stand, r3.rows[0].cells["stand"], "en") == "Commitment"
    tasks = next(c for c in group.table if c.id == "aufgaben")
    verein = next(r for r in r3.rows if r.role and r.role.id == "verein")
    assert cell_text(game.compiled, tasks, verein.cells["aufgaben"], "de").startswith(
        "Trägerschaft"
    )
    assert amount_text(1148.0, "de", "€") == "1.148 €"
    assert amount_text(None, "de", "€") == "–"
