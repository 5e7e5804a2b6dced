"""Builds the report document from a session: title block, "Auf einen Blick", the answered
questions by section, the evaluation with its charts, the appendix.

Unanswered optional questions are left out with a count per section; open required questions are
listed once, at the start, instead of pages of "not answered".
"""

from __future__ import annotations

import datetime as dt

from kosi_tui.core.answers import Draft
from kosi_tui.core.canvas import (
    Info,
)
from kosi_tui.core.display import scalar_text
from kosi_tui.core.evaluation import Result, evaluate_session
from kosi_tui.core.numbers import format_date
from kosi_tui.core.progress import added_text
from kosi_tui.core.session import Session
from kosi_tui.core.text import localize
from kosi_tui.i18n import t
from kosi_tui.report.answer_blocks import answer_blocks
from kosi_tui.report.document import (
    Block,
    Document,
    Facts,
    Grid,
    Heading,
    Items,
    Line,
    Part,
    Question,
)
from kosi_tui.report.glance import build_glance
from kosi_tui.report.score_figures import figures, score_text


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
          required_total=progress.required_total, answered=progress.answered, total=progress.total)
        + added_text(progress, lang, after_all=True),
    ))  # fmt: skip
    facts.append((t("report.canvas", lang), f"{canvas.id} {canvas.version}"))
    blocks: list[Block] = [Facts(facts)]
    # Wrong answers too: the completeness line counts them open, as the app's overview does.
    still_open = session.open_required()
    if still_open:
        blocks.append(Line(t("report.open", lang, count=len(still_open)), "strong"))
        items = []
        for key, why in still_open:
            located = session.compiled.questions[key]
            title = localize(located.section.title, lang)
            label = localize(located.question.label, lang)
            invalid = f" {t('ui.review_invalid', lang)}" if why == "invalid" else ""
            items.append(f"{located.section_index + 1}. {title}: {label}{invalid}")
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


def _evaluation(
    session: Session, result: Result, lang: str, shown: frozenset[str] = frozenset()
) -> Part | None:
    """The figures, prompts and steps; a chart already on the first page (`shown`) is named
    there, not drawn again."""
    if not (result.scores or result.prompts or result.flags or result.own_steps):
        return None
    blocks: list[Block] = []
    if result.scores:
        # The intro speaks of the figures; a draft with only prompts goes straight to them.
        blocks.append(Line(t("report.evaluation_intro", lang)))
        rows = [[localize(i.score.label, lang), score_text(i, lang)] for i in result.scores]
        header = [t("report.col_score", lang), t("report.col_value", lang)]
        blocks += [Heading(t("report.scores", lang)), Grid(header, rows, frozenset({1}))]
        blocks += figures(session, result, lang, shown)
        titles = [
            localize(c.title, lang)
            for c in session.compiled.canvas.evaluation.charts
            if c.id in shown
        ]
        blocks += [Line(t("report.chart_on_glance", lang, title=title), "note") for title in titles]
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
    today = today or dt.date.today()
    result = evaluate_session(session)
    parts = [_head(session, draft, lang, today)]
    glance = build_glance(session, result, lang)
    if glance is not None:
        parts.append(glance)
    parts += _sections(session, lang)
    declared = session.compiled.canvas.glance
    glance_charts = frozenset(
        item.chart
        for item in (declared.items if declared is not None and glance is not None else [])
        if item.chart is not None
    )
    for extra in (_evaluation(session, result, lang, glance_charts), _appendix(draft, lang)):
        if extra is not None:
            parts.append(extra)
    title = localize(session.compiled.canvas.title, lang)
    return Document(
        title,
        lang,
        report_footer(session, draft, lang, today),
        parts,
        author=(draft.author or draft.organisation) if draft is not None else "",
        created=draft.created if draft is not None else None,
        updated=draft.updated if draft is not None else None,
    )
