"""When a canvas or draft cannot be opened: the file, the line, what is wrong and what to do."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Button, Static

from kosi_tui.faces.tui.markup import as_typed, shown_path
from kosi_tui.faces.tui.screens.base import KosiScreen
from kosi_tui.faces.tui.widgets.footer import QuietFooter
from kosi_tui.i18n import t
from kosi_tui.storage.problems import Problem


class ErrorScreen(KosiScreen[None]):
    """Lists the problems; Enter or Escape returns to the home screen."""

    CSS_PATH = Path(__file__).parent / "error.tcss"
    BINDINGS = [Binding("escape", "back", "Zurück", id="back")]

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(id="error-box"):
            yield Static(f"[b]{t('ui.error_title', lang)}[/b]", id="error-title")
            with VerticalScroll(id="error-list"):
                for problem in self.problems:
                    where = f"{shown_path(problem.file)}:{problem.line}:{problem.col}"
                    yield Static(
                        f"[b]{where}[/b]\n{as_typed(problem.message(lang))}",
                        classes="problem",
                    )
            yield Static(t("ui.error_hint", lang), id="error-hint")
            yield Button(t("ui.error_back", lang), variant="primary", id="home")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.query_one("#home", Button).focus()

    async def language_changed(self, lang: str) -> None:
        await self.recompose()
        self.query_one("#home", Button).focus()

    @on(Button.Pressed, "#home")
    def action_back(self) -> None:
        """Back to the home screen."""
        self.dismiss(None)
