"""Event cards: the canvas declares them (text, roles, from which round), the trainer plays them
from the board in order, the board and the served board show the one played in the round, the
record keeps when, and the debrief lists it. The Planspiel declares none yet; a copy does here."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from kosi_tui.core.group_record import next_event, played_events
from kosi_tui.faces.board.app import BoardApp
from kosi_tui.faces.board.record import RECORD_FILE, read_record
from kosi_tui.report.debrief import build_debrief
from kosi_tui.report.formats import write_document
from kosi_tui.report.game import load_game
from tests import group_play
from tests.unit.test_group_checks import problems


def canvas_with_events(tmp_path: Path) -> Path:
    """The Planspiel, which declares three event cards (two from round 2, one from round 3)."""
    del tmp_path
    return group_play.CANVAS


async def test_the_trainer_plays_event_cards_from_the_board(tmp_path: Path) -> None:
    canvas = canvas_with_events(tmp_path)
    folder = tmp_path / "ws"
    folder.mkdir()
    stadt = group_play.join(folder, "stadt")
    app = BoardApp(folder, canvas, "planspiel_fahrradgarage", "de")
    async with app.run_test(size=(120, 40)) as pilot:
        await asyncio.wait_for(app.updated.wait(), 10)
        await pilot.press("e")  # round 1: no card may be played yet
        assert "Keine Ereigniskarte mehr" in str(app.query_one("#board-status").render())
        await pilot.press("n", "e")
        banner = str(app.query_one("#board-event").render())
        assert banner == (
            "Eilmeldung: Bezirksmittel halbiert – Der Rat kürzt die Bezirksmittel für dieses Jahr"
            " um die Hälfte. Die Bezirksvertretung kann höchstens noch 3.000 € einmalig geben."
        )
        await pilot.press("e", "e")  # the second card, then none left in round 2
        assert "Presseanfrage" in str(app.query_one("#board-event").render())
        assert "(betrifft: Stadt, Bezirk)" in str(app.query_one("#board-event").render())
        assert "Keine Ereigniskarte mehr" in str(app.query_one("#board-status").render())
    record = read_record(folder)
    assert [(e.round, e.event, e.fingerprint) for e in record] == [
        ("r2", "event", "bezirksmittel"), ("r2", "event", "presse")
    ]  # fmt: skip
    assert (folder / RECORD_FILE).exists()
    game = load_game(folder, "de", canvas)
    group = game.compiled.canvas.group
    assert group is not None
    assert [ev.id for _, ev in played_events(group, record)] == ["bezirksmittel", "presse"]
    assert next_event(group, record, 1) is None
    assert next_event(group, record, 2) is not None  # "warteliste" from round 3
    group_play.offer(stadt, 1, {"stand": "angebot"})
    text = write_document(build_debrief(game, "de", record=record), "md")
    assert isinstance(text, str)
    assert "Runde 2: Ereigniskarte „Bezirksmittel halbiert“" in text
    pytest.importorskip("aiohttp")
    from kosi_tui.faces.serve.board_page import board_fragment
    from kosi_tui.storage.round_state import RoundState

    page = board_fragment(game, RoundState("planspiel_fahrradgarage", 1), "de", record)
    assert "Eilmeldung: Presseanfrage" in page


def test_an_event_card_for_a_round_the_game_lacks_is_named(tmp_path: Path) -> None:
    found = problems(tmp_path, "      from_round: 3\n", "      from_round: 4\n")
    assert len(found) == 1 and "event_round" in found[0]
