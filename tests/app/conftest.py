"""App tests: a fixed terminal, no cursor blink, and a fixed clock for what the screens show."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from textual.widgets import Input, TextArea

# The example draft's own `updated` time: saving it again changes nothing on screen.
FIXED_NOW = dt.datetime(2027, 3, 15, 16, 30, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))


@pytest.fixture(autouse=True)
def steady_screens(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # No blinking cursors: a screenshot must not depend on the half-second it was taken in.
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)
    monkeypatch.setattr("kosi_tui.core.answers.now", lambda: FIXED_NOW)
    monkeypatch.setattr("kosi_tui.faces.filling.now", lambda: FIXED_NOW)
    monkeypatch.setattr("kosi_tui.faces.tui.screens.review.today", lambda: FIXED_NOW.date())
    yield
