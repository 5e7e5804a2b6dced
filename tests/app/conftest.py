"""App tests: a fixed terminal, no cursor blink, and a fixed clock for what the screens show."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from textual.widgets import Input

# The example draft's own `updated` time: saving it again changes nothing on screen.
FIXED_NOW = dt.datetime(2027, 3, 15, 16, 30, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))


@pytest.fixture(autouse=True)
def steady_screens(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None, raising=False)
    monkeypatch.setattr("kosi_tui.core.answers.now", lambda: FIXED_NOW)
    monkeypatch.setattr("kosi_tui.faces.filling.now", lambda: FIXED_NOW)
    monkeypatch.setattr("kosi_tui.faces.tui.screens.review.today", lambda: FIXED_NOW.date())
    yield
