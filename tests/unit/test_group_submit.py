"""An explicit "Angebot abgeben?" per round (declared in the canvas as `group.submitted`) is what
the board counts as submitted – not a status answered before any amount is typed – and what the
round's "commits first" waits for."""

from __future__ import annotations

from pathlib import Path

from kosi_tui.report.game import load_game
from tests import group_play


def test_an_offer_counts_as_submitted_only_once_it_is_given_in(tmp_path: Path) -> None:
    city = group_play.join(tmp_path, "stadt")
    users = group_play.join(tmp_path, "nutzende")
    # Round 2: the city commits first. Status and amount typed, not yet given in.
    group_play.offer(city, 1, {"stand": "angebot", "geld_einmalig": 2000}, submit=False)
    group_play.offer(users, 1, {"stand": "angebot"}, submit=False)
    game = load_game(tmp_path, "de")
    group = game.compiled.canvas.group
    assert group is not None
    r2 = game.rounds(1)[1]
    assert r2.submitted == []
    assert [r.id for r in r2.waiting_for(group)] == ["stadt"]
    # "Nein" is not given in either.
    group_play.offer(city, 1, {"abgeben": False}, submit=False)
    assert load_game(tmp_path, "de").rounds(1)[1].submitted == []
    # "Ja": the city has submitted, the round no longer waits for it.
    group_play.offer(city, 1, {"abgeben": True}, submit=False)
    r2 = load_game(tmp_path, "de").rounds(1)[1]
    assert [r.member.name for r in r2.submitted] == ["Erika Amt"]
    assert r2.waiting_for(group) == []
    # Its money counts whether given in or not: the table shows what is on it.
    assert r2.figures["einmalig"] == 2000
