"""Choices by keyboard: the chosen one is marked with a symbol (◉, ☑), not by colour alone;
Delete clears a single choice; Space ticks and unticks in a multiple choice."""

from __future__ import annotations

from pathlib import Path

from kosi_tui.faces.tui.widgets.marked_list import CheckList, ChoiceList, MarkedList
from tests.app.driver import example_at


def marks(widget: MarkedList) -> list[str]:
    """The first character of each choice's first line, as drawn on screen."""
    lines = [widget.render_line(y).text.strip() for y in range(widget.content_size.height)]
    return [line[0] for line in lines if line[:1] in ("◉", "○", "☑", "☐")]


async def test_single_choice_by_keyboard(tmp_path: Path) -> None:
    async with example_at(tmp_path, "basis.rolle") as (pilot, screen):
        choices = pilot.app.focused
        assert isinstance(choices, ChoiceList)
        assert marks(choices)[:3] == ["○", "◉", "○"]  # amtsleitung, from the example
        await pilot.press("up", "enter")
        await pilot.pause()
        assert marks(choices)[:3] == ["◉", "○", "○"]
        assert screen.filling.session.value("basis.rolle") == "spitze"
        await pilot.press("delete")
        await pilot.pause()
        assert "◉" not in marks(choices)
        assert screen.filling.session.value("basis.rolle") is None


async def test_multiple_choice_by_keyboard(tmp_path: Path) -> None:
    async with example_at(tmp_path, "anlass.themenfelder") as (pilot, screen):
        ticks = pilot.app.focused
        assert isinstance(ticks, CheckList)
        before = screen.filling.session.value("anlass.themenfelder")
        assert marks(ticks)[:3] == ["☑", "☑", "☐"]  # mobility and climate, from the example
        await pilot.press("down", "down", "space")  # tick "work"
        await pilot.pause()
        assert marks(ticks)[:3] == ["☑", "☑", "☑"]
        assert screen.filling.session.value("anlass.themenfelder") == [
            *before[:2],
            "arbeit",
            *before[2:],
        ]
        await pilot.press("up", "up", "space")  # untick "mobility"
        await pilot.pause()
        assert marks(ticks)[:3] == ["☐", "☑", "☑"]
        assert "mobilitaet" not in screen.filling.session.value("anlass.themenfelder")
