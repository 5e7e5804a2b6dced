"""Editing one row of a table question: a field per column; returns the row, or None to cancel.

Each cell is checked as it is typed, with a message under the field that names the column. A row
with a cell that does not fit is not taken over, and typed work is never dropped without asking.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from kosi_tui.core.canvas import Column, Table
from kosi_tui.core.kinds.base import is_number
from kosi_tui.core.numbers import format_number
from kosi_tui.core.text import localize
from kosi_tui.core.validation import cell_issues
from kosi_tui.faces.tui.dialogs.confirm_dialog import ConfirmDialog
from kosi_tui.faces.tui.markup import as_typed
from kosi_tui.faces.tui.screens.base import KosiDialog
from kosi_tui.faces.tui.widgets.footer import QuietFooter
from kosi_tui.faces.tui.widgets.marked_list import CheckList
from kosi_tui.i18n import t


class RowDialog(KosiDialog[dict[str, Any] | None]):
    """One row: text and number columns as lines, choice columns as lists."""

    # The dialog's own footer: the filling screen's keys (F5, F7, F8) do nothing here.
    BINDINGS = [
        Binding("escape", "cancel", "Abbrechen", id="row_cancel"),
        Binding("ctrl+s", "accept", "Übernehmen", id="row_accept"),
        Binding("tab", "app.focus_next", "Nächstes Feld", id="row_next"),
    ]

    def __init__(
        self, table: Table, row: dict[str, Any] | None, title: str | Callable[[str], str]
    ) -> None:
        """`title` is the heading, or what makes it in a language (it then follows a switch)."""
        super().__init__(classes="dialog")
        self.table = table
        self.row = dict(row or {})
        self.title_of = title if callable(title) else lambda lang: title
        self._shown_lang = self.lang
        """The language the fields were made in: typed numbers are read in it."""
        self._initial: dict[str, Any] = {}
        self._discarded = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(as_typed(self.title_of(self.lang)), classes="dialog-title")
            with VerticalScroll(classes="dialog-body", can_focus=False):
                for column in self.table.columns:
                    yield Label(self._label(column), id=f"label-{column.id}", classes="field-label")
                    yield self._field(column)
                    error = Static("", id=f"err-{column.id}", classes="question-error")
                    error.display = False
                    yield error
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("ui.accept", self.lang), variant="primary", id="accept")
                yield Button(t("ui.cancel", self.lang), id="cancel")
        yield QuietFooter()

    def _label(self, column: Column) -> str:
        mark = f" {t('ui.required_mark', self.lang)}" if column.required else ""
        return as_typed(localize(column.label, self.lang)) + mark

    async def language_changed(self, lang: str) -> None:
        # Relabelled in place: what is typed into the fields stays, a number keeps its value
        # (12,5 in German is written 12.5 in English, not read as 125).
        before, self._shown_lang = self._shown_lang, lang
        self.query_one(".dialog-title", Label).update(as_typed(self.title_of(lang)))
        for column in self.table.columns:
            self.query_one(f"#label-{column.id}", Label).update(self._label(column))
            self._relabel_field(column, before)
            if self.query_one(f"#err-{column.id}").display:
                self._check(column)
        self.query_one("#accept", Button).label = t("ui.accept", lang)
        self.query_one("#cancel", Button).label = t("ui.cancel", lang)

    def _relabel_field(self, column: Column, before: str) -> None:
        """One field in the interface language now, holding what it held."""
        widget = self.query_one(f"#col-{column.id}")
        choices = column.choices or []
        labels = [localize(c.label, self.lang) for c in choices]
        if isinstance(widget, Select):
            value = widget.value
            widget.prompt = t("ui.choose", self.lang)
            with widget.prevent(Select.Changed):
                widget.set_options(zip(labels, [c.id for c in choices], strict=True))
                widget.value = value
        elif isinstance(widget, CheckList):
            widget.labels = labels
            widget.relabel()
        elif isinstance(widget, Input) and column.type == "number":
            parsed = column.parse(widget.value.strip(), before)
            if widget.value.strip() and parsed.issue is None and is_number(parsed.value):
                with widget.prevent(Input.Changed):
                    widget.value = format_number(parsed.value, self.lang)

    def on_mount(self) -> None:
        self._initial = self._read()
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
                value=value if value in [c.id for c in column.choices or []] else Select.NULL,
                prompt=t("ui.choose", self.lang),
                id=field_id,
            )
        if column.type == "multi_choice":
            # Ids only: a mapping in a hand-edited draft is no choice (and cannot be in a set).
            chosen = {v for v in value if isinstance(v, str)} if isinstance(value, list) else set()
            choices = column.choices or []
            return CheckList(
                [localize(c.label, self.lang) for c in choices],
                {i for i, c in enumerate(choices) if c.id in chosen},
                id=field_id,
                classes="dialog-multi",
            )
        if column.type == "number" and is_number(value):
            return Input(format_number(value, self.lang), id=field_id, select_on_focus=False)
        # No select-all on focus: one key must not replace a cell being corrected. A cell that
        # holds no text (a hand-edited draft) starts empty instead of showing a Python value.
        text = value if isinstance(value, str) else ""
        return Input(text, id=field_id, select_on_focus=False)

    def _cell(self, column: Column) -> Any:
        widget = self.query_one(f"#col-{column.id}")
        if isinstance(widget, Select):
            return None if widget.value is Select.NULL else widget.value
        if isinstance(widget, CheckList):
            ticked = widget.chosen
            return [c.id for i, c in enumerate(column.choices or []) if i in ticked] or None
        assert isinstance(widget, Input)
        text = widget.value.strip()
        parsed = column.parse(text, self.lang)
        # Kept as typed when unreadable: the check below then asks for a correction.
        return text if parsed.issue is not None else parsed.value

    def _read(self) -> dict[str, Any]:
        cells = {column.id: self._cell(column) for column in self.table.columns}
        return {key: value for key, value in cells.items() if value is not None}

    def _check(self, column: Column) -> bool:
        """Shows what is wrong with one cell under its field; True when it fits.

        An empty required cell is not refused here: the table names it afterwards, and a row
        may be completed later.
        """
        issues = [i for i in cell_issues(column, self._cell(column)) if i.code != "cell_required"]
        error = self.query_one(f"#err-{column.id}", Static)
        error.update(as_typed("\n".join(f"✗ {i.message(self.lang)}" for i in issues)))
        error.display = bool(issues)
        if issues:
            # The message sits under the field, often below the dialog's fold at 80x24.
            self.call_after_refresh(error.scroll_visible, animate=False)
        return not issues

    def _column_of(self, widget: Widget | None) -> Column | None:
        field_id = (widget.id or "") if widget is not None else ""
        return next((c for c in self.table.columns if f"col-{c.id}" == field_id), None)

    @on(Input.Changed)
    @on(Select.Changed)
    @on(CheckList.Changed)
    def _changed(self, event: Input.Changed | Select.Changed | CheckList.Changed) -> None:
        widget = event.check_list if isinstance(event, CheckList.Changed) else event.control
        column = self._column_of(widget)
        if column is not None:
            self._check(column)

    @property
    def changed(self) -> bool:
        """Whether anything was typed or chosen since the dialog opened."""
        return self._read() != self._initial

    def action_accept(self) -> None:
        """Returns the row as filled in; a cell that does not fit keeps the dialog open."""
        misfits = [c for c in self.table.columns if not self._check(c)]
        if misfits:
            self.query_one(f"#col-{misfits[0].id}").focus()
            return
        self.dismiss(self._read())

    def action_cancel(self) -> None:
        """Closes without changes; asks first when something was typed."""
        if not self.changed:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        lang = self.lang
        self.app.push_screen(
            ConfirmDialog(
                t("ui.row_discard", lang), t("ui.row_discard_yes", lang), t("ui.row_keep", lang)
            ),
            answered,
        )

    def asks_before_quitting(self) -> bool:
        """Asked by the app before quitting: True when this dialog asks first (and quits later).

        Quitting saves the draft, but a row still in this dialog is not part of it yet.
        """
        if self._discarded or not self.changed:
            return False

        def answered(discard: bool | None) -> None:
            if discard:
                self._discarded = True
                self.dismiss(None)
                self.app.call_later(self.app.action_quit)

        lang = self.lang
        self.app.push_screen(
            ConfirmDialog(
                t("ui.row_quit", lang), t("ui.row_quit_yes", lang), t("ui.row_keep", lang)
            ),
            answered,
        )
        return True

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
