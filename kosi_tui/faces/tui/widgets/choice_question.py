"""Single choice as a ◉/○ list, multiple choice as a ☑/☐ list (see marked_list.py)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding

from kosi_tui.core.canvas import MultiChoice, SingleChoice
from kosi_tui.core.text import localize
from kosi_tui.faces.tui.widgets.marked_list import CheckList, ChoiceList
from kosi_tui.faces.tui.widgets.question import QuestionWidget
from kosi_tui.faces.tui.widgets.registry import widget_for


@widget_for(SingleChoice)
class SingleChoiceQuestion(QuestionWidget):
    """Exactly one of several choices; Delete clears the answer."""

    question: SingleChoice
    BINDINGS = [Binding("delete", "clear", "Leeren", show=False)]

    def compose_input(self) -> ComposeResult:
        ids = [c.id for c in self.question.choices]
        yield ChoiceList(
            [localize(c.label, self.lang) for c in self.question.choices],
            ids.index(self.value) if self.value in ids else None,
            classes="answer-choices",
        )

    @on(ChoiceList.Chosen)
    def _chosen(self, event: ChoiceList.Chosen) -> None:
        event.stop()
        self.answer(None if event.index is None else self.question.choices[event.index].id)

    def action_clear(self) -> None:
        """Removes the answer."""
        self.query_one(ChoiceList).choose(None)


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

    @on(CheckList.Changed)
    def _changed(self, event: CheckList.Changed) -> None:
        event.stop()
        ticked = event.check_list.chosen
        self.answer([c.id for i, c in enumerate(self.question.choices) if i in ticked])
