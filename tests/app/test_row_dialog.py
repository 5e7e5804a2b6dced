"""The row form of a table question fits an 80x24 terminal: its first label and its buttons are
on screen, long titles wrap, and a tick in a multiple-choice cell is kept."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.containers import VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static
from textual.widgets._select import SelectOverlay

from kosi_tui.core.canvas import Table
from kosi_tui.faces.filling import Filling
from kosi_tui.faces.tui.app import KosiApp, Start
from kosi_tui.faces.tui.dialogs.confirm_dialog import ConfirmDialog
from kosi_tui.faces.tui.dialogs.row_dialog import RowDialog
from kosi_tui.faces.tui.widgets.hanging import Hanging
from kosi_tui.faces.tui.widgets.marked_list import CheckList
from kosi_tui.faces.tui.widgets.table_question import TableQuestion
from kosi_tui.paths import bundled_canvases
from kosi_tui.storage.canvas_file import load_canvas
from tests.app.driver import example_at, fill_screen, footer_keys
from tests.conftest import DATA

CANVAS = bundled_canvases() / "koinvestition-fahrradgarage.yaml"


def shown(app: App[Any]) -> object:
    """The screen on top now; read through a call, since a key may have changed it since the
    last `isinstance` check (which a type checker would otherwise hold on to)."""
    return app.screen


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
        dialog = RowDialog(table("nutzen.tabelle"), None, title)
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
        dialog = RowDialog(check, {"partei": "Stadt"}, "Zeile")
        await app.push_screen(dialog, rows.append)
        await pilot.pause()
        ticks = dialog.query_one(CheckList)
        ticks.focus()
        await pilot.press("space", "down", "down", "space", "ctrl+s")
        await pilot.pause()
        choices = check.columns[1].choices or []
        assert rows == [{"partei": "Stadt", "merkmale": [choices[0].id, choices[2].id]}]


RISKS = bundled_canvases() / "innovationslabor.yaml"


def risk_table() -> Table:
    question = load_canvas(RISKS).compiled.questions["risiken.top"].question
    assert isinstance(question, Table)
    return question


async def open_row(app: KosiApp, rows: list[object]) -> RowDialog:
    dialog = RowDialog(risk_table(), None, "Neue Zeile")
    await app.push_screen(dialog, rows.append)
    return dialog


@pytest.mark.parametrize(("typed", "message"), [
    ("7", "✗ „Wahrscheinlichkeit (1–5)“: Bitte eine Zahl zwischen 1 und 5 eingeben."),
    ("vier", "✗ „Wahrscheinlichkeit (1–5)“: Bitte geben Sie eine ganze Zahl ein, z. B. 12."),
])  # fmt: skip
async def test_cells_are_checked_as_typed_and_a_misfit_is_not_taken(
    typed: str, message: str
) -> None:
    app = KosiApp("de")
    async with app.run_test(size=(80, 24)) as pilot:
        rows: list[object] = []
        dialog = await open_row(app, rows)
        await pilot.pause()
        await pilot.press("R", "tab", *typed)
        await pilot.pause()
        error = dialog.query_one("#err-wahrscheinlichkeit", Static)
        assert error.display and str(error.render()) == message
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog and rows == []
        assert app.focused is dialog.query_one("#col-wahrscheinlichkeit")
        await pilot.press(*["backspace"] * len(typed), "4", "ctrl+s")
        await pilot.pause()
        assert rows == [{"risiko": "R", "wahrscheinlichkeit": 4}]


async def test_escape_asks_before_dropping_a_typed_row() -> None:
    app = KosiApp("de")
    async with app.run_test(size=(80, 24)) as pilot:
        rows: list[object] = []
        dialog = await open_row(app, rows)
        await pilot.pause()
        await pilot.press("R", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # no: keep editing
        await pilot.pause()
        assert shown(app) is dialog and rows == []
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("shift+tab", "enter")  # from "keep editing" to "discard"
        await pilot.pause()
        assert rows == [None]


async def test_escape_on_an_untouched_row_just_closes() -> None:
    app = KosiApp("de")
    async with app.run_test(size=(80, 24)) as pilot:
        rows: list[object] = []
        await open_row(app, rows)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert rows == [None]


async def test_ctrl_q_asks_before_dropping_a_typed_row(tmp_path: Path) -> None:
    async with example_at(tmp_path, "risiken.top", size=(80, 24)) as (pilot, fill):
        app = pilot.app
        table = fill.query_one("#q-risiken--top")
        assert isinstance(table, TableQuestion)
        table.add_row()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, RowDialog)
        await pilot.press("R", "ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert app.return_code is None  # still running
        await pilot.press("escape")
        await pilot.pause()
        assert shown(app) is dialog


async def test_the_row_form_footer_shows_the_keys_that_work_there() -> None:
    app = KosiApp("de")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_row(app, [])
        await pilot.pause()
        keys = footer_keys(app.screen)
        assert {"esc Abbrechen", "^s Übernehmen", "tab Nächstes Feld"} <= set(keys)
        assert not {key.split()[0] for key in keys} & {"f5", "f7", "f8"}


async def test_switching_the_language_relabels_everything_and_keeps_the_cells(
    kosi_home: Path, tmp_path: Path
) -> None:
    # Opened from the table itself, so the title is the one the question gives.
    canvases = kosi_home / "canvases"
    canvases.mkdir(parents=True)
    shutil.copy(DATA / "good" / "minimal.yaml", canvases / "minimal.yaml")
    draft = tmp_path / "entwurf.yaml"
    Filling.start(
        load_canvas(canvases / "minimal.yaml"), "Stadt", "Erika", "de", path=draft
    ).close()
    app = KosiApp("de", Start("draft", draft))
    async with app.run_test(size=(100, 40)) as pilot:
        fill = fill_screen(pilot)
        await fill.ready.wait()
        await fill.jump_to_question("akteure.tabelle")
        await pilot.pause()
        # By key, as people do: the dialog's answer then goes back to the widget that asked.
        fill.query_one(TableQuestion).query_one(".add-row", Button).focus()
        await pilot.press("enter")
        await pilot.pause()
        dialog = shown(app)
        assert isinstance(dialog, RowDialog)
        await pilot.press("K", "V", "tab")  # the Select stays empty: its prompt shows
        dialog.query_one("#col-stunden", Input).value = "12,5"
        await pilot.pause()
        title = dialog.query_one(".dialog-title", Label)
        select = dialog.query_one("#col-sektor", Select)
        assert str(title.render()) == "Neue Zeile: Wer ist beteiligt?"
        assert select.prompt == "Bitte wählen"

        app.lang = "en"
        await pilot.pause()
        assert str(title.render()) == "New row: Who is involved?"
        assert select.prompt == "Please choose"
        overlay = select.query_one(SelectOverlay)
        prompts = [str(overlay.get_option_at_index(i).prompt) for i in range(overlay.option_count)]
        assert prompts == ["Please choose", "Municipality", "Business"]
        assert dialog.query_one("#col-name", Input).value == "KV"
        # The number keeps its value: 12,5 in German is 12.5 in English, not 125.
        assert dialog.query_one("#col-stunden", Input).value == "12.5"
        select.value = "wirtschaft"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert fill.filling.session.answers["akteure.tabelle"] == [
            {"name": "KV", "sektor": "wirtschaft", "stunden": 12.5}
        ]


async def test_switching_the_language_relabels_ticks_and_keeps_them() -> None:
    app = KosiApp("de")
    async with app.run_test(size=(100, 40)) as pilot:
        check = table("kopro.parteien")
        chosen = (check.columns[1].choices or [])[1].id
        dialog = RowDialog(check, {"partei": "Stadt", "merkmale": [chosen]}, "Zeile")
        await app.push_screen(dialog)
        await pilot.pause()
        app.lang = "en"
        await pilot.pause()
        ticks = dialog.query_one(CheckList)
        assert ticks.labels[:2] == ["shares decisions", "helps implement"]
        prompt = ticks.get_option_at_index(1).prompt
        assert isinstance(prompt, Hanging) and prompt.text.plain == "helps implement"
        assert prompt.mark.plain == "☑" and ticks.chosen == {1}
