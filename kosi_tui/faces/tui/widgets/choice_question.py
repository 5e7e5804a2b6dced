"""Single choice as a radio list, multiple choice as a selection list."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import RadioButton, RadioSet, SelectionList

from kosi_tui.core.canvas import MultiChoice, SingleChoice
from kosi_tui.core.text import localize
from kosi_tui.faces.tui.markup import as_typed
from kosi_tui.faces.tui.widgets.question import QuestionWidget


class SingleChoiceQuestion(QuestionWidget):
    """Exactly one of several choices; Delete clears the answer."""

    question: SingleChoice
    BINDINGS = [Binding("delete", "clear", "Leeren", show=False)]

    def compose_input(self) -> ComposeResult:
        with RadioSet(classes="answer-choices"):
            for choice in self.question.choices:
                yield RadioButton(
                    as_typed(localize(choice.label, self.lang)), value=choice.id == self.value
                )

    @on(RadioSet.Changed)
    def _changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        if event.index >= 0:
            self.answer(self.question.choices[event.index].id)

    def action_clear(self) -> None:
        """Removes the answer."""
        for button in self.query(RadioButton):
            button.value = False
        self.answer(None)


class MultiChoiceQuestion(QuestionWidget):
    """Any number of choices, in the canvas's order."""

    question: MultiChoice

    def compose_input(self) -> ComposeResult:
        chosen = set(self.value or [])
        yield SelectionList[str](
            *[
                (as_typed(localize(c.label, self.lang)), c.id, c.id in chosen)
                for c in self.question.choices
            ],
            classes="answer-choices",
        )

    @on(SelectionList.SelectedChanged)
    def _changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        event.stop()
        selected = set(event.selection_list.selected)
        self.answer([c.id for c in self.question.choices if c.id in selected])
