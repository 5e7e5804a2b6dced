"""Choices by keyboard: the chosen one is marked with a symbol (◉, ☑), not by colour alone;
Delete clears a single choice; Space ticks and unticks in a multiple choice."""

from __future__ import annotations

import shutil
from pathlib import Path

from kosi_tui.faces.tui.app import KosiApp, Start
from kosi_tui.faces.tui.widgets.marked_list import CheckList, ChoiceList, MarkedList
from tests.app.driver import fill_screen
from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "innovationslabor.answers.yaml"


def marks(widget: MarkedList) -> list[str]:
    """The first character of each choice's first line, as drawn on screen."""
    lines = [widget.render_line(y).text.strip() for y in range(widget.content_size.height)]
    return [line[0] for line in lines if line[:1] in ("◉", "○", "☑", "☐")]


async def test_single_choice_by_keyboard(tmp_path: Path) -> None:
    draft = tmp_path / "entwurf.yaml"
    shutil.copy(EXAMPLE, draft)
    app = KosiApp("de", Start("draft", draft))
    async with app.run_test(size=(120, 50)) as pilot:
        screen = fill_screen(pilot)
        await screen.ready.wait()
        await screen.jump_to_question("basis.rolle")
        await pilot.pause()
        choices = app.focused
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
    draft = tmp_path / "entwurf.yaml"
    shutil.copy(EXAMPLE, draft)
    app = KosiApp("de", Start("draft", draft))
    async with app.run_test(size=(120, 50)) as pilot:
        screen = fill_screen(pilot)
        await screen.ready.wait()
        await screen.jump_to_question("anlass.themenfelder")
        await pilot.pause()
        ticks = app.focused
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
