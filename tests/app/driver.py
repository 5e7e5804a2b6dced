"""Drives the filling screen by keyboard alone, the way a person would: Tab to a field, type."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from textual.errors import NoWidget
from textual.events import MouseScrollDown
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer

from kosi_tui.core.canvas import Table
from kosi_tui.faces.tui.app import KosiApp, Start
from kosi_tui.faces.tui.screens.fill import FillScreen
from kosi_tui.faces.tui.widgets.marked_list import CheckList
from kosi_tui.faces.tui.widgets.question import QuestionWidget


def fill_screen(pilot: Pilot[Any]) -> FillScreen:
    screen = pilot.app.screen
    assert isinstance(screen, FillScreen), type(screen).__name__
    return screen


def footer_keys(screen: Screen[Any]) -> list[str]:
    """What the screen's footer shows, one entry per key as drawn: "F8 Weiter"."""
    footer = screen.query_one(Footer)
    return [" ".join(str(key.render()).split()) for key in footer.query("FooterKey")]


def footer_words(screen: Screen[Any]) -> set[str]:
    """Every word in the screen's footer."""
    return {word for key in footer_keys(screen) for word in key.split()}


def fully_visible(widget: Widget) -> bool:
    """Whether every cell of `widget` is on screen: not scrolled away, not cut by a container."""
    try:
        geometry = widget.screen.find_widget(widget)
    except NoWidget:
        return False
    region = geometry.region
    return (
        region.area > 0
        and geometry.clip.contains_region(region)
        and widget.screen.region.contains_region(region)
    )


async def mouse_wheel_down(pilot: Pilot[Any], offset: tuple[int, int]) -> None:
    """One turn of the mouse wheel over the screen position `offset`."""
    await pilot._post_mouse_events([MouseScrollDown], None, offset)


def inside(widget: Widget | None, container: Widget) -> bool:
    return widget is not None and container in widget.ancestors_with_self


async def tab_to(pilot: Pilot[Any], target: Widget, limit: int = 40) -> None:
    """Presses Tab until the focus is inside `target`."""
    for _ in range(limit):
        if inside(pilot.app.focused, target):
            return
        await pilot.press("tab")
    raise AssertionError(f"Tab never reached {target}")


async def type_text(pilot: Pilot[Any], text: str) -> None:
    await pilot.press(*[("space" if c == " " else c) for c in text])


async def answer(pilot: Pilot[Any], widget: QuestionWidget) -> None:
    """Gives a plausible answer to one question, by keyboard."""
    kind = widget.question.type
    await tab_to(pilot, widget)
    if kind in ("short_text", "long_text"):
        await type_text(pilot, "Antwort ok?")
    elif kind in ("single_choice", "yes_no"):
        await pilot.press("enter")
    elif kind == "multi_choice":
        assert isinstance(pilot.app.focused, CheckList)
        await pilot.press("space")
    elif kind == "scale":
        await pilot.press("4")
    elif kind == "number":
        await type_text(pilot, "3")
    elif kind == "date":
        await type_text(pilot, "24.12.2026")
    elif kind == "list":
        await type_text(pilot, "Eintrag")
        await pilot.press("enter")
    elif kind == "table":
        await pilot.press("enter")  # the "add row" button
        await pilot.pause()
        assert isinstance(widget.question, Table)
        for column in widget.question.columns:
            if column.type == "text":
                await type_text(pilot, "Zelle")
            elif column.type == "number":
                await type_text(pilot, "2")
            elif column.type == "choice":
                await pilot.press("enter", "down", "enter")
            else:
                await pilot.press("space")
            await pilot.press("tab")
        await pilot.press("ctrl+s")
    await pilot.pause()


EXAMPLE = Path(__file__).parent.parent.parent / "examples" / "innovationslabor.answers.yaml"


@asynccontextmanager
async def example_at(
    folder: Path, key: str, lang: str = "de", size: tuple[int, int] = (120, 50)
) -> AsyncIterator[tuple[Pilot[Any], FillScreen]]:
    """A copy of the example draft, open in the app with the focus in question `key`."""
    draft = folder / "entwurf.yaml"
    shutil.copy(EXAMPLE, draft)
    app = KosiApp(lang, Start("draft", draft))
    async with app.run_test(size=size) as pilot:
        screen = fill_screen(pilot)
        await screen.ready.wait()
        await screen.jump_to_question(key)
        await pilot.pause()
        yield pilot, screen
