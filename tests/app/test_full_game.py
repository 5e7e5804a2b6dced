"""One full game (issue 24, done-when): five roles, three rounds on the terminal board – round 1
sealed and then revealed, an event card in round 2, a walk-away in round 3 and an offer beyond a
role card – with the board's figures checked against values worked out by hand below.

By hand (constants: investment 14,000 €; annual cost 3,620 €, of which 2,220 € running costs
without the 1,400 € replacement; land 12 m² at 30 €, work 4 h a month at 20 €):
- Round 1: once 4,000 + 2,000 + 500 = 6,500 → gap 7,500 €; yearly 1,152; in kind 12 m² (360)
  + 4 h (960) = 1,320 → annual gap 3,620 − 1,152 − 1,320 = 1,148 €; without replacement −252.
- Round 2: once 2,000 + 6,000 + 2,500 + 500 + 1,200 = 12,200 → gap 1,800 €; yearly 1,440; in
  kind 360 + min(6 + 1, 4) h = 960 → 1,320; annual gap 860 €; deficit 30 + 40 + 30 = 100 %.
- Round 3, the users walk away (their 2,400 € once, 1,800 € a year and 30 % stay typed but do
  not count): once 6,000 + 2,000 + 3,100 + 500 = 11,600 → gap 2,400 €; yearly 300; in kind
  1,320; annual gap 3,620 − 300 − 1,320 = 2,000 €; without replacement 600 €; deficit 70 %;
  binding commitments 4. The cooperative's 3,100 € go beyond its card (3,000 €) and still count.
"""

from __future__ import annotations

from pathlib import Path

from kosi_tui.core.group_player import player_view
from kosi_tui.faces.board.app import BoardApp
from kosi_tui.faces.board.record import read_record
from kosi_tui.report.debrief import build_debrief
from kosi_tui.report.formats import write_document
from kosi_tui.report.game import load_game
from tests import group_play
from tests.app.test_board import cell, next_reading, text, until


def figure(app: BoardApp, figure_id: str, round_id: str) -> str:
    from textual.widgets import DataTable

    return str(app.query_one("#board-figures", DataTable).get_cell(figure_id, round_id))


async def test_a_full_game_on_the_board_matches_the_hand_computed_figures(tmp_path: Path) -> None:
    fillings = {role: group_play.join(tmp_path, role) for role in group_play.PLAYERS}
    app = BoardApp(tmp_path, group_play.CANVAS, "planspiel_fahrradgarage", "de")
    async with app.run_test(size=(120, 40)) as pilot:
        await next_reading(app)
        # Round 1, sealed: who has submitted, not what.
        for role, answers in group_play.OFFERS[0].items():
            group_play.offer(fillings[role], 0, answers)
        await until(app, lambda: "5 von 5 haben abgegeben" in text(app, "#board-status"))
        assert "verdeckt" in text(app, "#board-status")
        assert cell(app, fillings["bezirk"].draft.id, "submitted") == "✓"
        assert figure(app, "luecke_einmalig", "r1") == "verdeckt"
        assert "4.000" not in text(app, "#board-bars")
        await pilot.press("a")  # reveal
        assert cell(app, "total", "einmalig") == "6.500"
        assert figure(app, "luecke_einmalig", "r1") == "7.500 €"
        assert figure(app, "luecke_jaehrlich", "r1") == "1.148 €/Jahr"
        assert figure(app, "luecke_betrieb", "r1") == "-252 €/Jahr"

        # Round 2: the district funds are cut (an event card), the city submits first.
        await pilot.press("n", "e")
        assert "Eilmeldung: Bezirksmittel halbiert" in text(app, "#board-event")
        assert "wartet auf: Stadt" in text(app, "#board-status")
        for role, answers in group_play.OFFERS[1].items():
            group_play.offer(fillings[role], 1, answers)
        await until(app, lambda: cell(app, "total", "einmalig") == "12.200")
        assert figure(app, "luecke_einmalig", "r2") == "1.800 €"
        assert figure(app, "luecke_jaehrlich", "r2") == "860 €/Jahr"
        assert figure(app, "defizit_anteile", "r2") == "100 %"
        view = player_view(fillings["bezirk"].session, "runde_2", 1, read_record(tmp_path))
        assert view is not None and [p.event.id for p in view.events] == ["bezirksmittel"]

        # Round 3: the users walk away with their amounts still typed; the cooperative offers
        # more than its card allows.
        await pilot.press("n")
        offers = dict(group_play.OFFERS[2])
        offers["nutzende"] = {**offers["nutzende"], "stand": "ausstieg"}
        for role, answers in offers.items():
            group_play.offer(fillings[role], 2, answers)
        await until(app, lambda: cell(app, "total", "einmalig") == "11.600")
        assert figure(app, "luecke_einmalig", "r3") == "2.400 €"
        assert figure(app, "luecke_jaehrlich", "r3") == "2.000 €/Jahr"
        assert figure(app, "luecke_betrieb", "r3") == "600 €/Jahr"
        assert figure(app, "defizit_anteile", "r3") == "70 %"
        assert figure(app, "zusagen", "r3") == "4 Parteien"
        assert cell(app, "total", "defizit") == "70"
        assert "ausgestiegen: Nutzende" in text(app, "#board-status")
        assert "Nutzende (Nils Nutzer) (ausgestiegen)" in cell(
            app, fillings["nutzende"].draft.id, "party"
        )
        assert (
            "Über die Rollenkarte hinaus (zählt mit): Genossenschaft (Wiebke Wohnen) – mehr als"
            " 3.000 € einmalig" in text(app, "#board-notes")
        )
        assert "Mindestens eine Partei steigt aus." in text(app, "#board-flags")
        bars = text(app, "#board-bars")
        assert "7.500 €" in bars and "1.800 €" in bars and "2.400 €" in bars
    record = read_record(tmp_path)
    debrief = write_document(build_debrief(load_game(tmp_path, "de"), "de", record=record), "md")
    assert isinstance(debrief, str)
    assert "Runde 2: Ereigniskarte „Bezirksmittel halbiert“" in debrief
