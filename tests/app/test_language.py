"""Switching German/English while filling: canvas texts, interface and footer follow at once, and
nothing typed is lost."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from kosi_tui.faces.tui.app import KosiApp
from kosi_tui.faces.tui.widgets.question import QuestionWidget
from tests.app.driver import example_at, footer_words, type_text


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
