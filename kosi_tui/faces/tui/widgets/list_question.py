"""A list of short texts: type and press Enter to add; Delete removes, Alt+↑/↓ moves, Enter edits."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from kosi_tui.core.canvas import ListQuestion
from kosi_tui.faces.tui.markup import as_typed
from kosi_tui.faces.tui.widgets.question import QuestionWidget
from kosi_tui.faces.tui.widgets.registry import widget_for
from kosi_tui.i18n import t


class ListItems(OptionList):
    """The items entered so far."""

    BINDINGS = [
        Binding("delete,backspace", "remove", "Entfernen", show=False),
        Binding("alt+up", "shift(-1)", show=False),
        Binding("alt+down", "shift(1)", show=False),
    ]

    class Moved(Message):
        """The item at `index` is to move by `step` (None: to be removed)."""

        def __init__(self, index: int, step: int | None) -> None:
            super().__init__()
            self.index, self.step = index, step

    def action_remove(self) -> None:
        """Removes the highlighted item."""
        if self.highlighted is not None:
            self.post_message(self.Moved(self.highlighted, None))

    def action_shift(self, step: int) -> None:
        """Moves the highlighted item up or down."""
        if self.highlighted is not None:
            self.post_message(self.Moved(self.highlighted, step))


@widget_for(ListQuestion)
class ListQuestionWidget(QuestionWidget):
    """A list of short texts."""

    question: ListQuestion

    def compose_input(self) -> ComposeResult:
        yield ListItems(classes="answer-list")
        yield Input(placeholder=t("ui.list_add", self.lang), classes="answer-input list-new")

    @property
    def items(self) -> list[str]:
        """The items as they stand, as people read them (never as Python writes a value)."""
        return self.question.display(self.value, self.lang) if self.value is not None else []

    def on_mount(self) -> None:
        self._show(None)

    def relabel_input(self) -> None:
        self.query_one(".list-new", Input).placeholder = t("ui.list_add", self.lang)
        self._show(self.query_one(ListItems).highlighted)

    def _show(self, highlight: int | None) -> None:
        options = self.query_one(ListItems)
        options.clear_options()
        options.add_options(
            [Option(f"{n}. {as_typed(item)}") for n, item in enumerate(self.items, start=1)]
        )
        options.display = bool(self.items)
        if highlight is not None and self.items:
            options.highlighted = max(0, min(highlight, len(self.items) - 1))
        self.set_hint(t("ui.list_keys", self.lang) if self.items else "")

    def _store(self, items: list[str], highlight: int | None = None) -> None:
        self.answer(items or None)
        self._show(highlight)

    @on(Input.Submitted, ".list-new")
    def _add(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if text:
            self._store([*self.items, text])
            event.input.value = ""

    @on(OptionList.OptionSelected)
    def _edit(self, event: OptionList.OptionSelected) -> None:
        """Enter on an item moves it back into the entry line for editing."""
        event.stop()
        items = self.items
        text = items.pop(event.option_index)
        self._store(items)
        entry = self.query_one(".list-new", Input)
        entry.value = text
        entry.focus()

    @on(ListItems.Moved)
    def _moved(self, event: ListItems.Moved) -> None:
        """Removes or moves one item."""
        event.stop()
        items, index = self.items, event.index
        if not 0 <= index < len(items):
            return
        if event.step is None:
            items.pop(index)
            self._store(items, index)
            return
        target = index + event.step
        if 0 <= target < len(items):
            items[index], items[target] = items[target], items[index]
            self._store(items, target)
