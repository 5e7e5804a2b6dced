"""A notice with one button (used for "the canvas has changed")."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, Static

from kosi_tui.faces.tui.markup import as_typed
from kosi_tui.faces.tui.screens.base import KosiDialog


class MessageDialog(KosiDialog[None]):
    """A title, some lines of text and an OK button."""

    BINDINGS = [Binding("escape", "close", show=False)]

    def __init__(self, title: str, lines: list[str], button: str) -> None:
        super().__init__(classes="dialog")
        self.title_text, self.lines, self.button = title, lines, button

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(as_typed(self.title_text), classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                for line in self.lines:
                    yield Static(as_typed(line), classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.button, variant="primary", id="ok")

    def on_mount(self) -> None:
        self.query_one("#ok", Button).focus()

    @on(Button.Pressed, "#ok")
    def action_close(self) -> None:
        """Closes the notice."""
        self.dismiss(None)
