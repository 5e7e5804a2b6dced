"""Builds the report document from a session: title block, "Auf einen Blick", the answered
questions by section, the evaluation with its charts, the appendix.

Unanswered optional questions are left out with a count per section; open required questions are
listed once, at the start, instead of pages of "not answered".
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any, assert_never

from kosi_tui.core.answers import Draft
from kosi_tui.core.canvas import (
    AnswerQuestion,
    ChartSpec,
    Column,
    Info,
    Score,
    Table,
)
from kosi_tui.core.display import scalar_text
from kosi_tui.core.evaluation import Result, ScoreResult, Span, evaluate_session
from kosi_tui.core.kinds.forms import Amount, Day, Entries, Options, Points, Rows, Writing
from kosi_tui.core.numbers import format_date, format_number, is_number
from kosi_tui.core.session import Session
from kosi_tui.core.text import localize
from kosi_tui.i18n import t
from kosi_tui.report.charts import Bars, Chart, Radar, Stacked
from kosi_tui.report.document import (
    Block,
    Document,
    Facts,
    Figure,
    Grid,
    Heading,
    Items,
    Line,
    Part,
    Prose,
    Question,
    Rating,
)

RATING_MAX = 10
"""A number column bounded to at most this is a rating (likelihood 1–5), not an amount to sum."""


def _sums(column: Column) -> bool:
    return column.type == "number" and (column.max is None or column.max > RATING_MAX)


def table_grid(question: Table, value: list[Any], lang: str) -> Grid:
    """A table answer: amounts right-aligned, and a total row where a column holds amounts."""
    rows = [row for row in value if isinstance(row, dict)]
    header = [localize(c.label, lang) for c in question.columns]
    # Every row, one that is no mapping (a hand-edited draft) said to be unreadable.
    cells = [question.cells(row, lang) for row in value]
    right = frozenset(i for i, c in enumerate(question.columns) if c.type == "number")
    total: list[str] | None = None
    summed = [i for i, c in enumerate(question.columns) if _sums(c)]
    if summed and len(rows) > 1:
        total = [""] * len(header)
        for i in summed:
            column = question.columns[i]
            numbers = [
                v
                for row in rows
                if isinstance(v := row.get(column.id), int | float) and not isinstance(v, bool)
            ]
            # No total beside a cell shown as unreadable: it would leave that cell out unsaid.
            if numbers and all(is_number(n) for n in numbers):
                total[i] = scalar_text(round(math.fsum(numbers), 2), lang, column.unit)
        first_text = next((i for i in range(len(header)) if i not in summed), None)
        if first_text is None:
            return Grid(header, cells, right)
        total[first_text] = t("report.total", lang)
    return Grid(header, cells, right, total)


def answer_blocks(session: Session, key: str, lang: str) -> list[Block]:
    """The answer to `key` as blocks (nothing when unanswered), with its issues as notes."""
    question = session.compiled.questions[key].question
    value = session.value(key)
    if value is None or isinstance(question, Info):
        return []
    out: list[Block] = [answer_block(question, value, lang)]
    for issue in session.issues(key, include_required=False):
        out.append(Line(t("report.issue", lang, message=issue.message(lang)), "note"))
    return out


def answer_block(question: AnswerQuestion, value: Any, lang: str) -> Block:
    """An answer laid out by the shape its kind gives it: a point on a scale as a rating, several
    options or entries as items, text with paragraphs as prose, a table as a grid."""
    shown = question.display(value, lang)
    form = question.form(lang)
    match form:
        case Rows():
            if isinstance(question, Table) and isinstance(value, list):
                return table_grid(question, value, lang)
            return Line(" ".join(shown))
        case Points(low=low, high=high):
            # Only a point on the scale is drawn: 9 on a scale to 5 would overfill the rating.
            fits = isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
            return Rating(value, low, high, shown[0]) if fits else Line(shown[0])
        case Options(several=True) | Entries():
            return Items(shown)
        case Writing(paragraphs=True):
            return Prose(shown[0])
        case Writing() | Options() | Amount() | Day():
            return Line(" ".join(shown))
        case _:
            assert_never(form)


def _head(session: Session, draft: Draft | None, lang: str, today: dt.date) -> Part:
    canvas = session.compiled.canvas
    progress = session.progress()
    facts: list[tuple[str, str]] = []
    if draft is not None:
        if draft.organisation:
            facts.append((t("report.organisation", lang), draft.organisation))
        if draft.author:
            facts.append((t("report.author", lang), draft.author))
        facts.append((t("report.updated", lang), format_date(draft.updated.date(), lang)))
    facts.append((t("report.printed", lang), format_date(today, lang)))
    facts.append((
        t("report.completeness", lang),
        t("report.completeness_value", lang, required=progress.required_answered,
          required_total=progress.required_total, answered=progress.answered, total=progress.total),
    ))  # fmt: skip
    facts.append((t("report.canvas", lang), f"{canvas.id} {canvas.version}"))
    blocks: list[Block] = [Facts(facts)]
    missing = session.missing_required()
    if missing:
        blocks.append(Line(t("report.open", lang, count=len(missing)), "strong"))
        items = []
        for key in missing:
            located = session.compiled.questions[key]
            title = localize(located.section.title, lang)
            items.append(
                f"{located.section_index + 1}. {title}: {localize(located.question.label, lang)}"
            )
        blocks.append(Items(items))
    return Part(localize(canvas.title, lang), blocks, kind="head")


def _sections(session: Session, lang: str) -> list[Part]:
    parts = []
    missing = set(session.missing_required())
    for number, section in enumerate(session.compiled.canvas.sections, start=1):
        if not session.section_visible.get(section.id, True):
            continue
        blocks: list[Block] = []
        left_out = 0
        for key in session.visible_keys(section.id):
            question = session.compiled.questions[key].question
            if isinstance(question, Info):
                continue
            answer = answer_blocks(session, key, lang)
            if not answer:
                # Open required questions are listed once at the start; optional ones counted.
                left_out += key not in missing
                continue
            blocks.append(Question(localize(question.label, lang), answer))
        if left_out:
            blocks.append(Line(t("report.left_out", lang, count=left_out), "note"))
        if any(isinstance(b, Question) for b in blocks):
            parts.append(Part(localize(section.title, lang), blocks, number))
    return parts


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


def figures(session: Session, result: Result, lang: str) -> list[Figure]:
    """The canvas's charts, or the scores on their own when it declares none."""
    specs = session.compiled.canvas.evaluation.charts
    if not specs:
        chart = scores_chart(result, None, lang)
        return [Figure(chart, t("report.chart_scores", lang))] if chart else []
    out = []
    for spec in specs:
        chart = chart_for(session, result, spec, lang)
        if chart is not None:
            out.append(Figure(chart, localize(spec.title, lang)))
    return out


def _prompt_blocks(result: Result, lang: str) -> list[Block]:
    """The tension prompts in canvas order: what the answers show, then the question. Questions
    to think about, not tasks: no box to tick, no step."""
    if not result.prompts:
        return []
    blocks: list[Block] = [Heading(t("report.prompts", lang))]
    blocks += [
        Question(localize(p.observation, lang), [Line(localize(p.question, lang), "note")])
        for p in result.prompts
    ]
    return blocks


def _step_blocks(result: Result, lang: str) -> list[Block]:
    """The flags, the steps they suggest, and the person's own steps – only these are ticked:
    a suggestion is not a task anybody took on."""
    blocks: list[Block] = []
    if result.flags:
        blocks += [
            Heading(t("report.flags", lang)),
            Items([localize(f.message, lang) for f in result.flags]),
        ]
    # Two flags may suggest the same step; it is one suggestion.
    suggested = list(dict.fromkeys(localize(step, lang) for _, step in result.suggested_steps))
    if suggested:
        blocks += [Heading(t("report.suggestions", lang)), Items(suggested)]
    if result.own_steps:
        blocks += [Heading(t("report.next_steps", lang)), Items(result.own_steps, tick=True)]
    return blocks


def _evaluation(session: Session, result: Result, lang: str) -> Part | None:
    if not (result.scores or result.prompts or result.flags or result.own_steps):
        return None
    blocks: list[Block] = []
    if result.scores:
        # The intro speaks of the figures; a draft with only prompts goes straight to them.
        blocks.append(Line(t("report.evaluation_intro", lang)))
        rows = [[localize(i.score.label, lang), score_text(i, lang)] for i in result.scores]
        header = [t("report.col_score", lang), t("report.col_value", lang)]
        blocks += [Heading(t("report.scores", lang)), Grid(header, rows, frozenset({1}))]
        blocks += figures(session, result, lang)
        blocks.append(Line(t("report.col_explain", lang), "strong"))
        blocks.append(
            Facts(
                [
                    (localize(i.score.label, lang), localize(i.score.explain, lang))
                    for i in result.scores
                ]
            )
        )
    blocks += _prompt_blocks(result, lang)
    blocks += _step_blocks(result, lang)
    return Part(t("report.evaluation", lang), blocks, new_page=True, kind="evaluation")


def _appendix(draft: Draft | None, lang: str) -> Part | None:
    if draft is None or not draft.orphaned:
        return None
    pairs = [
        (key, "; ".join(map(str, value)) if isinstance(value, list) else scalar_text(value, lang))
        for key, value in draft.orphaned.items()
    ]
    return Part(
        t("report.appendix", lang),
        [Line(t("report.appendix_intro", lang)), Facts(pairs, keys=True)],
        kind="appendix",
    )


def report_footer(session: Session, draft: Draft | None, lang: str, today: dt.date) -> str:
    """The line at the foot of every page: canvas, who, date."""
    title = localize(session.compiled.canvas.title, lang)
    who = draft.organisation or draft.author if draft is not None else ""
    return " · ".join(x for x in (title, who, format_date(today, lang)) if x)


def build_report(
    session: Session, draft: Draft | None, lang: str, today: dt.date | None = None
) -> Document:
    """The report of one filled canvas, ready for any writer."""
    from kosi_tui.report.glance import build_glance

    today = today or dt.date.today()
    result = evaluate_session(session)
    parts = [_head(session, draft, lang, today)]
    glance = build_glance(session, result, lang)
    if glance is not None:
        parts.append(glance)
    parts += _sections(session, lang)
    for extra in (_evaluation(session, result, lang), _appendix(draft, lang)):
        if extra is not None:
            parts.append(extra)
    title = localize(session.compiled.canvas.title, lang)
    return Document(title, lang, report_footer(session, draft, lang, today), parts)
