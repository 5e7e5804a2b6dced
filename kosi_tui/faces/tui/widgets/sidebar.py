"""The list of sections with a state mark each; marks are symbols and words, never colour alone."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.theme import Theme
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from kosi_tui.faces.filling import SectionState
from kosi_tui.faces.tui.widgets.hanging import Hanging

MARKS: dict[str, str] = {"complete": "✓", "missing": "◐", "errors": "✗", "empty": "○"}

Entry = tuple[str, SectionState | None, bool, bool]
"""Title, state (None: not known yet, no mark), hidden, current."""


class SectionList(OptionList):
    """Sections in order; Enter or a click jumps to one. Long titles wrap under themselves."""

    COMPONENT_CLASSES = {f"section-list--{state}" for state in MARKS}
    DEFAULT_CSS = """
    SectionList > .section-list--complete { color: $text-success; }
    SectionList > .section-list--missing { color: $text-warning; }
    SectionList > .section-list--errors { color: $text-error; }
    SectionList > .section-list--empty { color: $foreground; }
    """

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self._entries: dict[int, Entry] = {}

    def on_mount(self) -> None:
        # Marks are coloured from the theme when drawn; a new theme draws them again.
        self.app.theme_changed_signal.subscribe(self, self._redraw)

    def _redraw(self, theme: Theme) -> None:
        for index in self._entries:
            self._show(index)

    def _prompt(self, index: int) -> Hanging:
        title, state, hidden, current = self._entries[index]
        style = Style(strike=True, dim=True) if hidden else Style(bold=current)
        if state is None:
            mark = Text(" ")
        else:
            mark_style = self.get_component_rich_style(f"section-list--{state}", partial=True)
            mark = Text(MARKS[state], mark_style)
        return Hanging(mark, Text(f"{index + 1}. {title}", style))

    def _show(self, index: int) -> None:
        self.replace_option_prompt_at_index(index, self._prompt(index))

    def mark(
        self, index: int, title: str, state: SectionState | None, hidden: bool, current: bool
    ) -> None:
        """Updates one entry."""
        entry = (title, state, hidden, current)
        if self._entries.get(index) != entry:
            self._entries[index] = entry
            self._show(index)

    def ensure(self, count: int) -> None:
        """One entry per section, created once; `mark` fills them in."""
        if self.option_count != count:
            self._entries.clear()
            self.clear_options()
            self.add_options([Option("", id=f"section-{n}") for n in range(count)])
