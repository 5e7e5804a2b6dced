"""The app in a served workshop: the same name twice, resume codes, exports as downloads."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from kosi_tui.faces.tui.app import KosiApp
from kosi_tui.faces.tui.dialogs.message_dialog import MessageDialog
from kosi_tui.faces.tui.dialogs.new_draft_dialog import NewDraftDialog
from kosi_tui.faces.tui.dialogs.path_dialog import PathDialog
from kosi_tui.faces.tui.screens.fill import FillScreen
from kosi_tui.faces.tui.screens.review import ReviewScreen
from kosi_tui.storage.resume_codes import draft_for_code
from tests.app.driver import type_text

CODE = re.compile(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}")


async def to_dialog(pilot: Pilot[Any]) -> NewDraftDialog:
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, NewDraftDialog)
    return dialog


async def start(pilot: Pilot[Any], organisation: str, name: str) -> MessageDialog:
    """From the home screen to the notice shown after starting; returns it."""
    await to_dialog(pilot)
    await type_text(pilot, organisation)
    await pilot.press("tab")
    await type_text(pilot, name)
    await pilot.press("enter")
    await pilot.pause()
    notice = pilot.app.screen
    assert isinstance(notice, MessageDialog)
    return notice


async def start_in(folder: Path, organisation: str, name: str) -> tuple[str, Path, list[str]]:
    """One participant's session: starts a draft, returns its resume code, file and notice."""
    app = KosiApp("de", workshop=folder)
    async with app.run_test(size=(100, 40)) as pilot:
        notice = await start(pilot, organisation, name)
        lines = list(notice.lines)
        for _ in range(5):  # the resume code, and any notice the filling screen adds
            if not isinstance(app.screen, MessageDialog):
                break
            lines += app.screen.lines
            await pilot.press("enter")
            await pilot.pause()
        fill = app.screen
        assert isinstance(fill, FillScreen)
        path = fill.filling.path
        await pilot.press("ctrl+s", "ctrl+q")
    found = CODE.search(" ".join(lines))
    assert found
    return found.group(0), path, lines


@pytest.mark.slow
async def test_the_same_name_twice_gives_two_drafts_and_the_second_is_told(tmp_path: Path) -> None:
    folder = tmp_path / "workshop"
    folder.mkdir()
    # The clock is fixed in these tests: both start "in the same second".
    _, first, first_lines = await start_in(folder, "Stadt A", "Anna Muster")
    _, second, second_lines = await start_in(folder, "Stadt B", "Anna Muster")
    assert first != second and first.is_file() and second.is_file()
    assert not any("schon einen Entwurf" in line for line in first_lines)
    assert any("schon einen Entwurf" in line for line in second_lines)
    assert "Stadt A" in first.read_text() and "Stadt B" in second.read_text()


@pytest.mark.slow
async def test_a_resume_code_opens_only_its_own_draft(tmp_path: Path) -> None:
    folder = tmp_path / "workshop"
    folder.mkdir()
    anna_code, anna, _ = await start_in(folder, "Stadt A", "Anna Muster")
    bernd_code, bernd, _ = await start_in(folder, "Stadt B", "Bernd Beispiel")
    assert draft_for_code(folder, anna_code) == anna
    assert draft_for_code(folder, bernd_code.lower().replace("-", " ")) == bernd
    assert draft_for_code(folder, "AAAA-BBBB-CCCC") is None
    assert draft_for_code(folder, anna.name) is None  # a file name is no code

    app = KosiApp("de", workshop=folder)
    async with app.run_test(size=(100, 40)) as pilot:
        await to_dialog(pilot)
        await pilot.press("tab", "tab")  # organisation, name: to the resume code
        await type_text(pilot, "AAAA-BBBB-CCCC")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, FillScreen)  # an unknown code opens nothing
        await to_dialog(pilot) if not isinstance(app.screen, NewDraftDialog) else None
        app.screen.query_one("#resume").focus()
        await pilot.pause()
        await type_text(pilot, bernd_code)
        await pilot.press("enter")
        await pilot.pause()
        fill = app.screen
        assert isinstance(fill, FillScreen) and fill.filling.path == bernd
        await pilot.press("ctrl+q")
    # Typing someone's name starts a new draft of one's own, never theirs.
    _, other, _ = await start_in(folder, "Stadt A", "Anna Muster")
    assert other != anna


async def test_export_in_a_workshop_is_a_download_not_a_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "workshop"
    folder.mkdir()
    delivered: list[tuple[str, str | None]] = []

    def deliver_binary(self: KosiApp, data: Any, **kwargs: Any) -> None:
        delivered.append((data.read().decode("utf-8"), kwargs.get("save_filename")))

    monkeypatch.setattr(KosiApp, "deliver_binary", deliver_binary)
    app = KosiApp("de", workshop=folder)
    async with app.run_test(size=(100, 40)) as pilot:
        await start(pilot, "Stadt Musterstadt", "Bernd Beispiel")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("m")
        await pilot.pause()
        assert not any(isinstance(s, PathDialog) for s in app.screen_stack)
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("escape", "ctrl+q")
    (markdown, md_name), (html, html_name) = delivered
    assert "Stadt Musterstadt" in markdown and md_name and md_name.endswith(".md")
    assert "<html" in html.lower() and html_name and html_name.endswith(".html")
    # Nothing written on this machine but the draft (and kosi's own marks beside it).
    assert not [p for p in tmp_path.rglob("*") if p.suffix in (".md", ".html")]
    assert len(list(folder.glob("*.yaml"))) == 1
