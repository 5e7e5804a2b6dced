"""Progress counts an answer only when it is usable: one marked wrong is not done yet."""

from __future__ import annotations

from kosi_tui.core.session import Session
from kosi_tui.storage.canvas_file import load_canvas
from tests.conftest import DATA


def test_an_answer_marked_wrong_does_not_count_as_answered() -> None:
    session = Session(load_canvas(DATA / "good" / "minimal.yaml").compiled)
    before = session.progress()
    session.set("akteure.budget", 50_000)
    good = session.progress()
    assert good.answered == before.answered + 1
    session.set("akteure.budget", -5)  # below the question's minimum of 0
    assert session.issues("akteure.budget")
    assert session.progress() == before
    session.set("akteure.budget", "viel")  # kept as typed, not a number
    assert session.progress() == before
