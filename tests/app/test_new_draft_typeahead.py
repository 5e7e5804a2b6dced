"""The new-draft dialog: what is typed right after it opens lands in the fields it was meant for,
and organisation and name are remembered for the next draft."""

from __future__ import annotations

from pathlib import Path

from textual import events

from kosi_tui.faces.tui.app import KosiApp, Start, fill_screen_in
from kosi_tui.faces.tui.screens.fill import FillScreen
from kosi_tui.paths import bundled_canvases


def typed(text: str) -> list[events.Key]:
    names = {" ": "space", "\t": "tab", "\r": "enter"}
    return [events.Key(names.get(c, c), None if c in "\t\r" else c) for c in text]


CANVAS = bundled_canvases() / "innovationslabor.yaml"


async def test_organisation_tab_name_enter_typed_at_once(kosi_home: Path) -> None:
    app = KosiApp("de", Start("canvas", CANVAS))
    async with app.run_test(size=(80, 24)) as pilot:
        # All at once, as a terminal delivers fast typing: the keys arrive while the dialog
        # is still being built (Pilot's press would wait after each key).
        for key in typed("Stadt Lindenau\tAnna Beispiel\r"):
            app.post_message(key)
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FillScreen)
        assert screen.filling.draft.organisation == "Stadt Lindenau"
        assert screen.filling.draft.author == "Anna Beispiel"


async def test_organisation_and_name_are_remembered_for_the_next_draft(kosi_home: Path) -> None:
    for typed_text, expected in [
        ("Stadt Lindenau\tAnna Beispiel\r", ("Stadt Lindenau", "Anna Beispiel")),
        ("\t\r", ("Stadt Lindenau", "Anna Beispiel")),  # Tab, Enter: what was remembered
        ("Kreis Nord\t\r", ("Kreis Nord", "Anna Beispiel")),  # typing replaces it
    ]:
        app = KosiApp("de", Start("canvas", CANVAS))
        async with app.run_test(size=(80, 24)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            for key in typed(typed_text):
                app.post_message(key)
            for _ in range(20):
                await pilot.pause()
                if fill_screen_in(app.screen_stack) is not None:
                    break
            screen = fill_screen_in(
                app.screen_stack
            )  # perhaps under a notice about a similar draft
            assert isinstance(screen, FillScreen), typed_text
            draft = screen.filling.draft
            assert (draft.organisation, draft.author) == expected
