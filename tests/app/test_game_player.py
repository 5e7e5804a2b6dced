"""The role on the participant's screen in the app (issue 24, item 4): the role card behind F4
with its private side, the board's round, a new round prefilled from the last round's offer and
marked, and a bar when the offer goes beyond the card – at 80x24, scrolled to the end."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kosi_tui.faces.filling import Filling
from kosi_tui.faces.tui.app import KosiApp, Start
from kosi_tui.faces.tui.dialogs.message_dialog import MessageDialog
from kosi_tui.faces.tui.widgets.question import QuestionWidget
from kosi_tui.faces.tui.widgets.role_card import CardWarning, GameStrip
from kosi_tui.storage.round_state import RoundState, write_state
from tests import group_play
from tests.app.driver import fill_screen, fully_visible, tab_to, type_text


async def test_the_participant_sees_role_round_carried_offer_and_card_limits(
    tmp_path: Path,
) -> None:
    stadt = group_play.join(tmp_path, "stadt")
    group_play.offer(stadt, 0, {"stand": "angebot", "geld_einmalig": 1500, "flaeche_m2": 12})
    stadt.set_position("runde_2", "stand")
    group_play.save(stadt)
    stadt.close()
    write_state(tmp_path, RoundState("planspiel_fahrradgarage", 1))
    app = KosiApp("de", Start("draft", stadt.path))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = fill_screen(pilot)
        await screen.ready.wait()
        await app.workers.wait_for_complete()
        await pilot.pause()
        answers = screen.filling.session.answers
        assert answers["runde_2.geld_einmalig"] == 1500  # prefilled, not retyped
        assert "runde_2.abgeben" not in answers  # given in only by the participant
        strip = str(screen.query_one(GameStrip).render())
        assert "Ihre Rolle: Stadt · Spieltafel: Runde 2 von 3 · F4: Rollenkarte" in strip
        # The role question's help sends people to 'Rollenkarte': the palette has it as well.
        command = next(c for c in app.get_system_commands(screen) if c.title == "Rollenkarte")
        command.callback()
        await pilot.pause()
        assert isinstance(app.screen, MessageDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert "↻ Aus Runde 1 übernommen (links markiert): 3 Antworten" in strip
        money = next(w for w in screen.query(QuestionWidget) if w.key == "runde_2.geld_einmalig")
        assert money.has_class("-carried")
        warning = screen.query_one(CardWarning)
        assert not warning.display
        await tab_to(pilot, money)
        await pilot.press("end", *["backspace"] * 8)
        await type_text(pilot, "2500")
        await pilot.pause()
        assert not money.has_class("-carried")
        assert warning.display
        assert "mehr als 2.000 € einmalig" in str(warning.render())
        main = screen.query_one("#main")
        main.scroll_end(animate=False)
        await pilot.pause()
        assert fully_visible(warning)  # the note stays on screen wherever the view is
        await pilot.press("f4")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, MessageDialog)
        card = "\n".join(dialog.lines)
        assert "Was Sie einbringen können: Den Stellplatz (12 m²)" in card
        assert "Das wissen nur Sie: In vier Jahren wird die Straße aufgerissen." in card
        await pilot.press("escape")
        await pilot.press("ctrl+q")
        await pilot.pause()
    saved = Filling.open(stadt.path)
    assert saved.session.answers["runde_2.geld_einmalig"] == 2500
    assert saved.session.answers["runde_2.flaeche_m2"] == 12
    saved.close()


async def test_f4_is_neither_shown_nor_taken_outside_a_game(tmp_path: Path) -> None:
    from tests.app.driver import example_at, footer_words

    async with example_at(tmp_path, "basis.organisation", size=(80, 24)) as (pilot, screen):
        assert "Rolle" not in footer_words(screen)
        assert not screen.query_one(GameStrip).display
        await pilot.press("f4")
        await pilot.pause()
        assert pilot.app.screen is screen


async def test_an_event_card_played_on_the_board_reaches_the_participants_screen(
    tmp_path: Path,
) -> None:
    import asyncio

    from kosi_tui.core.group_record import event_entry
    from kosi_tui.storage.game_record import append_record

    bezirk = group_play.join(tmp_path, "bezirk")
    group_play.offer(bezirk, 0, {"stand": "angebot", "geld_einmalig": 4000})
    bezirk.set_position("runde_2", "stand")
    group_play.save(bezirk)
    bezirk.close()
    write_state(tmp_path, RoundState("planspiel_fahrradgarage", 1))
    app = KosiApp("de", Start("draft", bezirk.path))
    said: list[str] = []
    real_notify = app.notify

    def notify(message: str, **kwargs: Any) -> None:
        said.append(f"{kwargs.get('title')}: {message}")
        real_notify(message, **kwargs)

    app.notify = notify  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        screen = fill_screen(pilot)
        await screen.ready.wait()
        await app.workers.wait_for_complete()
        strip = screen.query_one(GameStrip)
        assert "Eilmeldung" not in str(strip.render())
        group = group_play.canvas().canvas.group
        assert group is not None
        assert append_record(tmp_path, [event_entry(group, 1, group.events[0])])
        strip._look()  # as the screen's next look (every 2 s) would
        deadline = asyncio.get_running_loop().time() + 15
        while "Bezirksmittel halbiert" not in str(strip.render()):
            assert asyncio.get_running_loop().time() < deadline, str(strip.render())
            await pilot.pause(0.05)  # the look reads the folder in a thread
        assert "Eilmeldung (Runde 2): Bezirksmittel halbiert – Der Rat kürzt" in str(strip.render())
        assert said == [
            "Eilmeldung: Bezirksmittel halbiert – Der Rat kürzt die"
            " Bezirksmittel für dieses Jahr um die Hälfte. Die Bezirksvertretung kann höchstens"
            " noch 3.000 € einmalig geben."
        ]
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, MessageDialog)
        assert "Ereigniskarten bisher:" in app.screen.lines
