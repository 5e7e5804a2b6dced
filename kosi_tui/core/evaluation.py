"""The evaluation of a filled canvas: scores with how they come about, raised flags, tension
prompts, the person's own steps; and the comparison of several drafts of one canvas."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from kosi_tui.core.canvas import (
    Flag,
    Info,
    Prompt,
    Scale,
    Score,
)
from kosi_tui.core.display import scalar_text
from kosi_tui.core.expr import ExprError
from kosi_tui.core.expr.evaluate import truth
from kosi_tui.core.expr.nodes import Node, Ref, walk
from kosi_tui.core.numbers import format_number, is_number
from kosi_tui.core.placeholders import fill, placeholders
from kosi_tui.core.session import Session
from kosi_tui.core.text import localize
from kosi_tui.i18n import t


@dataclass(frozen=True)
class Span:
    """Where a spread reaches: the lowest and highest value and the scores that have them."""

    low: float | int
    high: float | int
    lowest: list[Score]
    highest: list[Score]


@dataclass(frozen=True)
class ScoreResult:
    """One score and its value (None where answers are missing)."""

    score: Score
    value: float | int | None
    span: Span | None = None
    """For a spread (`kind: spread`): its ends, so the report can show "1 (…) bis 4 (…)"."""

    @property
    def kind(self) -> str:
        """rating, count, amount or spread: how the report may show the value (see `Score`)."""
        return self.score.shown_as


@dataclass(frozen=True)
class PromptResult:
    """A tension prompt that speaks for these answers, its texts filled in."""

    prompt: Prompt
    observation: dict[str, str]
    """What the answers show, by language, placeholders replaced by the answers."""
    question: dict[str, str]
    """The question to think about, by language."""
    keys: list[str]
    """The questions it sets against each other, in canvas order (for jumping there)."""


@dataclass(frozen=True)
class Result:
    """Everything the evaluation says about one session."""

    scores: list[ScoreResult]
    flags: list[Flag]
    own_steps: list[str]
    """Steps the person wrote in the canvas's checklist question."""
    prompts: list[PromptResult] = field(default_factory=list)
    """Tension prompts whose condition holds, in canvas order."""

    @property
    def suggested_steps(self) -> list[tuple[Flag, str | dict[str, str]]]:
        """Steps the raised flags suggest: kept apart from the person's own, which have owners."""
        return [(f, f.step) for f in self.flags if f.step]


def _as_number(value: Any) -> float | int | None:
    """The score as a number that reports can draw and average; None for anything else.

    Integers from a file are unbounded: one beyond a float's range, or infinity, counts as no
    value rather than breaking every report that draws it as a bar or takes a mean.
    """
    if isinstance(value, bool):
        return int(value)
    return value if is_number(value) else None


def own_steps(session: Session) -> list[str]:
    """The items of the question named by `evaluation.checklist` (first column for tables; a
    text question gives one step)."""
    key = session.compiled.canvas.evaluation.checklist
    if not key or key not in session.compiled.questions:
        return []
    question = session.compiled.questions[key].question
    if isinstance(question, Info):
        return []
    return question.steps(session.value(key))


def _spread(
    score: Score, by_id: dict[str, Score], values: dict[str, float | int | None]
) -> Span | None:
    spanned = [
        (by_id[i], v) for i in score.of or [] if i in by_id and (v := values.get(i)) is not None
    ]
    if not spanned:
        return None
    low = min(v for _, v in spanned)
    high = max(v for _, v in spanned)
    return Span(
        low, high, [s for s, v in spanned if v == low], [s for s, v in spanned if v == high]
    )


def shown_value(session: Session, node: Node, lang: str) -> str:
    """The value of a placeholder expression as people read it: a choice by its label, a scale
    by its point, a date and a number the way the language writes them."""
    try:
        value = session.evaluate(node)
    except ExprError:
        return "–"
    if isinstance(node, Ref) and node.key and not node.key.startswith("scores."):
        question = session.compiled.questions[node.key].question
        if node.column is None and value is not None and not isinstance(question, Info):
            if isinstance(question, Scale):
                return scalar_text(value, lang)  # the point alone: texts say "{x} von 5"
            return "; ".join(question.display(value, lang))
    if value is None:
        return "–"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not is_number(value):
            return t("answer.unreadable", lang)
        return format_number(round(value, 2) if isinstance(value, float) else value, lang)
    if isinstance(value, dt.date):
        return scalar_text(value, lang)
    if isinstance(value, list):
        return "; ".join(str(v) for v in value if v is not None)
    return str(value)


def _filled(session: Session, text: str | dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for lang in session.compiled.canvas.languages:
        raw = localize(text, lang)
        shown = {
            source: shown_value(session, session.compiled.placeholders[source], lang)
            for source, _ in placeholders(raw)
            if source in session.compiled.placeholders
        }
        out[lang] = fill(raw, shown)
    return out


def raised_prompts(session: Session) -> list[PromptResult]:
    """The tension prompts whose condition holds; a condition that fails stays silent."""
    compiled = session.compiled
    order = {key: i for i, key in enumerate(compiled.questions)}
    raised = []
    for prompt in compiled.canvas.evaluation.prompts:
        node = compiled.prompts.get(prompt.id)
        if node is None:
            continue
        try:
            holds = session.evaluate(node)
        except ExprError as err:
            session.expr_errors[f"prompts.{prompt.id}"] = err
            continue
        if not truth(holds):
            continue
        keys = sorted(
            {n.key for n in walk(node) if isinstance(n, Ref) and n.key in order},
            key=order.__getitem__,
        )
        raised.append(
            PromptResult(
                prompt,
                _filled(session, prompt.observation),
                _filled(session, prompt.question),
                keys,
            )
        )
    return raised


def evaluate_session(session: Session) -> Result:
    """Scores, flags, prompts and steps for the session's current answers."""
    evaluation = session.compiled.canvas.evaluation
    values = {s.id: _as_number(session.score(s.id)) for s in evaluation.scores}
    by_id = {s.id: s for s in evaluation.scores}
    scores = [
        ScoreResult(s, values[s.id], _spread(s, by_id, values) if s.shown_as == "spread" else None)
        for s in evaluation.scores
    ]
    raised = set(session.raised_flags())
    flags = [f for f in evaluation.flags if f.id in raised]
    return Result(scores, flags, own_steps(session), raised_prompts(session))


@dataclass(frozen=True)
class ScoreAcross:
    """One score in several drafts of a canvas, each draft's value kept in the order given."""

    score: Score
    values: list[float | int | None]
    """One value per draft (None where its answers are missing)."""

    @property
    def low(self) -> float | int | None:
        """The lowest value any draft has."""
        known = [v for v in self.values if v is not None]
        return min(known) if known else None

    @property
    def high(self) -> float | int | None:
        """The highest value any draft has."""
        known = [v for v in self.values if v is not None]
        return max(known) if known else None


def compare(results: list[Result]) -> list[ScoreAcross]:
    """The scores of several drafts side by side – a team, or one person over time.

    Each value is kept, with the lowest and highest; no mean, since "one says 5, one says 1" is
    the finding and "3" would hide it.
    """
    if not results:
        return []
    return [
        ScoreAcross(item.score, [r.scores[i].value for r in results])
        for i, item in enumerate(results[0].scores)
    ]


def prompts_across(results: list[Result]) -> list[tuple[Prompt, int]]:
    """Each tension prompt raised in any of the drafts and in how many, in the order first met."""
    counts: dict[str, int] = {}
    prompts: dict[str, Prompt] = {}
    for result in results:
        for raised in result.prompts:
            counts[raised.prompt.id] = counts.get(raised.prompt.id, 0) + 1
            prompts.setdefault(raised.prompt.id, raised.prompt)
    return [(prompts[i], n) for i, n in counts.items()]
