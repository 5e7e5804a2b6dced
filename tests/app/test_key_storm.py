"""Random keys, 10 to 50 ms apart, on every screen and dialog: the app never ends with an error.

Fast keys after a wrong resume code ended the served app (ScreenStackError when the new-draft
dialog was cancelled a second time, NoMatches when the start page was built). The keys are drawn
with a fixed seed per screen, so a failure comes back with the same keys.
"""

from __future__ import annotations

import asyncio
import random
import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot

from kosi_tui.faces.tui.app import KosiApp, Start
from kosi_tui.faces.tui.dialogs.conflict_dialog import ConflictDialog
from kosi_tui.faces.tui.dialogs.new_draft_dialog import NewDraftDialog
from kosi_tui.faces.tui.dialogs.row_dialog import RowDialog
from kosi_tui.faces.tui.screens.fill import FillScreen
from kosi_tui.faces.tui.screens.home import HomeScreen
from kosi_tui.faces.tui.screens.review import ReviewScreen
from kosi_tui.paths import bundled_canvases
from kosi_tui.storage.draft_file import DraftWriter, read_draft
from tests.app.driver import type_text
from tests.conftest import ROOT

KEYS = [
    *"abcdefghijklmnopqrstuvwxyzäöüß0123456789.,-",
    *"AJNY",
    *["space"] * 4,
    *["tab"] * 6,
    "shift+tab",
    *["enter"] * 4,
    *["escape"] * 3,
    *["up", "down", "left", "right"] * 2,
    "backspace",
    "delete",
    "home",
    "end",
    "pageup",
    "pagedown",
    *["f1", "f2", "f3", "f5", "f6", "f7", "f8"],
    "ctrl+s",
]
"""What people press, Tab, Enter and Escape more often; no Ctrl+Q, which would end the storm."""
STORM = 150
"""Keys per screen."""

CANVAS = bundled_canvases() / "innovationslabor.yaml"
EXAMPLE = ROOT / "examples" / "innovationslabor.answers.yaml"


def key_event(key: str) -> events.Key:
    if key == "space":
        return events.Key(key, " ")
    return events.Key(key, key if len(key) == 1 else None)


async def storm(app: KosiApp, seed: str) -> None:
    """Keys as a terminal delivers them, without waiting for the app: the gaps are the input."""
    draw = random.Random(seed)
    for _ in range(STORM):
        if not app.is_running:
            return
        app.post_message(key_event(draw.choice(KEYS)))
        await asyncio.sleep(draw.uniform(0.01, 0.05))


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def reach(pilot: Pilot[Any], kind: type[Any]) -> None:
    """Waits until a screen of `kind` is on top (the app opens files in threads)."""
    for _ in range(200):
        if isinstance(pilot.app.screen, kind):
            return
        await settle(pilot)
    raise AssertionError(f"{kind.__name__} never showed; {type(pilot.app.screen).__name__} did")


def example(folder: Path) -> Path:
    draft = folder / "entwurf.yaml"
    shutil.copy(EXAMPLE, draft)
    return draft


async def open_fill(pilot: Pilot[Any]) -> FillScreen:
    await reach(pilot, FillScreen)
    screen = pilot.app.screen
    assert isinstance(screen, FillScreen)
    await screen.ready.wait()
    return screen


async def to_new_draft_dialog(pilot: Pilot[Any]) -> None:
    await reach(pilot, HomeScreen)
    await pilot.press("enter")
    await reach(pilot, NewDraftDialog)


async def wrong_resume_code(pilot: Pilot[Any], enter: bool = True) -> None:
    await to_new_draft_dialog(pilot)
    pilot.app.screen.query_one("#resume").focus()
    await pilot.pause()
    await type_text(pilot, "AAAA-BBBB-CCCC")
    if enter:
        pilot.app.post_message(key_event("enter"))  # the storm follows at once


async def fill(pilot: Pilot[Any]) -> None:
    await open_fill(pilot)


async def row_dialog(pilot: Pilot[Any]) -> None:
    screen = await open_fill(pilot)
    await screen.jump_to_question("schritte.liste")
    await settle(pilot)
    await pilot.press("enter")  # '+ Zeile hinzufügen'
    await reach(pilot, RowDialog)


async def overview(pilot: Pilot[Any]) -> None:
    await open_fill(pilot)
    await pilot.press("f5")
    await reach(pilot, ReviewScreen)


async def conflict_dialog(pilot: Pilot[Any]) -> None:
    screen = await open_fill(pilot)
    key = "schritte.offene_fragen"
    await screen.jump_to_question(key)
    await settle(pilot)
    await type_text(pilot, " hier")
    await pilot.press("ctrl+s")
    await settle(pilot)
    # A second window changes the same answer: the next save is a conflict.
    path = screen.filling.path
    draft, raw = read_draft(path)
    writer = DraftWriter(path, draft.canvas.id, draft.id, raw, draft.answers)
    draft.answers[key] = "Aus dem anderen Fenster"
    writer.save(draft)
    await type_text(pilot, " weiter")
    await pilot.press("ctrl+s")
    await settle(pilot)
    await pilot.press("f3")
    await reach(pilot, ConflictDialog)


Setup = Callable[[Pilot[Any]], Awaitable[None]]


async def nothing(pilot: Pilot[Any]) -> None:
    await settle(pilot)


def home_with_a_draft(folder: Path, home: Path) -> KosiApp:
    drafts = home / "drafts"
    drafts.mkdir(parents=True, exist_ok=True)
    shutil.copy(EXAMPLE, drafts / "entwurf.yaml")
    return KosiApp("de")


def workshop(folder: Path, home: Path) -> KosiApp:
    (folder / "workshop").mkdir()
    return KosiApp("de", workshop=folder / "workshop")


SCREENS: dict[str, tuple[Callable[[Path, Path], KosiApp], Setup]] = {
    "new-draft dialog, served, wrong resume code": (workshop, wrong_resume_code),
    "start page": (home_with_a_draft, nothing),
    "new-draft dialog": (lambda folder, home: KosiApp("de", Start("canvas", CANVAS)), nothing),
    "served start page": (workshop, nothing),
    "fill": (lambda folder, home: KosiApp("de", Start("draft", example(folder))), fill),
    "row dialog": (lambda folder, home: KosiApp("de", Start("draft", example(folder))), row_dialog),
    "overview": (lambda folder, home: KosiApp("de", Start("draft", example(folder))), overview),
    "conflict dialog": (
        lambda folder, home: KosiApp("de", Start("draft", example(folder))),
        conflict_dialog,
    ),
}


@pytest.mark.parametrize(
    "where",
    # The served dialog daily, where the crash was; every screen in the full run.
    [
        pytest.param(where, marks=[] if n == 0 else [pytest.mark.full])
        for n, where in enumerate(SCREENS)
    ],
)
async def test_a_key_storm_ends_nothing(
    where: str, tmp_path: Path, kosi_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # F2 saves elsewhere, the overview exports: whatever the keys name lands in here.
    monkeypatch.chdir(tmp_path)
    make, setup = SCREENS[where]
    app = make(tmp_path, kosi_home)
    async with app.run_test(size=(80, 24)) as pilot:
        await setup(pilot)
        await storm(app, where)
        await settle(pilot)
    # run_test raises what ended the app; an app that ended itself would show here too.
    assert app.return_code in (None, 0)


@pytest.mark.parametrize("burst", ["enter escape escape", "enter enter escape escape"])
async def test_keys_at_once_after_a_wrong_resume_code(
    burst: str, tmp_path: Path, kosi_home: Path
) -> None:
    # A browser's keys may come in one message: Escape reached the dialog closed by Enter, and
    # its second closing took the start page away (and then ended the app).
    app = workshop(tmp_path, kosi_home)
    async with app.run_test(size=(80, 24)) as pilot:
        await wrong_resume_code(pilot, enter=False)
        for key in burst.split():
            app.post_message(key_event(key))
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
