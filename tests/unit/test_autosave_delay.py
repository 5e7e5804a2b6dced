"""Autosave waits for a pause, but steady typing never holds it off past the bound."""

from __future__ import annotations

from kosi_tui.faces.tui.screens.fill import AUTOSAVE_MAX_SECONDS, AUTOSAVE_SECONDS, autosave_delay


def test_a_pause_after_the_first_change() -> None:
    assert autosave_delay(100.0, 100.0) == AUTOSAVE_SECONDS


def test_typing_on_never_pushes_the_save_past_the_bound() -> None:
    first = 100.0
    # A key every 0.3 s: each key restarts the wait, but the save stays due at first + bound.
    for step in range(1, 20):
        now = first + step * 0.3
        due = now + autosave_delay(first, now)
        assert due <= first + max(AUTOSAVE_MAX_SECONDS, step * 0.3) + 0.011
    assert AUTOSAVE_MAX_SECONDS + 0.1 < 2.0  # with the save itself, under the promised 2 s


def test_an_overdue_save_is_due_at_once_but_never_with_a_zero_timer() -> None:
    assert autosave_delay(100.0, 105.0) == 0.01
