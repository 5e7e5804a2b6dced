"""Which widget asks which question kind: each widget registers itself for its kind, beside it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from kosi_tui.core.canvas import AnyQuestion
from kosi_tui.faces.tui.widgets.question import QuestionWidget

W = TypeVar("W", bound=type[QuestionWidget])

WIDGETS: dict[type[AnyQuestion], type[QuestionWidget]] = {}
"""The widget class for each kind's model; filled as the widget modules are imported."""


def widget_for(kind: type[AnyQuestion]) -> Callable[[W], W]:
    """Registers the decorated widget class as the one that asks questions of `kind`."""

    def register(widget: W) -> W:
        if kind in WIDGETS:
            raise RuntimeError(f"{kind.__name__} already has {WIDGETS[kind].__name__}")
        WIDGETS[kind] = widget
        return widget

    return register
