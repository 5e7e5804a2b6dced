"""A scale as labelled points in a row: arrows or digits to choose, a click works too."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import reactive
from textual.widget import Widget

from kosi_tui.core.canvas import Scale
from kosi_tui.core.text import localize
from kosi_tui.faces.tui.widgets.question import QuestionWidget
from kosi_tui.faces.tui.widgets.registry import widget_for
from kosi_tui.i18n import t

CELL = 6


class ScalePoints(Widget, can_focus=True):
    """The row of points; `value` is None until one is chosen."""

    BINDINGS = [
        Binding("left", "move(-1)", "←", show=False),
        Binding("right", "move(1)", "→", show=False),
        Binding("delete", "clear", show=False),
    ]
    value: reactive[int | None] = reactive(None)

    def __init__(self, low: int, high: int, value: int | None) -> None:
        super().__init__(classes="scale-points")
        self.low, self.high = low, high
        self.set_reactive(ScalePoints.value, value)

    def render(self) -> Text:
        text = Text()
        for point in range(self.low, self.high + 1):
            chosen = point == self.value
            mark = f"(●{point})" if chosen else f"( {point})"
            text.append(
                mark.center(CELL),
                style="bold reverse" if chosen and self.has_focus else ("bold" if chosen else ""),
            )
        return text

    def action_move(self, step: int) -> None:
        """Moves the choice one point left or right."""
        start = (
            self.value
            if self.value is not None
            else (self.low if step > 0 else self.high + 1) - step
        )
        self.value = max(self.low, min(self.high, start + step))

    def action_clear(self) -> None:
        """Removes the answer."""
        self.value = None

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isdigit():
            point = int(event.character)
            if self.low <= point <= self.high:
                self.value = point
                event.stop()

    def on_click(self, event: events.Click) -> None:
        point = self.low + event.x // CELL
        if self.low <= point <= self.high:
            self.value = point

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()


@widget_for(Scale)
class ScaleQuestion(QuestionWidget):
    """A whole number from min to max with labels."""

    question: Scale

    def compose_input(self) -> ComposeResult:
        yield ScalePoints(
            self.question.min,
            self.question.max,
            self.question.point(self.value),
        )

    def on_mount(self) -> None:
        self._describe(self.value)
        self.watch(self.query_one(ScalePoints), "value", self._point_changed, init=False)

    def relabel_input(self) -> None:
        self._describe(self.query_one(ScalePoints).value)

    def _point_changed(self, value: int | None) -> None:
        self._describe(value)
        self.answer(value)

    def _describe(self, value: Any) -> None:
        q = self.question
        if value is not None:
            # What the point means, or that the answer in the draft is none of the points.
            self.set_hint(q.display(value, self.lang)[0])
            return
        ends = [
            f"{p} = {localize(q.labels[p], self.lang)}" for p in (q.min, q.max) if p in q.labels
        ]
        self.set_hint(" · ".join(ends) or t("ui.scale_keys", self.lang))
