"""`kosi fill CANVAS` shows the new-draft dialog at once and loads the canvas behind it: what is
typed meanwhile is kept, and a broken canvas still ends on the error screen."""

from __future__ import annotations

import gc
import shutil
import threading
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Button, Input, Label

from kosi_tui.faces.tui import app as app_module
from kosi_tui.faces.tui import collector
from kosi_tui.faces.tui.app import KosiApp, Start
from kosi_tui.faces.tui.dialogs.new_draft_dialog import NewDraftDialog
from kosi_tui.faces.tui.screens.error import ErrorScreen
from kosi_tui.faces.tui.screens.fill import FillScreen
from kosi_tui.faces.tui.screens.home import HomeScreen
from kosi_tui.paths import bundled_canvases
from kosi_tui.storage.draft_file import load_draft
from tests.app.driver import EXAMPLE, type_text

CANVAS = bundled_canvases() / "innovationslabor.yaml"


async def after_loading(pilot: Pilot[None]) -> Screen[object]:
    """The screen once the canvas has loaded behind the dialog."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return pilot.app.screen


async def test_what_is_typed_while_the_canvas_loads_is_kept(
    kosi_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = threading.Event()
    real = app_module.load_for_filling

    def slow(path: Path):  # type: ignore[no-untyped-def]
        gate.wait(timeout=30)
        return real(path)

    monkeypatch.setattr(app_module, "load_for_filling", slow)
    app = KosiApp("de", Start("canvas", CANVAS))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NewDraftDialog)
        assert dialog.canvas_title is None
        assert str(dialog.query_one("#dialog-title", Label).render()) == "Neuer Entwurf"
        await type_text(pilot, "Stadt Musterstadt")
        await pilot.press("enter")
        await type_text(pilot, "Erika")
        await pilot.press("enter")  # submitted before the canvas is there
        await pilot.pause()
        assert app.screen is dialog and dialog.query_one("#loading").display
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, FillScreen)
        path = app.screen.filling.path
        await pilot.press("ctrl+q")
    draft = load_draft(path)
    assert (draft.organisation, draft.author) == ("Stadt Musterstadt", "Erika")
    # The canvas's own organisation question starts with it (`prefill`), so nobody types it twice.
    assert draft.answers["basis.organisation"] == "Stadt Musterstadt"


async def test_the_dialog_names_the_canvas_once_it_has_loaded(kosi_home: Path) -> None:
    app = KosiApp("en", Start("canvas", CANVAS))
    async with app.run_test(size=(100, 40)) as pilot:
        dialog = await after_loading(pilot)
        assert isinstance(dialog, NewDraftDialog)
        title = str(dialog.query_one("#dialog-title", Label).render())
        assert title.startswith("New draft: ") and "innovation lab" in title, title
        assert isinstance(app.focused, Input) and app.focused.id == "organisation"


async def test_a_broken_canvas_replaces_the_dialog_with_the_error_screen(
    kosi_home: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "kaputt.yaml"
    broken.write_text("format: kosi-canvas/1\nid: kaputt\nsections: [\n", encoding="utf-8")
    app = KosiApp("de", Start("canvas", broken))
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await after_loading(pilot)
        assert isinstance(screen, ErrorScreen)
        assert screen.problems[0].file == broken and screen.problems[0].line == 4
        assert not any(isinstance(s, NewDraftDialog) for s in app.screen_stack)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_the_dialog_switches_language_and_keeps_what_was_typed(kosi_home: Path) -> None:
    app = KosiApp("de", Start("canvas", CANVAS))
    async with app.run_test(size=(100, 40)) as pilot:
        dialog = await after_loading(pilot)
        assert isinstance(dialog, NewDraftDialog)
        await type_text(pilot, "Stadt Musterstadt")
        app.lang = "en"
        await pilot.pause()
        title = str(dialog.query_one("#dialog-title", Label).render())
        assert title == "New draft: Building a municipal innovation lab"
        label = str(dialog.query_one("#organisation-label", Label).render())
        assert label == "For which municipality or organisation? *"
        assert str(dialog.query_one("#start", Button).label) == "Start"
        assert dialog.query_one("#organisation", Input).value == "Stadt Musterstadt"


@pytest.mark.parametrize("kind", ["home", "canvas", "draft"])
async def test_the_collector_runs_again_once_the_first_screen_has_what_it_shows(
    kosi_home: Path, tmp_path: Path, kind: str
) -> None:
    draft = tmp_path / "entwurf.yaml"
    shutil.copy(EXAMPLE, draft)
    start = {"home": Start(), "canvas": Start("canvas", CANVAS), "draft": Start("draft", draft)}
    collector.hold()  # as `kosi fill` does before its imports
    assert not gc.isenabled()
    try:
        app = KosiApp("de", start[kind])
        async with app.run_test() as pilot:
            for _ in range(500):  # bounded, the machine may be busy
                if gc.isenabled():
                    break
                await pilot.pause(0.01)
            assert gc.isenabled()
            assert gc.get_freeze_count() > 0  # what start-up built is skipped from now on
            # ... and it was released only once the screen had what it shows.
            screen = app.screen
            if kind == "home":
                assert isinstance(screen, HomeScreen) and screen.entries
            elif kind == "canvas":
                assert isinstance(screen, NewDraftDialog) and screen.canvas_title is not None
            else:
                assert isinstance(screen, FillScreen) and screen.ready.is_set()
    finally:
        gc.unfreeze()
        gc.enable()
