"""One answer changed here and elsewhere: both versions, one above the other; returns the one to
keep. The arrow and page keys scroll the versions while the focus stays on the buttons."""

from __future__ import annotations

from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, Static

from kosi_tui.faces.tui.markup import as_typed
from kosi_tui.faces.tui.screens.base import KosiDialog
from kosi_tui.i18n import t

Kept = Literal["ours", "theirs"]


class ConflictDialog(KosiDialog[Kept]):
    """Shows the question, this window's answer and the other one; Esc keeps this window's."""

    BINDINGS = [
        Binding("escape", "keep_ours", show=False),
        # Both versions rarely fit at 80x24: the keys scroll them without leaving the buttons
        # (the other version was below the fold, reachable only by tabbing into the text).
        Binding("up", "scroll_versions('up')", show=False),
        Binding("down", "scroll_versions('down')", show=False),
        Binding("pageup", "scroll_versions('page_up')", show=False),
        Binding("pagedown,space", "scroll_versions('page_down')", show=False),
        Binding("home", "scroll_versions('home')", show=False),
        Binding("end", "scroll_versions('end')", show=False),
    ]

    def __init__(
        self, question: str, ours: str, theirs: str, where: str, n: int, total: int
    ) -> None:
        super().__init__(classes="dialog")
        self.question, self.ours, self.theirs, self.where = question, ours, theirs, where
        self.n, self.total = n, total

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(classes="dialog-box"):
            yield Label(
                t("ui.conflict_title", lang, n=self.n, total=self.total), classes="dialog-title"
            )
            with VerticalScroll(classes="dialog-body", can_focus=False):
                yield Static(f"[b]{as_typed(self.question)}[/b]", classes="dialog-text")
                yield Static(t("ui.conflict_ours", lang), classes="dialog-note")
                yield Static(as_typed(self.ours), classes="dialog-text")
                yield Static(t("ui.conflict_theirs", lang, where=self.where), classes="dialog-note")
                yield Static(as_typed(self.theirs), classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("ui.conflict_keep_ours", lang), variant="primary", id="ours")
                yield Button(t("ui.conflict_take_theirs", lang), id="theirs")

    def on_mount(self) -> None:
        self.query_one("#ours", Button).focus()

    def action_scroll_versions(self, how: str) -> None:
        """Scrolls the two versions: up, down, page_up, page_down, home or end."""
        body = self.query_one(".dialog-body", VerticalScroll)
        getattr(body, f"scroll_{how}")(animate=False)

    async def language_changed(self, lang: str) -> None:
        await self.recompose()
        self.query_one("#ours", Button).focus()

    @on(Button.Pressed, "#ours")
    def action_keep_ours(self) -> None:
        """Keeps this window's answer."""
        self.dismiss("ours")

    @on(Button.Pressed, "#theirs")
    def _take_theirs(self) -> None:
        self.dismiss("theirs")
