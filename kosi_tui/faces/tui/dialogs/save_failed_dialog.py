"""Saving failed: say why, keep the answers, offer another place. Returns the choice made."""

from __future__ import annotations

from typing import Literal, get_args

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Static

from kosi_tui.faces.tui.markup import as_typed
from kosi_tui.faces.tui.screens.base import KosiDialog
from kosi_tui.i18n import t

Choice = Literal["elsewhere", "retry", "quit", "close"]


class SaveFailedDialog(KosiDialog[Choice]):
    """A blocking notice; with `quitting`, it also offers to quit without saving."""

    def __init__(self, message: str, quitting: bool = False, elsewhere: bool = True) -> None:
        super().__init__(classes="dialog")
        self.message, self.quitting = message, quitting
        self.elsewhere = elsewhere
        """Whether saving to another file is offered (not in a served workshop)."""

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(classes="dialog-box dialog-error"):
            yield Label(t("ui.save_failed_title", lang), classes="dialog-title")
            yield Static(as_typed(self.message), classes="dialog-text")
            yield Static(t("ui.save_failed_keep", lang), classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                if self.elsewhere:
                    yield Button(t("ui.save_elsewhere", lang), variant="primary", id="elsewhere")
                yield Button(t("ui.save_retry", lang), id="retry")
                if self.quitting:
                    yield Button(t("ui.save_quit_anyway", lang), variant="error", id="quit")
                else:
                    yield Button(t("ui.save_close", lang), id="close")

    def on_mount(self) -> None:
        self._focus_first()

    async def language_changed(self, lang: str) -> None:
        # The message came in the language it was made in; the labels follow.
        await self.recompose()
        self._focus_first()

    def _focus_first(self) -> None:
        self.query_one("#elsewhere" if self.elsewhere else "#retry", Button).focus()

    @on(Button.Pressed)
    def _chosen(self, event: Button.Pressed) -> None:
        for choice in get_args(Choice):
            if event.button.id == choice:
                self.dismiss(choice)
