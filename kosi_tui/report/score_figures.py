"""How the evaluation's scores become text and charts: for the report, its first page and the
workshop summary."""

from __future__ import annotations

import math
from typing import Any

from kosi_tui.core.canvas import (
    ChartSpec,
    Score,
    Table,
)
from kosi_tui.core.display import scalar_text
from kosi_tui.core.evaluation import Result, ScoreResult, Span
from kosi_tui.core.numbers import format_number, is_number
from kosi_tui.core.session import Session
from kosi_tui.core.text import localize
from kosi_tui.i18n import t
from kosi_tui.report.charts import Bars, Chart, Radar, Stacked
from kosi_tui.report.document import (
    Figure,
)


def _score_text(value: float | int, unit: Any, lang: str) -> str:
    return scalar_text(round(value, 2) if isinstance(value, float) else value, lang, unit)


def figure_text(
    score: Score, value: float | int | None, lang: str, span: Span | None = None
) -> str:
    """A score's value as its kind allows: a rating "3 von 5", a count or an amount as the number
    with its unit ("2 Sektoren", "1.800 €"), a spread "1 (Verstetigung) bis 4 (Mandat)".

    Only a rating is out of a maximum: "2 von 4" for a count would read as a grade, though more
    sectors or signs are not simply better.
    """
    if value is None:
        return t("report.no_value", lang)
    kind = score.shown_as
    if kind == "spread" and span is not None:
        return t(
            "report.spread", lang,
            low=_score_text(span.low, score.unit, lang),
            lowest=", ".join(localize(s.label, lang) for s in span.lowest),
            high=_score_text(span.high, score.unit, lang),
            highest=", ".join(localize(s.label, lang) for s in span.highest),
        )  # fmt: skip
    if kind == "rating" and score.max is not None:
        number = format_number(round(value, 2) if isinstance(value, float) else value, lang)
        return t("report.scale_value", lang, value=number, max=format_number(score.max, lang))
    return _score_text(value, score.unit, lang)


def score_text(item: ScoreResult, lang: str) -> str:
    """A score of one draft as the report writes it (see `figure_text`)."""
    return figure_text(item.score, item.value, lang, item.span)


def _drawn(item: ScoreResult) -> bool:
    # Only a rating is a position on a scale; a count or an amount drawn as a bar reads as a grade,
    # so it stays out even where a canvas's chart lists it.
    return item.kind == "rating" and item.score.max is not None


def scores_chart(result: Result, spec: ChartSpec | None, lang: str) -> Chart | None:
    """The ratings drawn as a radar (three or more on one scale) or as bars; None without any."""
    wanted = spec.scores if spec is not None and spec.scores else None
    items = [s for s in result.scores if _drawn(s) and (wanted is None or s.score.id in wanted)]
    if wanted is not None:
        items.sort(key=lambda s: wanted.index(s.score.id))
    if not items:
        return None
    labels = [localize(s.score.label, lang) for s in items]
    values = [None if s.value is None else float(s.value) for s in items]
    texts = [
        t("report.no_value", lang) if s.value is None else _score_text(s.value, s.score.unit, lang)
        for s in items
    ]
    scales = {(s.score.min, s.score.max) for s in items}
    kind = spec.type if spec is not None else ("radar" if len(items) >= 3 else "bars")
    if kind == "radar" and len(scales) == 1 and len(items) >= 3:
        low, high = scales.pop()
        return Radar(labels, values, texts, low, high or low + 1)
    low = min(s.score.min for s in items)
    high = max(s.score.max or 0 for s in items)
    return Bars(labels, values, texts, low, high)


def stacked_chart(session: Session, spec: ChartSpec, lang: str) -> Stacked | None:
    """Who brings how much (a table's amounts) against a target, and the gap; None when empty."""
    if not (spec.table and spec.label and spec.value and spec.target):
        return None
    question = session.compiled.questions[spec.table].question
    rows = session.value(spec.table)
    if not isinstance(question, Table) or not isinstance(rows, list):
        return None
    column = question.column(spec.value)
    unit = column.unit if column else None
    parts = []
    for row in rows:
        if not isinstance(row, dict):
            continue
        amount = row.get(spec.value)
        if is_number(amount) and amount > 0:
            label = str(row.get(spec.label) or "–")
            parts.append((label, float(amount), scalar_text(amount, lang, unit)))
    target = session.value(spec.target)
    goal = float(target) if is_number(target) else None
    if not parts and goal is None:
        return None
    total = math.fsum(p[1] for p in parts)
    gap = (goal or 0.0) - total
    return Stacked(
        parts,
        goal,
        t("report.target", lang, amount=scalar_text(goal, lang, unit)) if goal is not None else "",
        t("report.gap", lang, amount=scalar_text(round(gap, 2), lang, unit)),
    )


def chart_for(session: Session, result: Result, spec: ChartSpec, lang: str) -> Chart | None:
    """The chart a canvas declares, drawn from this session."""
    if spec.type == "stacked":
        return stacked_chart(session, spec, lang)
    return scores_chart(result, spec, lang)


def figures(
    session: Session, result: Result, lang: str, shown: frozenset[str] = frozenset()
) -> list[Figure]:
    """The canvas's charts, or the scores on their own when it declares none; not those whose
    ids are in `shown` (already on the report's first page)."""
    specs = session.compiled.canvas.evaluation.charts
    if not specs:
        chart = scores_chart(result, None, lang)
        return [Figure(chart, t("report.chart_scores", lang))] if chart else []
    out = []
    for spec in specs:
        if spec.id in shown:
            continue
        chart = chart_for(session, result, spec, lang)
        if chart is not None:
            out.append(Figure(chart, localize(spec.title, lang)))
    return out
