"""A table cut at the screen's edge says that more columns follow, and → shows them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.screen import Screen
from textual.widgets import Static

from kosi_tui.faces.tui.widgets.table_question import Rows
from tests.app.driver import example_at


def hint(screen: Screen[Any], key: str) -> str:
    selector = f"#q-{key.replace('.', '--')} .question-hint"
    return str(screen.query_one(selector, Static).render())


async def test_a_cut_table_says_more_columns_follow(tmp_path: Path) -> None:
    async with example_at(tmp_path, "akteure.tabelle", size=(80, 24)) as (pilot, fill):
        await pilot.pause()
        grid = fill.query_one("#q-akteure--tabelle Rows", Rows)
        assert grid.cut
        assert "weitere Spalten" in hint(fill, "akteure.tabelle")
        grid.focus()
        await pilot.press("right")
        await pilot.pause()
        assert grid.scroll_x > 0


async def test_a_table_that_fits_says_nothing_more(tmp_path: Path) -> None:
    async with example_at(tmp_path, "akteure.tabelle", size=(240, 50)) as (pilot, fill):
        await pilot.pause()
        assert not fill.query_one("#q-akteure--tabelle Rows", Rows).cut
        assert "weitere Spalten" not in hint(fill, "akteure.tabelle")
