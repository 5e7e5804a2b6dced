"""A table question: rows shown in a grid; add, edit and remove rows in a dialog."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, DataTable

from kosi_tui.core.canvas import Table
from kosi_tui.core.display import cell_text
from kosi_tui.core.text import localize
from kosi_tui.faces.tui.dialogs.confirm_dialog import ConfirmDialog
from kosi_tui.faces.tui.dialogs.row_dialog import RowDialog
from kosi_tui.faces.tui.widgets.question import QuestionWidget
from kosi_tui.faces.tui.widgets.registry import widget_for
from kosi_tui.i18n import t


class Rows(DataTable[str]):
    """The grid of rows."""

    BINDINGS = [
        Binding("delete", "remove_row", "Zeile löschen", show=False),
        Binding("insert", "add_row", "Zeile hinzufügen", show=False),
    ]

    class RemoveAsked(Message):
        """Delete was pressed on the row at `index`."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class AddAsked(Message):
        """Insert was pressed: a new row is wanted."""

    class Resized(Message):
        """The grid's width changed: whether columns are cut may have changed too."""

    def action_remove_row(self) -> None:
        """Removes the row under the cursor."""
        if self.row_count:
            self.post_message(self.RemoveAsked(self.cursor_row))

    def action_add_row(self) -> None:
        """Opens the dialog for a new row."""
        self.post_message(self.AddAsked())

    @property
    def cut(self) -> bool:
        """Whether columns lie beyond the right edge."""
        return self.virtual_size.width > self.scrollable_content_region.width

    def on_resize(self) -> None:
        self.post_message(self.Resized())


@widget_for(Table)
class TableQuestion(QuestionWidget):
    """Rows of typed columns."""

    question: Table

    def compose_input(self) -> ComposeResult:
        grid = Rows(cursor_type="row", zebra_stripes=True, classes="answer-table")
        yield grid
        yield Button(t("ui.add_row", self.lang), classes="add-row")

    def lines_at_least(self) -> int:
        return 8

    @property
    def rows(self) -> list[dict[str, Any]]:
        """The rows as they stand."""
        return (
            [dict(r) for r in self.value if isinstance(r, dict)]
            if isinstance(self.value, list)
            else []
        )

    def on_mount(self) -> None:
        grid = self.query_one(Rows)
        grid.add_columns(*[localize(c.label, self.lang) for c in self.question.columns])
        self._show()

    def relabel_input(self) -> None:
        self.query_one(".add-row", Button).label = t("ui.add_row", self.lang)
        grid = self.query_one(Rows)
        cursor = grid.cursor_coordinate
        grid.clear(columns=True)
        grid.add_columns(*[localize(c.label, self.lang) for c in self.question.columns])
        self._show()
        grid.cursor_coordinate = cursor

    def _show(self) -> None:
        grid = self.query_one(Rows)
        grid.clear()
        for row in self.rows:
            grid.add_row(*[cell_text(c, row.get(c.id), self.lang) for c in self.question.columns])
        grid.display = bool(self.rows)
        self.describe()
        self.call_after_refresh(self.describe)  # the grid's width is known after layout

    def describe(self) -> None:
        """The keys, and a word that more columns lie to the right where the grid is cut."""
        if not self.rows:
            self.set_hint("")
            return
        keys = t("ui.table_keys", self.lang)
        cut = self.query_one(Rows).cut
        self.set_hint(f"{keys} {t('ui.table_more_columns', self.lang)}" if cut else keys)

    def _store(self, rows: list[dict[str, Any]]) -> None:
        self.answer(rows or None)
        self._show()

    @on(Button.Pressed, ".add-row")
    @on(Rows.AddAsked)
    def _add_pressed(self, event: Button.Pressed | Rows.AddAsked) -> None:
        event.stop()
        self.add_row()

    @on(Rows.Resized)
    def _resized(self, event: Rows.Resized) -> None:
        event.stop()
        self.describe()

    @on(Rows.RemoveAsked)
    def _remove(self, event: Rows.RemoveAsked) -> None:
        """Removes one row, after asking: a row holds several cells of work, one key is cheap."""
        event.stop()
        index, rows, lang = event.index, self.rows, self.lang
        if not 0 <= index < len(rows):
            return
        first = self.question.columns[0]
        name = cell_text(first, rows[index].get(first.id), lang)
        live = self._live_one()

        def answered(remove: bool | None) -> None:
            table = live()
            if remove and table is not None:
                kept = table.rows
                if index < len(kept):
                    kept.pop(index)
                    table._store(kept)

        self._ask(
            ConfirmDialog(
                t("ui.row_remove", lang, n=index + 1, name=name),
                t("ui.delete", lang),
                t("ui.cancel", lang),
            ),
            answered,
        )

    def _ask(self, dialog: Screen[Any], done: Callable[[Any], None]) -> None:
        """Opens `dialog` on behalf of the screen: Textual hands a dialog's answer to whoever
        opened it, and this widget may be gone by then (answers taken in from another copy of the
        draft mount the section again), which would drop the row typed."""
        self.screen.call_later(self.app.push_screen, dialog, done)

    def _live_one(self) -> Callable[[], TableQuestion | None]:
        """What finds this question on screen when a row dialog closes: this widget, or the
        one that replaced it while the dialog was open (answers taken in from another copy of
        the draft mount the section again), so the row is not lost."""
        screen = self.screen

        def live() -> TableQuestion | None:
            if self.is_attached:
                return self
            found = (w for w in screen.query(TableQuestion) if w.key == self.key)
            return next(found, None)

        return live

    def add_row(self) -> None:
        """Asks for a new row."""

        live = self._live_one()

        def done(row: dict[str, Any] | None) -> None:
            table = live()
            if row and table is not None:
                table._store([*table.rows, row])

        label = self.question.label

        def title(lang: str) -> str:
            return t("ui.new_row", lang, question=localize(label, lang))

        self._ask(RowDialog(self.question, None, title), done)

    @on(DataTable.RowSelected)
    def _edit(self, event: DataTable.RowSelected) -> None:
        event.stop()
        index = event.cursor_row

        live = self._live_one()

        def done(row: dict[str, Any] | None) -> None:
            table = live()
            if row is not None and table is not None:
                rows = table.rows
                if index < len(rows):
                    rows[index] = row
                    table._store(rows)

        def title(lang: str) -> str:
            return t("ui.edit_row", lang, n=index + 1)

        self._ask(RowDialog(self.question, self.rows[index], title), done)
