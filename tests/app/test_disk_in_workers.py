"""Files are read and written in worker threads, never on the thread that draws the screen and
takes the keys: opening a draft, creating a new one, saving while typing and on quitting."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from kosi_tui.faces import filling as filling_module
from kosi_tui.faces.tui.app import KosiApp, Start
from kosi_tui.faces.tui.screens.fill import FillScreen
from kosi_tui.faces.tui.widgets.text_question import ShortTextQuestion
from kosi_tui.paths import bundled_canvases
from kosi_tui.storage import opening
from kosi_tui.storage.draft_file import DraftWriter, load_draft
from tests.app.driver import EXAMPLE, fill_screen, tab_to, type_text


class Threads:
    """Which threads ran a function (it still does its work)."""

    def __init__(self) -> None:
        self.seen: list[threading.Thread] = []

    def wrap(self, function: Callable[..., Any]) -> Callable[..., Any]:
        def recorded(*args: Any, **kwargs: Any) -> Any:
            self.seen.append(threading.current_thread())
            return function(*args, **kwargs)

        return recorded

    def all_off_main(self) -> bool:
        return bool(self.seen) and threading.main_thread() not in self.seen


@pytest.fixture
def writes(monkeypatch: pytest.MonkeyPatch) -> Threads:
    threads = Threads()
    monkeypatch.setattr(DraftWriter, "save", threads.wrap(DraftWriter.save))
    monkeypatch.setattr(DraftWriter, "create", threads.wrap(DraftWriter.create))
    return threads


async def test_opening_a_draft_reads_it_in_a_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = Threads()
    monkeypatch.setattr(filling_module, "open_draft", reads.wrap(opening.open_draft))
    draft = tmp_path / "entwurf.yaml"
    shutil.copy(EXAMPLE, draft)
    async with KosiApp("de", Start("draft", draft)).run_test() as pilot:
        screen = fill_screen(pilot)
        await screen.ready.wait()
    assert reads.all_off_main(), reads.seen


async def test_a_new_draft_is_created_in_a_worker(kosi_home: Path, writes: Threads) -> None:
    canvas = bundled_canvases() / "innovationslabor.yaml"
    app = KosiApp("de", Start("canvas", canvas))
    async with app.run_test() as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await type_text(pilot, "Stadt Lindenau")
        await pilot.press("enter", "enter")
        for _ in range(500):  # bounded: the draft file is being created
            if isinstance(app.screen, FillScreen):
                break
            await pilot.pause(0.01)
        assert isinstance(app.screen, FillScreen)
        # Checked before the app ends: its last save runs as it ends, when nothing is drawn.
        assert writes.all_off_main(), writes.seen


async def answered(pilot: Any, screen: FillScreen, text: str) -> None:
    """Types `text` into the first short text field of the first section."""
    field = next(iter(screen.query(ShortTextQuestion)))
    await tab_to(pilot, field)
    field.query_one(Input).value = ""
    await type_text(pilot, text)
    await pilot.pause()


async def test_quitting_saves_in_a_worker_and_keeps_the_answer(
    tmp_path: Path, writes: Threads
) -> None:
    draft = tmp_path / "entwurf.yaml"
    shutil.copy(EXAMPLE, draft)
    async with KosiApp("de", Start("draft", draft)).run_test() as pilot:
        screen = fill_screen(pilot)
        await screen.ready.wait()
        await answered(pilot, screen, "Beim Beenden")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert "Beim Beenden" in load_draft(draft).answers.values()
    assert writes.all_off_main(), writes.seen


async def test_typing_is_saved_a_moment_later_in_a_worker(tmp_path: Path, writes: Threads) -> None:
    draft = tmp_path / "entwurf.yaml"
    shutil.copy(EXAMPLE, draft)
    async with KosiApp("de", Start("draft", draft)).run_test() as pilot:
        screen = fill_screen(pilot)
        await screen.ready.wait()
        await answered(pilot, screen, "Von selbst")
        # No key to save: the saver's timer runs on the app's clock (when: test_autosave.py).
        # The file holds the answer before the app hears back from the worker: wait for both.
        deadline = time.monotonic() + 30
        while "Von selbst" not in load_draft(draft).answers.values() or screen.filling.dirty:
            assert time.monotonic() < deadline, "not saved"
            await pilot.pause(0.05)
        assert writes.all_off_main(), writes.seen


async def test_the_remembered_names_are_read_in_a_worker(
    kosi_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kosi_tui.faces import remembered

    remembered.remember_names("Stadt Lindenau", "Anna Beispiel")
    reads = Threads()
    monkeypatch.setattr(remembered, "remembered_names", reads.wrap(remembered.remembered_names))
    canvas = bundled_canvases() / "innovationslabor.yaml"
    app = KosiApp("de", Start("canvas", canvas))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert "Stadt Lindenau" in [i.value for i in app.screen.query(Input)]
    assert reads.all_off_main(), reads.seen
