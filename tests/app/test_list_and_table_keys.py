"""Keys on a list's items and on a table's rows change the answer: the list and the grid tell their
question (a message), which changes and saves it. Alt+↑/↓ move an item, Delete removes it; Insert
opens the row form, Delete removes the row under the cursor after asking."""

from __future__ import annotations

from pathlib import Path

from kosi_tui.faces.tui.dialogs.confirm_dialog import ConfirmDialog
from kosi_tui.faces.tui.dialogs.row_dialog import RowDialog
from kosi_tui.faces.tui.widgets.list_question import ListItems, ListQuestionWidget
from kosi_tui.faces.tui.widgets.table_question import Rows, TableQuestion
from tests.app.driver import example_at

PEOPLE = ["Mieterinnen und Mieter in der Nordstadt", "Pendelnde mit dem Rad", "lokale Initiativen"]


async def test_list_items_move_and_go_by_keys(tmp_path: Path) -> None:
    async with example_at(tmp_path, "zweck.nutzniessende") as (pilot, screen):
        widget = screen.query_one("#q-zweck--nutzniessende", ListQuestionWidget)
        assert widget.items == PEOPLE
        items = widget.query_one(ListItems)
        items.focus()
        items.highlighted = 2
        await pilot.press("alt+up")
        await pilot.pause()
        assert widget.items == [PEOPLE[0], PEOPLE[2], PEOPLE[1]]
        assert items.highlighted == 1  # the moved item stays chosen
        await pilot.press("delete")
        await pilot.pause()
        assert widget.items == [PEOPLE[0], PEOPLE[1]]
        assert screen.filling.session.answers["zweck.nutzniessende"] == [PEOPLE[0], PEOPLE[1]]


async def test_table_rows_open_and_go_by_keys(tmp_path: Path) -> None:
    async with example_at(tmp_path, "risiken.top") as (pilot, screen):
        widget = screen.query_one("#q-risiken--top", TableQuestion)
        first, second = (row["risiko"] for row in widget.rows)
        grid = widget.query_one(Rows)
        grid.focus()
        await pilot.press("insert")
        await pilot.pause()
        assert isinstance(pilot.app.screen, RowDialog)
        await pilot.press("escape")  # nothing typed: closes without asking
        await pilot.pause()
        assert pilot.app.screen_stack[-1] is screen
        grid.move_cursor(row=0)
        # Delete asks first (a row holds several cells of work); Esc keeps the row.
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmDialog)
        assert first in str(pilot.app.screen.question)
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen_stack[-1] is screen
        assert [row["risiko"] for row in widget.rows] == [first, second]
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await pilot.click("#yes")
        await pilot.pause()
        assert [row["risiko"] for row in widget.rows] == [second]
        kept = screen.filling.session.answers["risiken.top"]
        assert [row["risiko"] for row in kept] == [second] and first != second
