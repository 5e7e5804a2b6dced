"""The evaluation of a filled canvas: scores with how they come about, raised flags, next steps."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from kosi_tui.core.canvas import Flag, ListQuestion, Score, Table
from kosi_tui.core.session import Session


@dataclass(frozen=True)
class ScoreResult:
    """One score and its value (None where answers are missing)."""

    score: Score
    value: float | int | None


@dataclass(frozen=True)
class Result:
    """Everything the evaluation says about one session."""

    scores: list[ScoreResult]
    flags: list[Flag]
    own_steps: list[str]
    """Steps the person wrote in the canvas's checklist question."""


def _as_number(value: Any) -> float | int | None:
    """The score as a number that reports can draw and average; None for anything else.

    Integers from a file are unbounded: one beyond a float's range, or infinity, counts as no
    value rather than breaking every report that draws it as a bar or takes a mean.
    """
    if isinstance(value, bool):
        return int(value)
    if not isinstance(value, int | float):
        return None
    try:
        return value if math.isfinite(value) else None
    except OverflowError:
        return None


def own_steps(session: Session) -> list[str]:
    """The items of the question named by `evaluation.checklist` (first column for tables)."""
    key = session.compiled.canvas.evaluation.checklist
    if not key or key not in session.compiled.questions:
        return []
    question = session.compiled.questions[key].question
    value = session.value(key)
    if isinstance(question, ListQuestion) and isinstance(value, list):
        return [str(v) for v in value if str(v).strip()]
    if isinstance(question, Table) and isinstance(value, list):
        steps = []
        for row in value:
            if not isinstance(row, dict):
                continue
            cells = [str(row.get(c.id) or "").strip() for c in question.columns]
            first, rest = cells[0], [c for c in cells[1:] if c]
            if first:
                steps.append(f"{first} ({', '.join(rest)})" if rest else first)
        return steps
    return []


def evaluate_session(session: Session) -> Result:
    """Scores, flags and steps for the session's current answers."""
    evaluation = session.compiled.canvas.evaluation
    scores = [ScoreResult(s, _as_number(session.score(s.id))) for s in evaluation.scores]
    raised = set(session.raised_flags())
    flags = [f for f in evaluation.flags if f.id in raised]
    return Result(scores, flags, own_steps(session))
