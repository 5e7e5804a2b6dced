"""The frame every question widget shares: label, input, a hint line and the validation message.

Its texts follow the app's language: a switch relabels the widgets on screen (`relabel`), so what
is typed, the focus and the scroll position stay as they are.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import ScrollableContainer, Vertical
from textual.geometry import Region
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from kosi_tui.core.canvas import AnyQuestion
from kosi_tui.core.text import localize
from kosi_tui.core.validation import Issue
from kosi_tui.faces.tui.markup import as_typed
from kosi_tui.i18n import t


def _within(view: Widget, widget: Widget) -> Region:
    """Where `widget` lies in `view`'s scrollable area, whatever the view's scroll position.

    Layout positions, not screen cells: those lag one refresh behind a scroll just made (the
    filling screen scrolls a question to the top as it shows a section).
    """
    region = widget.virtual_region
    node = widget.parent
    while isinstance(node, Widget) and node is not view:
        region = region.translate(node.virtual_region_with_margin.offset)
        node = node.parent
    return region


class QuestionWidget(Vertical):
    """Base of the per-type question widgets; subclasses build the input and read it back."""

    class Answered(Message):
        """The person changed the answer (posted on every change; later ones replace earlier)."""

        def __init__(self, widget: QuestionWidget, value: Any) -> None:
            super().__init__()
            self.widget = widget
            self.value = value

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, QuestionWidget.Answered) and message.widget is self.widget

    def __init__(self, key: str, question: AnyQuestion, value: Any, required: bool) -> None:
        super().__init__(classes="question", id="q-" + key.replace(".", "--"))
        self.key = key
        self.question = question
        self.value = value
        self.required = required
        self._issues: list[Issue] = []

    @property
    def lang(self) -> str:
        """The interface language: the app's."""
        return str(getattr(self.app, "lang", "de"))

    def _label(self) -> str:
        marker = f" [b]{t('ui.required_mark', self.lang)}[/b]" if self.required else ""
        return f"{as_typed(localize(self.question.label, self.lang))}{marker}"

    def compose(self) -> ComposeResult:
        yield Static(self._label(), classes="question-label")
        yield from self.compose_input()
        # The hint and message lines below come when first needed (`_line`): most questions
        # never show one, and every widget mounted makes showing a section slower.

    def compose_input(self) -> ComposeResult:
        """The input widgets for this question type."""
        yield from ()

    def lines_at_least(self) -> int:
        """The fewest lines the question takes on screen (its label, a field with its border):
        the filling screen draws a section once the questions in view are mounted."""
        return 4

    def relabel(self) -> None:
        """Shows the widget's texts in the app's language now; what is typed stays."""
        self.query_one(".question-label", Static).update(self._label())
        self.relabel_input()
        self.show_issues(self._issues)

    def relabel_input(self) -> None:
        """The input's own texts in the app's language (placeholders, choices, hints)."""

    def focus_input(self, scroll: bool = True) -> None:
        """Puts the focus on the first focusable part of the input."""
        for widget in self.query(Widget):
            if widget.focusable and widget.display:
                widget.focus(scroll_visible=scroll)
                return

    def on_descendant_focus(self) -> None:
        self.call_after_refresh(self.keep_in_view)

    def keep_in_view(self) -> None:
        """Scrolls as little as needed to show the focused field with its hint and message.

        Lines appear under a field as people type (a message, a new list item above the entry
        line), and at 80x24 they fell below the fold unseen. A question taller than the view
        shows at least its focused field.
        """
        if not self.is_attached:
            return  # the section changed before the screen was drawn again
        focused = self.screen.focused
        if focused is None or self not in focused.ancestors_with_self:
            return
        view = next((a for a in self.ancestors if isinstance(a, ScrollableContainer)), None)
        if view is None:
            return
        field = _within(view, focused)
        shown = [w for w in self.query(".question-hint, .question-error") if w.display]
        wanted = Region.from_union([field, *(_within(view, w) for w in shown)])
        if wanted.height > view.scrollable_content_region.height:
            wanted = field
        view.scroll_to_region(wanted, animate=False, immediate=True)

    def answer(self, value: Any) -> None:
        """Records a new value and tells the screen."""
        self.value = value
        # Straight to the screen, which alone takes it: bubbling up through the containers let
        # the screen lay out and draw the key before it heard of the answer, and then again.
        target = self.screen if self.is_attached else self
        target.post_message(self.Answered(self, value))

    def _line(self, kind: str, needed: bool) -> Static | None:
        """The hint line ("question-hint") or the message line ("question-error") under the
        input; mounted the first time it has something to say (the hint above the message)."""
        line = next(iter(self.query_children(f".{kind}").results(Static)), None)
        if line is None and needed:
            line = Static("", classes=kind)
            below = self.query_children(".question-error") if kind == "question-hint" else ()
            self.mount(line, before=below[0] if below else None)
        return line

    def set_hint(self, text: str) -> None:
        """The grey line under the input (what was understood, characters left)."""
        line = self._line("question-hint", bool(text))
        if line is None:
            return
        line.update(as_typed(text))
        line.display = bool(text)
        if self.has_focus_within:
            self.call_after_refresh(self.keep_in_view)

    def show_issues(self, issues: list[Issue]) -> None:
        """Shows the validation messages under the field, or hides the line when there are none."""
        self._issues = issues
        self.set_class(bool(issues), "-invalid")
        error = self._line("question-error", bool(issues))
        if error is None:
            return
        text = as_typed("\n".join(f"✗ {issue.message(self.lang)}" for issue in issues))
        if error.content != text:  # as people type it mostly stays: no new layout per key
            error.update(text)
        error.display = bool(issues)
        if issues and self.has_focus_within:
            self.call_after_refresh(self.keep_in_view)
