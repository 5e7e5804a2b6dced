"""Switching German/English while filling: canvas texts, interface and footer follow at once, and
nothing typed is lost."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Button, Input, Label, Static

from kosi_tui.faces.tui.app import KosiApp
from kosi_tui.faces.tui.dialogs.row_dialog import RowDialog
from kosi_tui.faces.tui.screens.home import HomeScreen
from kosi_tui.faces.tui.widgets.question import QuestionWidget
from kosi_tui.faces.tui.widgets.table_question import TableQuestion
from tests.app.driver import EXAMPLE, example_at, footer_words, type_text


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
