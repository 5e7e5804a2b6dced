"""A changed answer recomputes only what reads it, and the session then says exactly what a session
built afresh from the same answers says: visibility, issues, progress, scores, flags."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from kosi_tui.core.dependencies import readers
from kosi_tui.core.evaluation import evaluate_session
from kosi_tui.core.session import Session
from kosi_tui.paths import bundled_canvases
from kosi_tui.storage.canvas_file import load_canvas
from kosi_tui.storage.draft_file import load_draft
from kosi_tui.storage.locate import canvas_by_id
from tests.conftest import ROOT

EXAMPLES = sorted((ROOT / "examples").glob("*.answers.yaml"))


def everything(session: Session) -> dict[str, Any]:
    """What the faces read from a session."""
    compiled = session.compiled
    result = evaluate_session(session)
    return {
        "visible": dict(session.visible),
        "sections": dict(session.section_visible),
        "issues": {k: session.issues(k) for k in compiled.questions},
        "quiet issues": {k: session.issues(k, include_required=False) for k in compiled.questions},
        "progress": session.progress(),
        "by section": {s.id: session.progress(s.id) for s in compiled.canvas.sections},
        "missing": session.missing_required(),
        "scores": {s: session.score(s) for s in compiled.scores},
        "flags": session.raised_flags(),
        "result": repr(result),
    }


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name.split(".")[0])
def test_changes_one_by_one_end_where_a_fresh_session_starts(example: Path) -> None:
    draft = load_draft(example)
    located = canvas_by_id(draft.canvas.id)
    assert located is not None
    compiled = load_canvas(located).compiled
    given = {k: v for k, v in draft.answers.items() if k in compiled.questions}
    rng = random.Random(16)
    for _ in range(3):
        session = Session(compiled)
        everything(session)  # everything computed once, so that keeping it is what is tested
        keys = list(given)
        rng.shuffle(keys)
        for n, key in enumerate(keys):
            # Answers come and go (cleared ones too), in an order no condition was written for.
            session.set(key, given[key] if rng.random() < 0.8 else None)
            if n % 7 == 0:
                assert everything(session) == everything(Session(compiled, session.answers)), key
        assert everything(session) == everything(Session(compiled, session.answers))


def test_an_answer_no_condition_reads_evaluates_no_condition(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    compiled = load_canvas(bundled_canvases() / "innovationslabor.yaml").compiled
    unread = next(
        k
        for k, located in compiled.questions.items()
        if k not in readers(compiled).conditions and located.question.type == "short_text"
    )
    session = Session(compiled)
    session.progress()
    conditions: list[str] = []
    counted = Session._condition

    def condition(self: Session, slot: str, owner: str) -> bool:
        conditions.append(slot)
        return counted(self, slot, owner)

    monkeypatch.setattr(Session, "_condition", condition)
    assert session.set(unread, "Ein Wort") == set()
    session.progress()
    assert conditions == []
