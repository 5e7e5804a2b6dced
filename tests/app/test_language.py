"""Switching German/English while filling: canvas texts, interface and footer follow at once, and
nothing typed is lost."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from textual.widgets import Button, Input, Label, Static

from kosi_tui.core.numbers import format_date
from kosi_tui.faces.tui.app import KosiApp
from kosi_tui.faces.tui.dialogs.row_dialog import RowDialog
from kosi_tui.faces.tui.screens.home import HomeScreen
from kosi_tui.faces.tui.widgets.question import QuestionWidget
from kosi_tui.faces.tui.widgets.table_question import TableQuestion
from kosi_tui.storage.draft_file import load_draft
from tests.app.driver import EXAMPLE, example_at, footer_words, fully_visible, type_text


async def test_switching_language_keeps_answers_and_relabels_everything(tmp_path: Path) -> None:
    async with example_at(tmp_path, "basis.organisation") as (pilot, screen):
        app = pilot.app
        assert isinstance(app, KosiApp)
        field = app.focused
        assert isinstance(field, Input)
        await type_text(pilot, " und mehr")
        typed = field.value
        assert {"Weiter", "Zurück"} <= footer_words(app.screen)
        app.lang = "en"
        await pilot.pause()
        assert {"Next", "Back"} <= footer_words(app.screen)
        assert not {"Weiter", "Zurück"} & footer_words(app.screen)
        widget = next(w for w in screen.query(QuestionWidget) if w.key == "basis.organisation")
        assert widget.lang == "en"
        assert str(screen.query_one("#section-title", Static).render()) == "1. Basics"
        assert screen.filling.session.answers["basis.organisation"] == typed
        assert widget.query_one(Input).value == typed


async def test_the_row_form_follows_a_switch_and_keeps_what_was_typed(tmp_path: Path) -> None:
    async with example_at(tmp_path, "risiken.top") as (pilot, screen):
        screen.query_one("#q-risiken--top", TableQuestion).add_row()
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, RowDialog)
        await type_text(pilot, "Regen")
        assert "Übernehmen" in footer_words(dialog)
        dialog.app.lang = "en"
        await pilot.pause()
        assert str(dialog.query_one("#label-risiko", Label).render()).startswith("Risk")
        assert str(dialog.query_one("#accept", Button).label) == "Accept"
        assert {"Accept", "Cancel"} <= footer_words(dialog)
        assert dialog.query_one("#col-risiko", Input).value == "Regen"


async def test_the_start_page_keeps_the_focus_in_its_list_across_a_switch(kosi_home: Path) -> None:
    (kosi_home / "drafts").mkdir(parents=True)
    shutil.copy(EXAMPLE, kosi_home / "drafts" / "musterstadt.yaml")
    app = KosiApp("de")
    async with app.run_test(size=(100, 40)) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        await home.load()
        home.query_one("#drafts").focus()
        app.lang = "en"
        await pilot.pause()
        await home.load()
        assert str(home.query_one("#home-title", Static).render()).startswith("kosi – canvases")
        assert app.focused is not None and app.focused.id == "drafts"


async def test_a_switch_keeps_every_widget_its_focus_scroll_and_unsent_text(
    tmp_path: Path,
) -> None:
    # The entry line of a list holds text until Enter adds it: nothing of it is in the draft yet.
    async with example_at(tmp_path, "anlass.weitere_themen", size=(80, 24)) as (pilot, screen):
        app = pilot.app
        assert isinstance(app, KosiApp)
        if not isinstance(app.focused, Input):  # from the items entered so far to the entry line
            await pilot.press("tab")
        entry = app.focused
        assert isinstance(entry, Input)
        await type_text(pilot, "Kita am Markt")
        widgets = list(screen.query(QuestionWidget))
        main = screen.query_one("#main")
        scrolled = main.scroll_offset
        assert scrolled.y > 0  # the list is the last question: the section is scrolled
        app.lang = "en"
        await pilot.pause()
        assert list(screen.query(QuestionWidget)) == widgets  # the same widgets, not new ones
        assert app.focused is entry
        assert entry.value == "Kita am Markt"
        assert entry.placeholder == "New item – press Enter to add"
        # Not back at the top as a section built again is: the entry line is where it was, in
        # view (the texts above it changed their length).
        assert main.scroll_offset.y > 0 and abs(main.scroll_offset.y - scrolled.y) < 10
        assert fully_visible(entry)
        label = widgets[-1].query_one(".question-label", Static)
        assert str(label.render()).startswith("Which topics should come to the lab")
        assert (
            str(screen.query_one("#section-title", Static).render()) == "2. Occasion and challenge"
        )


async def test_a_number_and_a_date_are_written_the_new_languages_way_with_their_values(
    tmp_path: Path,
) -> None:
    async with example_at(tmp_path, "basis.einwohner") as (pilot, screen):
        app = pilot.app
        assert isinstance(app, KosiApp)
        number = screen.query_one("#q-basis--einwohner", QuestionWidget).query_one(Input)
        day = screen.query_one("#q-basis--datum", QuestionWidget).query_one(Input)
        assert (number.value, day.value) == ("120.000", "15.03.2027")
        app.lang = "en"
        await pilot.pause()
        # As typed in German, read in English, 120.000 would be a hundred and twenty.
        assert number.value == "120,000"
        assert day.value == format_date(dt.date(2027, 3, 15), "en")
        answers = screen.filling.session.answers
        assert (answers["basis.einwohner"], answers["basis.datum"]) == (
            120000,
            dt.date(2027, 3, 15),
        )
        hint = screen.query_one("#q-basis--datum", QuestionWidget).query_one(".question-hint")
        assert "Monday" in str(hint.render())


async def test_the_chosen_language_is_saved_with_the_draft(tmp_path: Path) -> None:
    """The draft reopens, and its report is written, in the language chosen last; a switch and
    quitting at once kept the old one (the switch was not a change to save)."""
    async with example_at(tmp_path, "basis.organisation") as (pilot, screen):
        path = screen.filling.path
        await screen.save_now(always=True)  # nothing else left to save: only the switch
        assert not screen.filling.dirty
        assert load_draft(path).lang == "de"
        app = pilot.app
        assert isinstance(app, KosiApp)
        app.lang = "en"
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert load_draft(path).lang == "en"
