"""Text between questions."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from kosi_tui.core.canvas import Info
from kosi_tui.core.text import localize
from kosi_tui.faces.tui.markup import as_typed
from kosi_tui.faces.tui.widgets.question import QuestionWidget
from kosi_tui.faces.tui.widgets.registry import widget_for


@widget_for(Info)
class InfoBlock(QuestionWidget):
    """A note that takes no answer."""

    question: Info

    def compose(self) -> ComposeResult:
        yield Static(self._text(), classes="info-text")

    def _text(self) -> str:
        return as_typed(localize(self.question.label, self.lang))

    def relabel(self) -> None:
        self.query_one(".info-text", Static).update(self._text())
