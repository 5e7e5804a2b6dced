"""The trainer's board follows the workshop folder: a participant's save shows on it, and the
trainer moves the game on from it. No sleeps: each step waits for the board's next reading."""

from __future__ import annotations

import asyncio
import json
import shutil
from collections.abc import Callable
from pathlib import Path

from textual.widgets import DataTable, Static

from kosi_tui.faces.board.app import BoardApp
from kosi_tui.faces.board.record import RECORD_FILE
from kosi_tui.storage.round_state import STATE_FILE
from tests import group_play

WAIT = 10.0
"""Seconds a step may take at most; the board looks four times a second."""


async def next_reading(app: BoardApp) -> None:
    await asyncio.wait_for(app.updated.wait(), WAIT)
    app.updated.clear()


async def until(app: BoardApp, shown: Callable[[], bool]) -> None:
    """Waits for readings of the folder until the board shows what is expected.

    A save and the round file can be seen in one reading or in two; either way the board must
    end up showing both.
    """

    async def readings() -> None:
        while not shown():
            await next_reading(app)

    await asyncio.wait_for(readings(), WAIT)


def cell(app: BoardApp, row: str, column: str) -> str:
    table = app.query_one("#board-table", DataTable)
    return str(table.get_cell(row, column))


def text(app: BoardApp, selector: str) -> str:
    return str(app.query_one(selector, Static).render())


async def test_the_board_follows_a_participants_save_and_moves_rounds(tmp_path: Path) -> None:
    fillings = {role: group_play.join(tmp_path, role) for role in group_play.PLAYERS}
    for role, answers in group_play.OFFERS[0].items():
        group_play.offer(fillings[role], 0, answers)
    group_play.revealed_first_round(tmp_path)
    app = BoardApp(tmp_path, group_play.CANVAS, "planspiel_fahrradgarage", "de")
    async with app.run_test(size=(80, 24)) as pilot:
        await next_reading(app)
        assert cell(app, "total", "einmalig") == "6.500"
        assert "Runde 1 von 3" in text(app, "#board-title")
        assert "5 von 5 haben abgegeben" in text(app, "#board-status")
        assert "Niemand übernimmt die Trägerschaft" in text(app, "#board-flags")

        # The association takes on hosting and raises its money: the board shows it.
        group_play.offer(fillings["verein"], 0, {"geld_einmalig": 1500, "aufgaben": ["traeger"]})
        await until(app, lambda: cell(app, "total", "einmalig") != "6.500")
        assert cell(app, "total", "einmalig") == "7.500"
        assert cell(app, fillings["verein"].draft.id, "einmalig") == "1.500"
        assert "Trägerschaft" not in text(app, "#board-flags")
        figures = app.query_one("#board-figures", DataTable)
        assert str(figures.get_cell("luecke_einmalig", "r1")) == "6.500 €"

        # The trainer moves to round 2: it waits for the city, which submits first.
        await pilot.press("n")
        state = json.loads((tmp_path / STATE_FILE).read_text(encoding="utf-8"))
        assert state["round"] == 1 and state["canvas"] == "planspiel_fahrradgarage"
        assert "Runde 2 von 3" in text(app, "#board-title")
        assert "0 von 5 haben abgegeben" in text(app, "#board-status")
        assert "wartet auf: Stadt" in text(app, "#board-status")
        group_play.offer(fillings["stadt"], 1, {"stand": "angebot", "geld_einmalig": 2000})
        await until(app, lambda: "0 von 5" not in text(app, "#board-status"))
        assert "1 von 5 haben abgegeben" in text(app, "#board-status")
        assert "wartet auf" not in text(app, "#board-status")
        assert "Die Stadt finanziert mit und genehmigt zugleich." in text(app, "#board-flags")
        assert str(figures.get_cell("luecke_einmalig", "r2")) == "12.000 €"

        # Back one round, and no further than the first.
        await pilot.press("b")
        await pilot.press("b")
        assert "Runde 1 von 3" in text(app, "#board-title")
        assert "erste Runde" in text(app, "#board-status")


async def test_an_empty_folder_says_so(tmp_path: Path) -> None:
    app = BoardApp(tmp_path, group_play.CANVAS, "planspiel_fahrradgarage", "en")
    async with app.run_test(size=(80, 24)):
        await next_reading(app)
        assert "Round 1 of 3" in text(app, "#board-title")
        assert "0 of 0 have submitted" in text(app, "#board-status")
        assert "not played: City, District" in text(app, "#board-status")


async def test_a_value_outside_its_bounds_is_struck_named_and_not_summed(tmp_path: Path) -> None:
    fillings = {role: group_play.join(tmp_path, role) for role in group_play.PLAYERS}
    for role, answers in group_play.OFFERS[0].items():
        group_play.offer(fillings[role], 0, answers)
    path = fillings["bezirk"].path
    assert path is not None
    text_before = path.read_text(encoding="utf-8")
    path.write_text(
        text_before.replace("runde_1.geld_einmalig: 4000", "runde_1.geld_einmalig: 1000000000"),
        encoding="utf-8",
    )
    shutil.copy(fillings["verein"].path or "", tmp_path / "kopie.yaml")
    group_play.revealed_first_round(tmp_path)
    app = BoardApp(tmp_path, group_play.CANVAS, "planspiel_fahrradgarage", "de")
    async with app.run_test(size=(120, 40)):
        await next_reading(app)
        # Housing 2,000 + the association 500 twice (the copied file counts and is named).
        assert cell(app, "total", "einmalig") == "3.000"
        assert cell(app, fillings["bezirk"].draft.id, "einmalig") == "✗ 1.000.000.000"
        notes = text(app, "#board-notes")
        assert "Nicht mitgezählt: Bernd Bezirk" in notes and "1.000.000.000" in notes
        assert "kopie.yaml" in notes
        assert "6 von 6 haben abgegeben" in text(app, "#board-status")


async def test_a_party_that_walked_away_is_marked_and_not_summed(tmp_path: Path) -> None:
    fillings = {role: group_play.join(tmp_path, role) for role in group_play.PLAYERS}
    for role, answers in group_play.OFFERS[0].items():
        group_play.offer(fillings[role], 0, answers)
    group_play.offer(fillings["verein"], 0, {"stand": "ausstieg"})
    group_play.offer(fillings["nutzende"], 0, {"geld_einmalig": 686.5})
    group_play.revealed_first_round(tmp_path)
    app = BoardApp(tmp_path, group_play.CANVAS, "planspiel_fahrradgarage", "de")
    async with app.run_test(size=(80, 24)):
        await next_reading(app)
        key = fillings["verein"].draft.id
        assert cell(app, key, "party") == "Verein (ausgestiegen)"
        assert cell(app, key, "einmalig") == "500"  # kept in its row, struck
        # District 4,000 + housing 2,000 + users 686.50; the association's 500 no longer
        # counts. Money to the cent, rounded half up (it read "7.186" before).
        assert cell(app, fillings["nutzende"].draft.id, "einmalig") == "686,50"
        assert cell(app, "total", "einmalig") == "6.686,50"
        figures = app.query_one("#board-figures", DataTable)
        assert str(figures.get_cell("luecke_einmalig", "r1")) == "7.313,50 €"
        assert "ausgestiegen: Verein" in text(app, "#board-status")


def columns(app: BoardApp) -> list[str]:
    table = app.query_one("#board-table", DataTable)
    return [str(key.value) for key in table.columns]


async def test_the_board_lays_itself_out_again_when_the_terminal_is_resized(
    tmp_path: Path,
) -> None:
    group_play.play_all(tmp_path)
    group_play.revealed_first_round(tmp_path)
    app = BoardApp(tmp_path, group_play.CANVAS, "planspiel_fahrradgarage", "de")
    async with app.run_test(size=(120, 40)) as pilot:
        await next_reading(app)
        wide = columns(app)
        assert "aufgaben" in wide and "defizit" in wide
        await pilot.resize_terminal(80, 24)
        # No draft changed: the narrow layout must come from the resize alone.
        narrow = columns(app)
        assert "aufgaben" not in narrow
        assert "defizit" in narrow and "sachwert" in narrow
        table = app.query_one("#board-table", DataTable)
        assert sum(c.get_render_width(table) for c in table.columns.values()) <= 80
        await pilot.resize_terminal(120, 40)
        assert columns(app) == wide


async def test_the_board_records_submissions_and_names_changes_and_early_offers(
    tmp_path: Path,
) -> None:
    fillings = {role: group_play.join(tmp_path, role) for role in group_play.PLAYERS}
    app = BoardApp(tmp_path, group_play.CANVAS, "planspiel_fahrradgarage", "de")
    async with app.run_test(size=(120, 40)) as pilot:
        await next_reading(app)
        await pilot.press("n")  # round 2: the city commits first
        await until(app, lambda: "Runde 2 von 3" in text(app, "#board-title"))
        group_play.offer(fillings["verein"], 1, {"stand": "angebot", "geld_einmalig": 500})
        await until(app, lambda: "vor Stadt abgegeben: Verein" in text(app, "#board-status"))
        group_play.offer(fillings["stadt"], 1, {"stand": "angebot", "geld_einmalig": 2000})
        await until(app, lambda: "wartet auf" not in text(app, "#board-status"))
        assert "vor Stadt abgegeben: Verein" in text(app, "#board-status")  # it stays on record
        assert "geändert" not in text(app, "#board-status")
        group_play.offer(fillings["stadt"], 1, {"geld_einmalig": 3000})
        await until(app, lambda: "nach Abgabe geändert (✎): Stadt" in text(app, "#board-status"))
        assert cell(app, fillings["stadt"].draft.id, "party") == "Stadt (Erika Amt) ✎"
    record = [json.loads(line) for line in (tmp_path / RECORD_FILE).read_text().splitlines()]
    seen = [(e["round"], e["member"], e["event"], e["early"]) for e in record]
    assert seen == [
        ("r2", fillings["verein"].draft.id, "submitted", True),
        ("r2", fillings["stadt"].draft.id, "submitted", False),
        ("r2", fillings["stadt"].draft.id, "changed", False),
    ]
    assert all(e["time"] for e in record)


async def test_a_sealed_round_shows_who_submitted_and_nothing_else_until_revealed(
    tmp_path: Path,
) -> None:
    fillings = {role: group_play.join(tmp_path, role) for role in group_play.PLAYERS}
    for role, answers in group_play.OFFERS[0].items():
        group_play.offer(fillings[role], 0, answers)
    app = BoardApp(tmp_path, group_play.CANVAS, "planspiel_fahrradgarage", "de")
    async with app.run_test(size=(120, 40)) as pilot:
        await next_reading(app)
        assert "5 von 5 haben abgegeben" in text(app, "#board-status")
        assert "verdeckt" in text(app, "#board-status")
        assert columns(app) == ["party", "submitted"]
        assert cell(app, fillings["bezirk"].draft.id, "submitted") == "✓"
        table = app.query_one("#board-table", DataTable)
        shown = " ".join(str(c) for key in table.rows for c in table.get_row(key))
        assert "4.000" not in shown and "Angebot" not in shown and "Σ" not in shown
        assert "Trägerschaft" not in text(app, "#board-flags")
        figures = app.query_one("#board-figures", DataTable)
        assert str(figures.get_cell("luecke_einmalig", "r1")) == "verdeckt"

        await pilot.press("a")
        assert cell(app, "total", "einmalig") == "6.500"
        assert str(figures.get_cell("luecke_einmalig", "r1")) == "7.500 €"
        assert "Niemand übernimmt die Trägerschaft" in text(app, "#board-flags")
        state = json.loads((tmp_path / STATE_FILE).read_text(encoding="utf-8"))
        assert state["revealed"] == [0]

        await pilot.press("n", "a")  # round 2 is open: nothing to reveal
        assert "nichts aufzudecken" in text(app, "#board-status")


async def test_a_round_that_cannot_be_kept_is_said_in_words_not_as_a_code(tmp_path: Path) -> None:
    (tmp_path / STATE_FILE).mkdir()  # a folder where the round's file should be
    app = BoardApp(tmp_path, group_play.CANVAS, "planspiel_fahrradgarage", "en")
    async with app.run_test(size=(120, 24)) as pilot:
        await next_reading(app)
        await pilot.press("n")
        await pilot.pause()
        status = text(app, "#board-status")
        assert "The round could not be saved:" in status, status
        assert "is not an ordinary file" in status and "save_" not in status, status
