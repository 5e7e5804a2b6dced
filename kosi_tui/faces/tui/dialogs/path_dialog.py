"""Asks for a file path (export, saving elsewhere); returns it, or None to cancel."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from kosi_tui.faces.tui.markup import as_typed
from kosi_tui.faces.tui.screens.base import KosiDialog
from kosi_tui.i18n import t
from kosi_tui.paths import typed_path


class PathDialog(KosiDialog[Path | None]):
    """One line for a path, prefilled with a suggestion."""

    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(
        self, title: str, label: str, suggestion: Path, button: str, cancel: str, note: str = ""
    ) -> None:
        super().__init__(classes="dialog")
        self.title_text, self.label, self.suggestion = title, label, suggestion
        self.button, self.cancel_text, self.note = button, cancel, note

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(as_typed(self.title_text), classes="dialog-title")
            if self.note:
                yield Static(as_typed(self.note), classes="dialog-text")
            yield Label(as_typed(self.label), classes="field-label")
            yield Input(str(self.suggestion), id="path")
            yield Static("", id="path-error", classes="question-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.button, variant="primary", id="ok")
                yield Button(self.cancel_text, id="cancel")

    def on_mount(self) -> None:
        self.query_one("#path-error").display = False
        self.query_one("#path", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        text = self.query_one("#path", Input).value.strip()
        if not text:
            return
        path = typed_path(text)
        if path is None:
            error = self.query_one("#path-error", Static)
            error.update(as_typed(t("ui.path_no_home", self.lang, path=text)))
            error.display = True
            return
        self.dismiss(path)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Closes without a path."""
        self.dismiss(None)
