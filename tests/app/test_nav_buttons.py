"""The buttons under a section: Tab past the last question reaches "Weiter →", the button drawn as
the one to press, in every section; "← Zurück" stays a click (F7 and the footer go back by key)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button

from kosi_tui.faces.tui.widgets.question import QuestionWidget
from tests.app.driver import example_at


async def test_tab_after_the_last_question_reaches_next_and_enter_goes_forward(
    tmp_path: Path,
) -> None:
    async with example_at(tmp_path, "anlass.herausforderung", size=(80, 24)) as (pilot, screen):
        assert screen.index == 1
        last = [w for w in screen.query(QuestionWidget) if w.display][-1]
        last.focus_input()
        await pilot.pause()
        next_button = screen.query_one("#next", Button)
        for _ in range(20):
            if isinstance(pilot.app.focused, Button):
                break
            await pilot.press("tab")
        assert pilot.app.focused is next_button
        await pilot.press("enter")
        await pilot.pause()
        assert screen.index == 2


async def test_back_button_still_goes_back_by_mouse(tmp_path: Path) -> None:
    async with example_at(tmp_path, "anlass.herausforderung", size=(80, 24)) as (pilot, screen):
        assert screen.index == 1
        assert not screen.query_one("#prev", Button).focusable
        screen.query_one("#main").scroll_end(animate=False)
        await pilot.pause()
        await pilot.click("#prev")
        await pilot.pause()
        assert screen.index == 0
