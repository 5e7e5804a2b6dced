"""The filling screen's first frame holds what the person needs to start typing; what checks the
whole draft (every section's mark, the progress line) follows right after."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.widgets import Static

from kosi_tui.faces.filling import Filling, SectionState
from kosi_tui.faces.tui.app import KosiApp, Start
from kosi_tui.faces.tui.screens.fill import FillScreen
from kosi_tui.faces.tui.widgets.question import QuestionWidget
from kosi_tui.faces.tui.widgets.sidebar import SectionList
from tests.app.driver import EXAMPLE


async def test_the_first_screen_checks_only_its_section_and_marks_the_rest_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = tmp_path / "entwurf.yaml"
    draft.write_bytes(EXAMPLE.read_bytes())
    asked: list[str] = []
    original = Filling.section_state

    def counted(self: Filling, section_id: str) -> SectionState:
        asked.append(section_id)
        return original(self, section_id)

    monkeypatch.setattr(Filling, "section_state", counted)
    checked_when_focused: list[set[str]] = []
    focus = FillScreen._focus_first

    def focused(self: FillScreen, widgets: list[QuestionWidget], focus_key: str | None) -> None:
        focus(self, widgets, focus_key)
        checked_when_focused.append(set(asked))

    monkeypatch.setattr(FillScreen, "_focus_first", focused)
    app = KosiApp("de", Start("draft", draft))
    async with app.run_test(size=(100, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, FillScreen)
        await screen.ready.wait()
        # When the question took the focus, the other sections' marks had not been worked out.
        assert checked_when_focused == [{screen.current_section.id}]
        sections = screen.filling.canvas.canvas.sections
        sidebar = screen.query_one(SectionList)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 30
        while len(set(asked)) < len(sections) and loop.time() < deadline:
            await pilot.pause(0.01)
        # Once drawn, every section has its mark, as before, and the progress line its count.
        states = [original(screen.filling, s.id) for s in sections]
        assert [sidebar._entries[i][1] for i in range(len(sections))] == states
        assert str(screen.query_one("#progress-text", Static).content)
