"""The start page: deleting a draft says which one, when two look alike; coming back into view it
reads only the files that changed, and keeps the highlighted draft."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path
from typing import Any

import pytest
from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual.screen import Screen
from textual.widgets import OptionList, Static

from kosi_tui.faces.tui.app import KosiApp
from kosi_tui.faces.tui.dialogs.confirm_dialog import ConfirmDialog
from kosi_tui.faces.tui.screens.home import HomeScreen
from kosi_tui.paths import bundled_canvases
from kosi_tui.storage import canvas_file, draft_file
from tests.app.driver import EXAMPLE


async def test_deleting_one_of_two_alike_drafts_names_file_and_date(kosi_home: Path) -> None:
    drafts = kosi_home / "drafts"
    drafts.mkdir(parents=True)
    text = EXAMPLE.read_text()
    (drafts / "lindenau.yaml").write_text(text)
    (drafts / "lindenau-2.yaml").write_text(text.replace("2027-03-15", "2027-03-16"))
    app = KosiApp("de")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("tab")  # from the canvases to the drafts
        await pilot.press("delete")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        question = str(dialog.query_one(".dialog-text", Static).render())
        home = app.screen_stack[-2]
        assert isinstance(home, HomeScreen)
        first = home.drafts[0]
        assert first.updated is not None
        assert first.path.name in question
        assert "Zuletzt geändert:" in question and first.updated.strftime("%H:%M") in question


class Counted:
    """Counts the calls of a reading function (the parses), passing them on."""

    def __init__(self, read: Any) -> None:
        self.read = read
        self.paths: list[Path] = []
        self.threads: set[threading.Thread] = set()

    def __call__(self, path: Path) -> Any:
        self.paths.append(path)
        self.threads.add(threading.current_thread())
        return self.read(path)


async def back_into_view(pilot: Any) -> HomeScreen:
    """Another screen over the start page, then gone again: the start page reads its lists."""
    app = pilot.app
    app.push_screen(Screen())
    await pilot.pause()
    app.pop_screen()
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    home = app.screen
    assert isinstance(home, HomeScreen)
    return home


async def test_coming_back_reads_only_the_drafts_and_canvases_that_changed(
    kosi_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kosi_tui.faces import draft_list
    from kosi_tui.storage import catalog

    drafts = kosi_home / "drafts"
    drafts.mkdir(parents=True)
    text = EXAMPLE.read_text()
    (drafts / "lindenau.yaml").write_text(text)
    (drafts / "muehlheim.yaml").write_text(text.replace("2027-03-15", "2027-03-14"))
    parses = Counted(draft_file.load_draft)
    monkeypatch.setattr(draft_list, "load_draft", parses)
    canvas_loads = Counted(canvas_file.load_canvas)
    monkeypatch.setattr(catalog, "load_canvas", canvas_loads)
    app = KosiApp("de")
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(parses.paths) == 2
        # Read in a worker: a slow disk never holds up the keys.
        assert threading.main_thread() not in parses.threads | canvas_loads.threads
        canvases = len(canvas_loads.paths)
        assert canvases >= 1
        home = await back_into_view(pilot)
        assert len(parses.paths) == 2, "unchanged drafts were parsed again"
        assert len(canvas_loads.paths) == canvases, "unchanged canvases were loaded again"

        # The person highlights the second draft; then another program changes the first.
        options = home.query_one("#drafts", OptionList)
        options.highlighted = 1
        highlighted = home.drafts[1].path
        changed = drafts / "lindenau.yaml"
        changed.write_text(
            text.replace("organisation: Stadt Musterstadt", "organisation: Stadt Lindenau", 1)
        )
        home = await back_into_view(pilot)
        assert parses.paths[2:] == [changed]
        assert any("Lindenau" in d.organisation for d in home.drafts)
        options = home.query_one("#drafts", OptionList)
        assert options.highlighted is not None
        assert home.drafts[options.highlighted].path == highlighted


def plain(shown: object) -> str:
    if isinstance(shown, Group):
        return "\n".join(plain(part) for part in shown.renderables)
    if isinstance(shown, Padding):
        return plain(shown.renderable)
    return shown.plain if isinstance(shown, Text) else str(shown)


def option_texts(home: HomeScreen, list_id: str) -> list[str]:
    options = home.query_one(list_id, OptionList)
    return [plain(options.get_option_at_index(n).prompt) for n in range(options.option_count)]


async def test_a_second_start_lists_what_the_first_showed_before_reading_the_files(
    kosi_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kosi_tui.faces.tui.screens import home as home_module

    drafts = kosi_home / "drafts"
    drafts.mkdir(parents=True)
    text = EXAMPLE.read_text()
    (drafts / "lindenau.yaml").write_text(text.replace("Stadt Musterstadt", "Stadt Lindenau", 1))
    (drafts / "muehlheim.yaml").write_text(text.replace("2027-03-15", "2027-03-14"))
    async with KosiApp("de").run_test(size=(80, 24)) as pilot:
        await app_settled(pilot)
        first = pilot.app.screen
        assert isinstance(first, HomeScreen)
        shown = (option_texts(first, "#canvases"), option_texts(first, "#drafts"))
    assert shown[0] and len(shown[1]) == 2

    # The second start: what the lists show at the moment the files are about to be read.
    app = KosiApp("de")
    before_reading: list[tuple[list[str], list[str]]] = []
    read = home_module.Shelf.read

    def looked_at_first(shelf: home_module.Shelf, with_drafts: bool) -> Any:
        def lists() -> tuple[list[str], list[str]]:
            home = app.screen
            assert isinstance(home, HomeScreen) and not home.entries
            return option_texts(home, "#canvases"), option_texts(home, "#drafts")

        before_reading.append(app.call_from_thread(lists))
        return read(shelf, with_drafts)

    monkeypatch.setattr(home_module.Shelf, "read", looked_at_first)
    async with app.run_test(size=(80, 24)) as pilot:
        await app_settled(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen) and home.entries
        assert before_reading == [shown]
        assert (option_texts(home, "#canvases"), option_texts(home, "#drafts")) == shown


async def app_settled(pilot: Any) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_a_changed_file_is_read_before_it_is_listed(kosi_home: Path) -> None:
    from kosi_tui.faces.tui.screens.home import Shelf

    drafts = kosi_home / "drafts"
    drafts.mkdir(parents=True)
    text = EXAMPLE.read_text()
    draft = drafts / "lindenau.yaml"
    draft.write_text(text)
    Shelf().read(with_drafts=True)
    glance = Shelf().glance(with_drafts=True)
    assert glance is not None and [d.path for d in glance[1]] == [draft]
    # Another program changes the draft: its old card is not shown.
    draft.write_text(text.replace("Stadt Musterstadt", "Stadt Lindenau", 1))
    assert Shelf().glance(with_drafts=True) is None
    listing = Shelf().read(with_drafts=True)
    glance = Shelf().glance(with_drafts=True)
    assert glance is not None and glance[1] == listing.drafts
    assert "Lindenau" in glance[1][0].organisation
    # A new draft, or a changed canvas, is not known either.
    (drafts / "neu.yaml").write_text(text)
    assert Shelf().glance(with_drafts=True) is None
    Shelf().read(with_drafts=True)
    canvas = kosi_home / "canvases" / "eigen.yaml"
    canvas.parent.mkdir()
    shutil.copy(bundled_canvases() / "innovationslabor.yaml", canvas)
    assert Shelf().glance(with_drafts=True) is None


async def test_two_canvases_of_one_id_each_name_the_others_file(kosi_home: Path) -> None:
    folder = kosi_home / "canvases"
    folder.mkdir(parents=True)
    bundled = bundled_canvases() / "innovationslabor.yaml"
    copy = folder / "unser-labor.yaml"
    shutil.copy(bundled, copy)
    async with KosiApp("de").run_test(size=(80, 24)) as pilot:
        await app_settled(pilot)
        home = pilot.app.screen
        assert isinstance(home, HomeScreen)
        texts = option_texts(home, "#canvases")
        warned = [text for text in texts if "Gleiche Kennung „innovationslabor“" in text]
        assert len(warned) == 2
        assert f"eigener Ordner: {copy}" in warned[0]
        assert f"mitgeliefert: {bundled}" in warned[1]
        assert not [text for text in texts if "Gleiche Kennung" in text and text not in warned]


async def test_without_drafts_the_canvases_take_the_room_at_80x24(kosi_home: Path) -> None:
    """A first start lists the canvases, not half of them above an empty draft list: at 80x24
    the four bundled canvases showed two, with four empty rows below."""
    app = KosiApp("de")
    async with app.run_test(size=(80, 24)) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        deadline = 200
        while not home.query_one("#no-drafts").display and deadline:
            await pilot.pause(0.01)
            deadline -= 1
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        canvases = home.query_one("#canvases", OptionList)
        assert canvases.outer_size.height >= 15
        # The heading above the list stays in view.
        body = home.query_one("#home-body")
        assert body.scroll_y == 0
