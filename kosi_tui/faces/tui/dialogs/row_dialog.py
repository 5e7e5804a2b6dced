"""Editing one row of a table question: a field per column; returns the row, or None to cancel."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from kosi_tui.core.canvas import Column, Table
from kosi_tui.core.numbers import format_number, parse_number
from kosi_tui.core.text import localize
from kosi_tui.faces.tui.markup import as_typed
from kosi_tui.faces.tui.widgets.marked_list import CheckList
from kosi_tui.i18n import t


class RowDialog(ModalScreen[dict[str, Any] | None]):
    """One row: text and number columns as lines, choice columns as lists."""

    BINDINGS = [
        Binding("escape", "cancel", "Abbrechen"),
        Binding("ctrl+s", "accept", "Übernehmen"),
    ]

    def __init__(self, table: Table, row: dict[str, Any] | None, lang: str, title: str) -> None:
        super().__init__(classes="dialog")
        self.table = table
        self.row = dict(row or {})
        self.lang = lang
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(as_typed(self.title_text), classes="dialog-title")
            with VerticalScroll(classes="dialog-body", can_focus=False):
                for column in self.table.columns:
                    mark = f" {t('ui.required_mark', self.lang)}" if column.required else ""
                    yield Label(
                        as_typed(localize(column.label, self.lang)) + mark, classes="field-label"
                    )
                    yield self._field(column)
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("ui.accept", self.lang), variant="primary", id="accept")
                yield Button(t("ui.cancel", self.lang), id="cancel")

    def on_mount(self) -> None:
        first = self.table.columns[0]
        self.query_one(f"#col-{first.id}").focus()
        # Focusing scrolls the first field to the top edge, hiding its label above it.
        body = self.query_one(".dialog-body", VerticalScroll)
        self.call_after_refresh(body.scroll_home, animate=False)

    def _field(self, column: Column) -> Any:
        value = self.row.get(column.id)
        field_id = f"col-{column.id}"
        if column.type == "choice":
            options = [(localize(c.label, self.lang), c.id) for c in column.choices or []]
            return Select(
                options,
                value=value if value in {c.id for c in column.choices or []} else Select.NULL,
                prompt=t("ui.choose", self.lang),
                id=field_id,
            )
        if column.type == "multi_choice":
            chosen = set(value or []) if isinstance(value, list) else set()
            choices = column.choices or []
            return CheckList(
                [localize(c.label, self.lang) for c in choices],
                {i for i, c in enumerate(choices) if c.id in chosen},
                id=field_id,
                classes="dialog-multi",
            )
        if column.type == "number" and isinstance(value, int | float):
            return Input(format_number(value, self.lang), id=field_id)
        return Input("" if value is None else str(value), id=field_id)

    def _read(self) -> dict[str, Any]:
        row: dict[str, Any] = {}
        for column in self.table.columns:
            widget = self.query_one(f"#col-{column.id}")
            value: Any
            if isinstance(widget, Select):
                value = None if widget.value is Select.NULL else widget.value
            elif isinstance(widget, CheckList):
                ticked = widget.chosen
                value = [c.id for i, c in enumerate(column.choices or []) if i in ticked] or None
            else:
                assert isinstance(widget, Input)
                text = widget.value.strip()
                value = text or None
                if column.type == "number" and text:
                    number = parse_number(text, self.lang)
                    # Kept as typed when unreadable; the table shows what needs fixing.
                    value = number if number is not None else text
                    if column.integer and isinstance(value, float) and value.is_integer():
                        value = int(value)
            if value is not None:
                row[column.id] = value
        return row

    def action_accept(self) -> None:
        """Returns the row as filled in."""
        self.dismiss(self._read())

    def action_cancel(self) -> None:
        """Closes without changes."""
        self.dismiss(None)

    @on(Button.Pressed, "#accept")
    def _accept(self) -> None:
        self.action_accept()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.action_cancel()

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()
