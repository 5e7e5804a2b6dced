"""The served board says what the terminal board says: who walked away, roles nobody plays, and
the values and files the figures leave out (it named none of them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kosi_tui.report.game import load_game
from kosi_tui.storage.round_state import read_state
from tests import group_play

pytest.importorskip("aiohttp", reason="the served board needs the serve extra")


def test_the_served_board_names_what_the_figures_leave_out(tmp_path: Path) -> None:
    from kosi_tui.faces.serve.board_page import board_fragment

    fillings = {role: group_play.join(tmp_path, role) for role in ("bezirk", "verein", "wohnen")}
    group_play.offer(fillings["bezirk"], 0, {"stand": "angebot", "geld_einmalig": 4000})
    group_play.offer(fillings["wohnen"], 0, {"stand": "angebot", "geld_einmalig": 2000})
    group_play.offer(fillings["verein"], 0, {"stand": "ausstieg", "geld_einmalig": 500})
    path = fillings["bezirk"].path
    assert path is not None
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("geld_einmalig: 4000", "geld_einmalig: 1000000000"), "utf-8")
    (tmp_path / "kaputt.yaml").write_text("answers: [\n", encoding="utf-8")
    group_play.revealed_first_round(tmp_path)
    state = read_state(tmp_path)
    page = board_fragment(load_game(tmp_path, "de", group_play.CANVAS), state, "de")
    assert "ausgestiegen: Verein" in page
    assert "unbesetzt: Stadt, Nutzende, Radladen" in page
    assert "Nicht mitgezählt: Bernd Bezirk – „Wie viel Geld" in page and "1.000.000.000" in page
    assert "Nicht im Spiel: kaputt.yaml" in page
    # Only the housing cooperative's 2,000 € count: the district's value and the association.
    assert "<td class=n>2.000</td>" in page.split('class="total"')[1].split("</tr>")[0]


def test_the_served_board_keeps_the_record_too(tmp_path: Path) -> None:
    from kosi_tui.faces.board.record import RECORD_FILE, keep_record
    from kosi_tui.faces.serve.board_page import board_fragment
    from kosi_tui.storage.round_state import RoundState

    fillings = {role: group_play.join(tmp_path, role) for role in ("stadt", "verein")}
    state = RoundState("planspiel_fahrradgarage", 1)  # round 2: the city commits first
    group_play.offer(fillings["verein"], 1, {"stand": "angebot", "geld_einmalig": 500})
    game = load_game(tmp_path, "de", group_play.CANVAS)
    record = keep_record(tmp_path, game, state)
    assert [(e.event, e.early) for e in record] == [("submitted", True)]
    assert "vor Stadt abgegeben: Verein" in board_fragment(game, state, "de", record)
    # Read again with nothing new: nothing is added.
    assert keep_record(tmp_path, game, state) == record
    assert len((tmp_path / RECORD_FILE).read_text(encoding="utf-8").splitlines()) == 1


def test_the_served_board_keeps_a_sealed_round_sealed(tmp_path: Path) -> None:
    from kosi_tui.faces.serve.board_page import board_fragment

    fillings = {role: group_play.join(tmp_path, role) for role in ("bezirk", "wohnen")}
    group_play.offer(fillings["bezirk"], 0, {"stand": "angebot", "geld_einmalig": 4000})
    group_play.offer(fillings["wohnen"], 0, {"stand": "angebot", "geld_einmalig": 3500})
    game = load_game(tmp_path, "de", group_play.CANVAS)
    page = board_fragment(game, None, "de")
    assert "2 von 2 haben abgegeben" in page and "verdeckt" in page
    assert "<td>Bezirk (Bernd Bezirk)</td><td>✓</td>" in page
    # No amount, sum, flag, figure or card limit (the cooperative's 3,500 € is beyond its card).
    for secret in ("4.000", "7.500", "Rollenkarte", "Einmalige Zusagen", "Trägerschaft"):
        assert secret not in page, secret
    group_play.revealed_first_round(tmp_path)
    page = board_fragment(game, read_state(tmp_path), "de")
    assert "7.500" in page and "Rollenkarte" in page and "Einmalige Zusagen" in page
