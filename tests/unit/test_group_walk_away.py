"""Walking away counts: a party choosing "Ausstieg" in a round keeps its row (its amounts kept in
its draft) but counts in no Σ, figure or flag of that round, except the flag that says someone
walked away. A role nobody plays is never waited for. Figures worked out by hand below."""

from __future__ import annotations

from pathlib import Path

from kosi_tui.core.group import RoundResult
from kosi_tui.report.debrief import build_debrief
from kosi_tui.report.formats import write_document
from kosi_tui.report.game import load_game
from tests import group_play
from tests.group_play import OFFERS


def flags(result: RoundResult) -> set[str]:
    return {f.id for f in result.flags}


def test_the_issues_case_one_off_sum_without_the_party_that_walked_away(tmp_path: Path) -> None:
    fillings = {role: group_play.join(tmp_path, role) for role in group_play.PLAYERS}
    for role, answers in OFFERS[0].items():
        group_play.offer(fillings[role], 0, answers)
    # The association walks away with its 500 € and 4 hours still typed; the users give 686.50 €.
    group_play.offer(fillings["verein"], 0, {"stand": "ausstieg"})
    group_play.offer(fillings["nutzende"], 0, {"geld_einmalig": 686.5})
    r1 = load_game(tmp_path, "de").rounds(0)[0]
    # District 4,000 + housing 2,000 + users 686.50 (the association's 500 no longer counts:
    # 7,186.50 before).
    assert r1.totals["einmalig"] == 6686.5
    assert r1.figures["einmalig"] == 6686.5
    assert r1.figures["luecke_einmalig"] == 14000 - 6686.5 == 7313.5
    # In kind: the city's 12 m² × 30 € only; the association's 4 h × 12 × 20 € = 960 € are gone.
    assert r1.figures["sachwert"] == 360
    assert r1.totals["sachwert"] == 360
    # The hosting it offered ("betrieb" only) and its row: kept, marked.
    row = next(r for r in r1.rows if r.role is not None and r.role.id == "verein")
    assert row.walked_away and row.submitted
    assert row.cells["einmalig"] == 500  # the amounts stay in its draft and its row
    assert [r.member.name for r in r1.walked_away] == ["Vera Verein"]
    assert "ausstieg" in flags(r1)  # the flag reading only the status still sees the party


def test_walking_away_in_the_last_round_leaves_every_figure(tmp_path: Path) -> None:
    fillings = group_play.play_all(tmp_path)
    group_play.offer(fillings["verein"], 2, {"stand": "ausstieg"})
    group_play.offer(fillings["nutzende"], 2, {"geld_einmalig": 1886.5})
    game = load_game(tmp_path, "de")
    r3 = game.rounds()[2]
    # One-off: district 6,000 + city 2,000 + housing 3,100 + users 1,886.50 = 12,986.50 €.
    assert r3.figures["einmalig"] == 12986.5
    assert r3.figures["luecke_einmalig"] == 1013.5
    # Yearly: housing 300 + users 1,800 = 2,100 €; in kind only the city's land (360 €).
    assert r3.figures["laufend"] == 2100
    assert r3.figures["sachwert"] == 360
    # Running costs 600 + 300 + 360 + 960 = 2,220 €; with replacement 1,400 more = 3,620 €.
    assert r3.figures["luecke_betrieb"] == 2220 - 2100 - 360 == -240
    assert r3.figures["luecke_jaehrlich"] == 3620 - 2100 - 360 == 1160
    # Deficit: housing 30 % + users 30 %; the association's 40 % went with it.
    assert r3.figures["defizit_anteile"] == 60
    assert r3.figures["defizit_deckel"] == 300 + 360
    assert r3.figures["zusagen"] == 4
    assert {"ausstieg", "defizit_teilweise", "keine_traegerin", "ersatz_offen"} <= flags(r3)
    assert "defizit_ueber" not in flags(r3) and "luecke_jaehrlich" not in flags(r3)
    # Rounds before are untouched: in round 2 the association still counts.
    assert game.rounds()[1].figures["defizit_anteile"] == 100
    debrief = write_document(build_debrief(game, "de"), "md")
    assert isinstance(debrief, str)
    assert "Vera Verein) – ausgestiegen" in debrief
    assert "12.986,50 €" in debrief and "1.013,50 €" in debrief  # to the cent, half up


def test_a_role_nobody_plays_is_never_waited_for(tmp_path: Path) -> None:
    # Round 3: the district commits first – but nobody plays the district.
    for role in ("stadt", "wohnen"):
        group_play.join(tmp_path, role)
    game = load_game(tmp_path, "de")
    group = game.compiled.canvas.group
    assert group is not None
    r3 = game.rounds(2)[2]
    assert r3.round.first == ["bezirk"]
    assert r3.waiting_for(group) == []
    # Round 2 waits for the city, which is played and has not submitted.
    assert [r.id for r in game.rounds(1)[1].waiting_for(group)] == ["stadt"]
