"""The row form of a table question fits an 80x24 terminal: its first label and its buttons are
on screen, long titles wrap, and a tick in a multiple-choice cell is kept."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import Button, Label

from kosi_tui.core.canvas import Table
from kosi_tui.faces.tui.app import KosiApp
from kosi_tui.faces.tui.dialogs.row_dialog import RowDialog
from kosi_tui.faces.tui.widgets.marked_list import CheckList
from kosi_tui.paths import bundled_canvases
from kosi_tui.storage.canvas_file import load_canvas

CANVAS = bundled_canvases() / "koinvestition-fahrradgarage.yaml"


def table(key: str) -> Table:
    question = load_canvas(CANVAS).compiled.questions[key].question
    assert isinstance(question, Table)
    return question


async def test_the_row_form_fits_a_small_terminal() -> None:
    app = KosiApp("de")
    async with app.run_test(size=(80, 24)) as pilot:
        title = (
            "Neue Zeile: Was hat jede Partei davon, was riskiert sie – und unter welcher Bedingung?"
        )
        dialog = RowDialog(table("nutzen.tabelle"), None, "de", title)
        await app.push_screen(dialog)
        await pilot.pause()
        await pilot.pause()
        assert dialog.query_one(".dialog-body", VerticalScroll).scroll_y == 0
        first_label = dialog.query(Label)[1]
        assert str(first_label.render()).startswith("Partei")
        assert first_label.region.height > 0 and first_label.region.y >= 0
        heading = dialog.query_one(".dialog-title", Label)
        assert heading.region.height >= 2  # wrapped, not cut at the frame
        screen = app.screen.region
        for button in dialog.query(Button):
            assert screen.contains_region(button.region), button.id


async def test_ticks_in_a_multiple_choice_cell_are_kept() -> None:
    app = KosiApp("de")
    async with app.run_test(size=(100, 40)) as pilot:
        rows: list[object] = []
        check = table("kopro.parteien")
        dialog = RowDialog(check, {"partei": "Stadt"}, "de", "Zeile")
        await app.push_screen(dialog, rows.append)
        await pilot.pause()
        ticks = dialog.query_one(CheckList)
        ticks.focus()
        await pilot.press("space", "down", "down", "space", "ctrl+s")
        await pilot.pause()
        choices = check.columns[1].choices or []
        assert rows == [{"partei": "Stadt", "merkmale": [choices[0].id, choices[2].id]}]
