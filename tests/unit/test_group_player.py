"""A participant's side of the game (core/group_player.py, faces/game_player.py): the role card,
the board's round, a new round prefilled from the offer given in the last one, and the card's
limits said as the offer is typed – the same for every face; here through plain mode."""

from __future__ import annotations

import io
from pathlib import Path

from kosi_tui.core.group_player import beyond_card, carried_over, carry_over, player_view
from kosi_tui.faces.filling import Filling
from kosi_tui.faces.plain import start_plain
from kosi_tui.storage.game_record import append_record
from kosi_tui.storage.round_state import RoundState, current_round, write_state
from tests import group_play


def first_round_given(folder: Path) -> Filling:
    """The city's player has given in a first offer of 1,500 € and 12 m²."""
    stadt = group_play.join(folder, "stadt")
    group_play.offer(stadt, 0, {"stand": "angebot", "geld_einmalig": 1500, "flaeche_m2": 12})
    return stadt


def test_a_new_round_starts_from_the_offer_given_in_the_last(tmp_path: Path) -> None:
    stadt = first_round_given(tmp_path)
    session = stadt.session
    carried = carry_over(session, "runde_2")
    assert carried == {
        "runde_2.stand": "angebot",
        "runde_2.geld_einmalig": 1500,
        "runde_2.flaeche_m2": 12,
    }  # fmt: skip  (never "abgeben": the new round is given in by the participant)
    assert carry_over(session, "runde_1") == {}  # the first round has none before it
    assert carry_over(session, "runde_3") == {}  # round 2 was not given in
    for key, value in carried.items():
        stadt.set_answer(key, value)
    assert carry_over(stadt.session, "runde_2") == {}  # never over answers already there
    assert sorted(carried_over(stadt.session, "runde_2")) == sorted(carried)
    stadt.set_answer("runde_2.geld_einmalig", 2500)
    assert "runde_2.geld_einmalig" not in carried_over(stadt.session, "runde_2")
    assert [str(limit.message) for limit in beyond_card(stadt.session, "runde_2")] == [
        str(group_play.canvas().canvas.group.limits[0].message)  # type: ignore[union-attr]
    ]
    stadt.set_answer("runde_2.stand", "ausstieg")  # a party that walked away is never flagged
    assert beyond_card(stadt.session, "runde_2") == []


def test_an_offer_not_given_in_is_not_carried(tmp_path: Path) -> None:
    stadt = group_play.join(tmp_path, "stadt")
    group_play.offer(stadt, 0, {"stand": "angebot", "geld_einmalig": 1500}, submit=False)
    assert carry_over(stadt.session, "runde_2") == {}


def test_the_view_names_role_round_and_the_events_for_the_role(tmp_path: Path) -> None:
    from kosi_tui.core.group_record import event_entry

    folder = tmp_path / "ws"
    folder.mkdir()
    loaded = group_play.canvas()
    group = loaded.canvas.group
    assert group is not None
    wohnen = Filling.start(loaded, "Genossenschaft", "Wiebke", "de", folder=folder)
    wohnen.set_answer("rolle.rolle", "wohnen")
    assert current_round(folder, "planspiel_fahrradgarage") is None
    write_state(folder, RoundState("planspiel_fahrradgarage", 1))
    assert current_round(folder, "planspiel_fahrradgarage") == 1
    assert current_round(folder, "anderes_spiel") is None
    # "presse" is for the city and the district only; the funds cut for everyone.
    append_record(folder, [event_entry(group, 1, e) for e in group.events])
    from kosi_tui.storage.game_record import read_record

    view = player_view(wohnen.session, "runde_2", 1, read_record(folder))
    assert view is not None and view.role is not None and view.role.id == "wohnen"
    assert (view.board_round, view.section_round, view.rounds) == (1, 1, 3)
    assert [(p.round, p.event.id) for p in view.events] == [(1, "bezirksmittel"), (1, "warteliste")]


def test_plain_mode_shows_the_card_carries_the_offer_over_and_warns_beyond_it(
    tmp_path: Path,
) -> None:
    stadt = first_round_given(tmp_path)
    write_state(tmp_path, RoundState("planspiel_fahrradgarage", 1))
    stadt.set_position("runde_2", "stand")
    group_play.save(stadt)
    stadt.close()
    path = stadt.path
    lines = ["", "3000", ":q"]  # keep the carried status, then 3,000 € once (card: 2,000)
    queue = [line + "\n" for line in lines]
    out = io.StringIO()
    start_plain(Filling.open(path), "de", lambda: queue.pop(0) if queue else None, out)
    text = out.getvalue()
    role = "Ihre Rolle: Stadt Musterstadt: Tiefbauamt und Straßenverkehrsbehörde"
    assert f"{role} · Spieltafel: Runde 2 von 3" in text
    assert "Das wissen nur Sie: In vier Jahren wird die Straße aufgerissen." in text
    assert "Aus Runde 1 übernommen: 3 Antworten." in text
    assert "Bisherige Antwort: Angebot" in text
    assert "Bisherige Antwort: 1.500,00 €" in text
    assert (
        "✓ Erfasst: 3.000,00 €\n⚠ Über Ihre Rollenkarte hinaus: mehr als 2.000 € einmalig" in text
    )
    saved = Filling.open(path)
    assert saved.session.answers["runde_2.geld_einmalig"] == 3000
    assert saved.session.answers["runde_2.flaeche_m2"] == 12  # carried, kept, saved
    assert "runde_2.abgeben" not in saved.session.answers
    saved.close()


def test_the_role_questions_help_points_to_what_every_face_shows() -> None:
    # The help said the role stood 'oben auf Ihrer Rollenkarte' (paper only); every face now
    # shows it above the questions and names the whole card 'Rollenkarte' (the terminal's strip
    # 'F4: Rollenkarte' and palette, the browser's link, plain mode's heading) – and no face's
    # key is named in the canvas.
    import re

    from kosi_tui.core.text import localize
    from kosi_tui.i18n import t

    compiled = group_play.canvas().compiled
    question = compiled.questions["rolle.rolle"].question
    assert question.help is not None
    for lang, name in (("de", "Rollenkarte"), ("en", "Role card")):
        help_text = localize(question.help, lang)
        assert f"„{name}“" in help_text or f"“{name}”" in help_text, help_text
        assert not re.search(r"\b(F\d+|Strg|Ctrl|Taste|key)\b", help_text), help_text
        assert t("ui.cmd_role_card", lang) == name  # the terminal's palette
        assert name.lower() in t("game.card_key", lang).lower()  # the terminal's strip (F4)
        assert name.lower() in t("web.role_card_link", lang).lower()  # the browser's link
        assert name.lower().split()[-1] in t("plain.game_card", lang).lower()  # plain mode


def test_plain_mode_says_a_round_the_board_has_not_reached_or_has_left(tmp_path: Path) -> None:
    # The same notes as the terminal app and the browser beside a round's questions.
    stadt = first_round_given(tmp_path)
    write_state(tmp_path, RoundState("planspiel_fahrradgarage", 0))
    stadt.set_position("runde_2", "stand")
    group_play.save(stadt)
    stadt.close()
    queue = [":q\n"]
    out = io.StringIO()
    start_plain(Filling.open(stadt.path), "de", lambda: queue.pop(0) if queue else None, out)
    assert "Diese Runde hat noch nicht begonnen." in out.getvalue()
    write_state(tmp_path, RoundState("planspiel_fahrradgarage", 2))
    queue = [":q\n"]
    out = io.StringIO()
    start_plain(Filling.open(stadt.path), "de", lambda: queue.pop(0) if queue else None, out)
    assert "Die Spieltafel ist schon weiter." in out.getvalue()
