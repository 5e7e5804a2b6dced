"""The role on the participant's screen in the app (issue 24, item 4): the role card behind F4
with its private side, the board's round, a new round prefilled from the last round's offer and
marked, and a bar when the offer goes beyond the card – at 80x24, scrolled to the end."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from kosi_tui.faces.filling import Filling
from kosi_tui.faces.tui.app import KosiApp, Start
from kosi_tui.faces.tui.dialogs.message_dialog import MessageDialog
from kosi_tui.faces.tui.widgets.question import QuestionWidget
from kosi_tui.faces.tui.widgets.role_card import CardWarning, GameStrip, wrapped_height
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
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "Rollenkarte")
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
        # At 80x24 the strip says it short (the notice and F4 give the whole text).
        assert "Eilmeldung (Runde 2): Bezirksmittel halbiert\n… F4 zeigt alles" in str(
            strip.render()
        )
        assert said == [
            "Eilmeldung: Bezirksmittel halbiert – Der Rat kürzt die"
            " Bezirksmittel für dieses Jahr um die Hälfte. Die Bezirksvertretung kann höchstens"
            " noch 3.000 € einmalig geben."
        ]
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, MessageDialog)
        assert "Ereigniskarten bisher:" in app.screen.lines


async def test_the_strip_stays_in_view_and_short_at_80x24_with_several_event_cards(
    tmp_path: Path,
) -> None:
    # With two cards played and answers carried over, the strip took 10 lines inside the
    # scrolling questions: scrolled to the first question its top (the role) was off screen.
    from kosi_tui.core.group_record import event_entry
    from kosi_tui.storage.game_record import append_record

    bezirk = group_play.join(tmp_path, "bezirk")
    group_play.offer(bezirk, 0, {"stand": "angebot", "geld_einmalig": 4000})
    group_play.offer(bezirk, 1, {"stand": "angebot", "geld_einmalig": 3000})
    bezirk.set_position("runde_3", "stand")
    group_play.save(bezirk)
    bezirk.close()
    write_state(tmp_path, RoundState("planspiel_fahrradgarage", 2))
    group = group_play.canvas().canvas.group
    assert group is not None
    cards = [event_entry(group, 1, group.events[0]), event_entry(group, 1, group.events[1])]
    assert append_record(tmp_path, cards)
    for size, most in (((80, 24), 5), ((120, 40), 8)):
        app = KosiApp("de", Start("draft", bezirk.path))
        async with app.run_test(size=size) as pilot:
            screen = fill_screen(pilot)
            await screen.ready.wait()
            await app.workers.wait_for_complete()
            strip = screen.query_one(GameStrip)
            deadline = asyncio.get_running_loop().time() + 15
            while "Presseanfrage" not in str(strip.render()):  # the look reads in a thread
                assert asyncio.get_running_loop().time() < deadline, str(strip.render())
                await pilot.pause(0.05)
            await pilot.pause()
            screen.query_one("#main").scroll_end(animate=False)
            await pilot.pause()
            text = str(strip.render())
            assert text.startswith("Ihre Rolle: Bezirk · Spieltafel: Runde 3 von 3")
            assert fully_visible(strip) and strip.size.height <= most, (size, strip.size)
            # Not cut off below: as high as its text wraps to (a text given during a layout
            # kept the old height).
            width = strip.content_region.width
            assert strip.size.height == sum(wrapped_height(x, width) for x in text.split("\n"))
            if size == (80, 24):
                # Short: the newest card first, the rest behind F4.
                assert text.endswith(
                    "↻ 2 Antworten aus Runde 2 (links markiert)\n"
                    "Eilmeldung (Runde 2): Presseanfrage\n… F4 zeigt alles"
                ), text
                await pilot.press("f4")
                await pilot.pause()
                assert isinstance(app.screen, MessageDialog)
                shown = "\n".join(app.screen.lines)
                assert "Bezirksmittel halbiert – Der Rat kürzt" in shown
                assert "Presseanfrage – Die Lokalzeitung fragt" in shown
                await pilot.press("escape")
            else:
                assert "Bezirksmittel halbiert – Der Rat kürzt" in text
                assert "Presseanfrage – Die Lokalzeitung fragt" in text
                assert "F4 zeigt alles" not in text
            await pilot.press("ctrl+q")
            await pilot.pause()
