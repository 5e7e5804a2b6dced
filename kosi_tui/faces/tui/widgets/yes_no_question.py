"""Yes or no: the two options as a single choice shows them (◉ Ja / ○ Nein), chosen with the
arrows and Enter or Space like any choice, or at once with J (Y) and N."""

from __future__ import annotations

from textual.binding import Binding

from kosi_tui.core.kinds.yes_no import YesNo
from kosi_tui.faces.tui.widgets.choice_question import OptionsQuestion
from kosi_tui.faces.tui.widgets.marked_list import ChoiceList
from kosi_tui.faces.tui.widgets.registry import widget_for


@widget_for(YesNo)
class YesNoQuestion(OptionsQuestion):
    """Yes or no."""

    question: YesNo
    BINDINGS = [
        # Capitals too (Shift, Caps Lock), as plain mode takes them.
        Binding("j,y,J,Y", "pick(0)", show=False),
        Binding("n,N", "pick(1)", show=False),
    ]

    def action_pick(self, index: int) -> None:
        """Chooses yes (0) or no (1) and moves the highlight there."""
        choices = self.query_one(ChoiceList)
        choices.highlighted = index
        choices.choose(index)
