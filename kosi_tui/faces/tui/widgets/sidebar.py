"""The list of sections with a state mark each; marks are symbols and words, never colour alone."""

from __future__ import annotations

from textual.widgets import OptionList
from textual.widgets.option_list import Option

from kosi_tui.faces.filling import SectionState

MARKS: dict[str, str] = {"complete": "✓", "missing": "◐", "errors": "✗", "empty": "○"}
STYLES: dict[str, str] = {
    "complete": "$text-success",
    "missing": "$text-warning",
    "errors": "$text-error",
    "empty": "$text-muted",
}


def _prompt(index: int, title: str, state: SectionState, hidden: bool, current: bool) -> str:
    title = title.replace("[", r"\[")
    text = f"{index + 1}. {title}"
    if hidden:
        text = f"[dim strike]{text}[/]"
    elif current:
        text = f"[b]{text}[/b]"
    return f"[{STYLES[state]}]{MARKS[state]}[/] {text}"


class SectionList(OptionList):
    """Sections in order; Enter or a click jumps to one."""

    def mark(
        self, index: int, title: str, state: SectionState, hidden: bool, current: bool
    ) -> None:
        """Updates one entry."""
        self.replace_option_prompt_at_index(index, _prompt(index, title, state, hidden, current))

    def ensure(self, count: int) -> None:
        """One entry per section, created once; `mark` fills them in."""
        if self.option_count != count:
            self.clear_options()
            self.add_options([Option("", id=f"section-{n}") for n in range(count)])
