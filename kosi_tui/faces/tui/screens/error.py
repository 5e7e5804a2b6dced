"""When a canvas or draft cannot be opened: the file, the line, what is wrong and what to do."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Static

from kosi_tui.faces.tui.bindings import localize_bindings
from kosi_tui.faces.tui.markup import as_typed
from kosi_tui.faces.tui.widgets.footer import QuietFooter
from kosi_tui.i18n import t
from kosi_tui.storage.problems import Problem


class ErrorScreen(Screen[None]):
    """Lists the problems; Enter or Escape returns to the home screen."""

    CSS_PATH = Path(__file__).parent / "error.tcss"
    BINDINGS = [Binding("escape", "back", "Zurück", id="back")]

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        lang = str(getattr(self.app, "lang", "de"))
        with Vertical(id="error-box"):
            yield Static(f"[b]{t('ui.error_title', lang)}[/b]", id="error-title")
            with VerticalScroll(id="error-list"):
                for problem in self.problems:
                    where = f"{problem.file}:{problem.line}:{problem.col}"
                    yield Static(
                        f"[b]{as_typed(where)}[/b]\n{as_typed(problem.message(lang))}",
                        classes="problem",
                    )
            yield Static(t("ui.error_hint", lang), id="error-hint")
            yield Button(t("ui.error_back", lang), variant="primary", id="home")
        yield QuietFooter()

    def on_mount(self) -> None:
        localize_bindings(self, str(getattr(self.app, "lang", "de")))
        self.query_one("#home", Button).focus()

    @on(Button.Pressed, "#home")
    def action_back(self) -> None:
        """Back to the home screen."""
        self.dismiss(None)
