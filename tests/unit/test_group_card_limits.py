"""Offers beyond a role's card are named: the city offering 5,000 € (card: at most 2,000) or the
users at 16 € a month (walk-away: above 15) – declared in the canvas as `group.limits`."""

from __future__ import annotations

from pathlib import Path

from kosi_tui.report.debrief import build_debrief
from kosi_tui.report.formats import write_document
from kosi_tui.report.game import load_game, notices
from tests import group_play
from tests.unit.test_group_checks import problems


def test_offers_beyond_the_cards_are_named_and_still_counted(tmp_path: Path) -> None:
    city = group_play.join(tmp_path, "stadt")
    users = group_play.join(tmp_path, "nutzende")
    housing = group_play.join(tmp_path, "wohnen")
    group_play.offer(city, 0, {"stand": "angebot", "geld_einmalig": 5000})
    # 16 € a month for twelve spaces: 16 × 12 × 12 = 2,304 € a year.
    group_play.offer(users, 0, {"stand": "angebot", "geld_laufend": 16 * 12 * 12})
    group_play.offer(housing, 0, {"stand": "angebot", "geld_einmalig": 3000})  # just within
    game = load_game(tmp_path, "de")
    r1 = game.rounds(0)[0]
    beyond = [(row.role.id if row.role else None, limit.when) for row, limit in r1.beyond]
    assert beyond == [
        ("stadt", "round.geld_einmalig > 2000"),
        ("nutzende", "round.geld_laufend > 15 * 12 * 12"),
    ]
    assert r1.figures["einmalig"] == 8000  # named, not left out
    text = "\n".join(notices(game, r1, "de"))
    assert "Über die Rollenkarte hinaus (zählt mit): Stadt (Erika Amt) – mehr als 2.000 €" in text
    assert "Nutzende (Nils Nutzer) – mehr als 15 € im Monat je Platz" in text
    debrief = write_document(build_debrief(game, "de", upto=0), "md")
    assert isinstance(debrief, str) and "Stadt (Erika Amt) – mehr als 2.000 €" in debrief


def test_the_sample_game_goes_beyond_one_card_in_round_3(tmp_path: Path) -> None:
    group_play.play_all(tmp_path)
    results = load_game(tmp_path, "de").rounds()
    assert [r.beyond for r in results[:2]] == [[], []]
    assert [(row.member.name, limit.role) for row, limit in results[2].beyond] == [
        ("Wiebke Wohnen", "wohnen")  # 3,100 € where the board decides alone up to 3,000 €
    ]


def test_a_limit_for_an_unknown_role_is_named(tmp_path: Path) -> None:
    found = problems(tmp_path, "    - role: radladen\n", "    - role: radlade\n")
    assert len(found) == 1 and "unknown_role" in found[0]
