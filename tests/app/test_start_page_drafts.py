"""The start page tells drafts apart: a copy saved elsewhere with F2 is listed (also outside the
drafts folder) and the file it came from is marked as the old one; a conflict copy is listed right
under the draft it belongs to, as another version of it, not as a second draft."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Input

from kosi_tui.faces.tui.app import KosiApp, Start
from kosi_tui.faces.tui.dialogs.path_dialog import PathDialog
from kosi_tui.faces.tui.screens.home import DraftOptions, HomeScreen
from tests.app.driver import EXAMPLE


def shown(home: HomeScreen) -> list[str]:
    """Each draft's entry on the start page as text, in the order listed."""
    options = home.query_one(DraftOptions)
    texts = []
    for index in range(options.option_count):
        console = Console(file=io.StringIO(), width=200, record=True)
        console.print(options.get_option_at_index(index).prompt)
        texts.append(" ".join(console.export_text().split()))
    return texts


async def start_page(pilot: Pilot[Any]) -> HomeScreen:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    home = pilot.app.screen
    assert isinstance(home, HomeScreen)
    return home


def draft(path: Path, updated: str, organisation: str = "Stadt Lindenau") -> Path:
    """The example draft, last changed at `updated`, for `organisation`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = EXAMPLE.read_text()
    lines = ["updated: '2027-03-15T16:30:00+01:00'", "organisation: Stadt Musterstadt"]
    assert all(line in text for line in lines)
    text = text.replace(lines[0], f"updated: '{updated}'").replace(
        lines[1], f"organisation: {organisation}"
    )
    path.write_text(text)
    return path


async def test_a_copy_saved_elsewhere_is_listed_and_the_old_file_marked(
    kosi_home: Path, tmp_path: Path
) -> None:
    original = draft(kosi_home / "drafts" / "lindenau.yaml", "2027-03-15T16:30:00+01:00")
    copy = tmp_path / "usb-stick" / "lindenau.yaml"
    app = KosiApp("de", Start("draft", original))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PathDialog)
        dialog.query_one("#path", Input).value = str(copy)
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("ctrl+q")
    assert copy.is_file()

    app = KosiApp("de")
    async with app.run_test(size=(100, 30)) as pilot:
        home = await start_page(pilot)
        listed = {d.path: d for d in home.drafts}
        assert set(listed) == {original, copy}
        assert listed[original].moved_to == copy
        texts = shown(home)
        assert any(f"gespeichert in {copy.parent}" in text for text in texts)
        assert any(f"Alte Fassung – weitergearbeitet wurde in {copy}" in text for text in texts)


async def test_a_conflict_copy_is_listed_under_its_draft(kosi_home: Path) -> None:
    drafts = kosi_home / "drafts"
    lindenau = draft(drafts / "lindenau.yaml", "2027-03-15T16:30:00+01:00")
    other = draft(drafts / "nord.yaml", "2027-03-16T10:00:00+01:00", organisation="Kreis Nord")
    # The copy is the newest file: as a draft of its own it was listed first.
    copy = draft(drafts / "lindenau.konflikt-20270317-090000.yaml", "2027-03-17T09:00:00+01:00")
    app = KosiApp("de")
    async with app.run_test(size=(100, 30)) as pilot:
        home = await start_page(pilot)
        assert [d.path for d in home.drafts] == [other, lindenau, copy]
        assert home.drafts[2].conflict_of == lindenau
        texts = shown(home)
        assert texts[2].startswith("↳ Andere Fassung aus einem Konflikt")
        assert copy.name in texts[2] and "Stadt Lindenau" not in texts[2]
        # Enter on it opens that version.
        await pilot.press("tab", "down", "down", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        opened = getattr(app.screen, "filling", None)
        assert opened is not None and opened.path == copy
        await pilot.press("ctrl+q")
