"""One of a kind's options as a ◉/○ list (single choice, yes/no), multiple choice as a ☑/☐ list
(see marked_list.py)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding

from kosi_tui.core.canvas import MultiChoice, SingleChoice
from kosi_tui.core.kinds.yes_no import YesNo
from kosi_tui.core.text import localize
from kosi_tui.faces.tui.widgets.marked_list import CheckList, ChoiceList
from kosi_tui.faces.tui.widgets.question import QuestionWidget
from kosi_tui.faces.tui.widgets.registry import widget_for


class OptionsQuestion(QuestionWidget):
    """Exactly one of the options the kind offers (◉/○); Delete clears the answer."""

    question: SingleChoice | YesNo
    BINDINGS = [Binding("delete", "clear", "Leeren", show=False)]

    def compose_input(self) -> ComposeResult:
        form = self.question.form(self.lang)
        self.option_values = [value for value, _ in form.options]
        chosen = next(
            (
                i
                for i, v in enumerate(self.option_values)
                if type(v) is type(self.value) and v == self.value
            ),
            None,
        )
        yield ChoiceList(form.labels, chosen, classes="answer-choices")

    def lines_at_least(self) -> int:
        return 2 + len(self.question.form(self.lang).options)

    @on(ChoiceList.Chosen)
    def _chosen(self, event: ChoiceList.Chosen) -> None:
        event.stop()
        self.answer(None if event.index is None else self.option_values[event.index])

    def action_clear(self) -> None:
        """Removes the answer."""
        self.query_one(ChoiceList).choose(None)

    def relabel_input(self) -> None:
        choices = self.query_one(ChoiceList)
        choices.labels = self.question.form(self.lang).labels
        choices.relabel()


@widget_for(SingleChoice)
class SingleChoiceQuestion(OptionsQuestion):
    """Exactly one of several choices."""

    question: SingleChoice


@widget_for(MultiChoice)
class MultiChoiceQuestion(QuestionWidget):
    """Any number of choices, in the canvas's order."""

    question: MultiChoice

    def compose_input(self) -> ComposeResult:
        # Ids only: a mapping in a hand-edited draft is no choice (and cannot be in a set).
        chosen = (
            {v for v in self.value if isinstance(v, str)} if isinstance(self.value, list) else set()
        )
        yield CheckList(
            [localize(c.label, self.lang) for c in self.question.choices],
            {i for i, c in enumerate(self.question.choices) if c.id in chosen},
            classes="answer-choices",
        )

    def lines_at_least(self) -> int:
        return 2 + len(self.question.choices)

    def relabel_input(self) -> None:
        choices = self.query_one(CheckList)
        choices.labels = [localize(c.label, self.lang) for c in self.question.choices]
        choices.relabel()

    @on(CheckList.Changed)
    def _changed(self, event: CheckList.Changed) -> None:
        event.stop()
        ticked = event.check_list.chosen
        self.answer([c.id for i, c in enumerate(self.question.choices) if i in ticked])
