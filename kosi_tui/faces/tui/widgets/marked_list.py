"""Choices as one list widget, each with a mark that says its state: ◉/○ for one of several,
☑/☐ for any number.

The state is a symbol, so it reads the same in a monochrome terminal, on a projector and in a
screen reader's text; colour only adds to it. Long labels wrap under themselves, not under the
mark. One widget for all choices also mounts far faster than a radio button per choice.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList

from kosi_tui.faces.tui.widgets.hanging import Hanging


class MarkedList(OptionList):
    """Enter, Space or a click acts on the highlighted choice; subclasses say how."""

    BINDINGS = [Binding("space", "select", show=False)]
    MARKS = ("●", "○")
    """The marks of a chosen and of an open choice."""

    def __init__(
        self, labels: list[str], chosen: set[int], id: str | None = None, classes: str = ""
    ) -> None:
        self.labels = labels
        self.chosen = set(chosen)
        super().__init__(*[self._prompt(i) for i in range(len(labels))], id=id, classes=classes)

    def _prompt(self, index: int) -> Hanging:
        mark = self.MARKS[0] if index in self.chosen else self.MARKS[1]
        return Hanging(Text(mark), Text(self.labels[index]))  # Text: labels shown as written

    def relabel(self) -> None:
        """Draws every choice again, after `labels` changed (another language)."""
        self._show(set(range(len(self.labels))))

    def _show(self, indexes: set[int]) -> None:
        for index in sorted(indexes):
            self.replace_option_prompt_at_index(index, self._prompt(index))


class ChoiceList(MarkedList):
    """Exactly one choice: choosing one gives up the one before."""

    MARKS = ("◉", "○")

    class Chosen(Message):
        """The chosen choice changed (`index` None: none is chosen)."""

        def __init__(self, choice_list: ChoiceList, index: int | None) -> None:
            super().__init__()
            self.choice_list = choice_list
            self.index = index

    def __init__(self, labels: list[str], chosen: int | None, classes: str = "") -> None:
        super().__init__(labels, set() if chosen is None else {chosen}, classes=classes)
        if chosen is not None:
            self.highlighted = chosen

    def choose(self, index: int | None) -> None:
        """Chooses `index` (None: nothing) and tells the question."""
        before, self.chosen = self.chosen, (set() if index is None else {index})
        self._show(before | self.chosen)
        self.post_message(self.Chosen(self, index))

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.choose(event.option_index)


class CheckList(MarkedList):
    """Any number of choices: Enter, Space or a click ticks or unticks one."""

    MARKS = ("☑", "☐")

    class Changed(Message):
        """The ticked choices changed."""

        def __init__(self, check_list: CheckList) -> None:
            super().__init__()
            self.check_list = check_list

    def toggle(self, index: int) -> None:
        """Ticks or unticks one choice and tells the question."""
        self.chosen ^= {index}
        self._show({index})
        self.post_message(self.Changed(self))

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.toggle(event.option_index)
