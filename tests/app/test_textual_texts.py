"""Textual's own texts speak the interface language, or are left out: one language on screen."""

from __future__ import annotations

import pytest
from textual.command import CommandInput, CommandPalette

from kosi_tui.faces.tui.app import KosiApp
from tests.app.driver import footer_words

ENGLISH_ONLY = {"Keys", "Maximize", "Minimize", "Screenshot", "Theme"}


@pytest.mark.parametrize(("lang", "palette", "placeholder"), [
    ("de", "Befehle", "Befehl suchen …"),
    ("en", "Commands", "Search for a command …"),
])  # fmt: skip
async def test_palette_key_and_search_line_in_the_interface_language(
    lang: str, palette: str, placeholder: str
) -> None:
    app = KosiApp(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        labels = footer_words(app.screen)
        assert palette in labels and "palette" not in labels
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(CommandInput).placeholder == placeholder


async def test_no_english_only_commands_in_a_german_app() -> None:
    app = KosiApp("de")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert not titles & ENGLISH_ONLY
        assert "Beenden" in titles
