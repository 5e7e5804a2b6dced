"""The "Auf einen Blick" page: what the canvas declares a decision-maker must read in two minutes.

Each entry is an answer (under its own heading), a score, a chart, the raised flags or the
decision paper's figures. Entries with nothing to show are left out, so a half-filled draft gets a
shorter page, never empty boxes.
"""

from __future__ import annotations

from typing import Any

from kosi_tui.core.canvas import GlanceItem, PaperFinance, Table
from kosi_tui.core.evaluation import Result
from kosi_tui.core.session import Session
from kosi_tui.core.text import localize
from kosi_tui.i18n import t
from kosi_tui.report.answer_blocks import answer_blocks
from kosi_tui.report.document import Block, Facts, Figure, Items, Line, Part, Question
from kosi_tui.report.score_figures import chart_for, score_text
from kosi_tui.report.vorlage_money import euro, money, percent
from kosi_tui.report.vorlage_text import paper_facts


def finance_facts(session: Session, finance: PaperFinance, lang: str) -> list[tuple[str, str]]:
    """The paper's figures in brief: the total over the period, the staff cost, own budget
    against grants, then the notes (end of funding, budget situation). Costs not given yet read
    "[noch offen]" beside the notes that are; nothing at all when neither is answered."""
    figures = money(session, finance, lang)
    open_ = t("vorlage.open", lang)
    notes = paper_facts(session, finance.notes, lang)
    if not figures.years:
        if all(value == open_ for _, value in notes):
            return []
        return [(t("glance.total_cost", lang), open_), *notes]

    def amount(value: float | None) -> str:
        return open_ if value is None else euro(value, figures.unit, lang)

    period = figures.period
    total_label = (
        t("glance.total_cost_period", lang, period=period)
        if period
        else t("glance.total_cost", lang)
    )
    pairs = [(total_label, amount(figures.total))]
    if finance.staff is not None:
        pairs.append((t("glance.staff_cost", lang), amount(figures.staff)))
    if finance.grants is not None:
        share = figures.own_share
        pairs.append((
            t("glance.own_grants", lang),
            t("glance.own_grants_value", lang, own=amount(figures.own), grants=amount(figures.grants),
              share=open_ if share is None else percent(share, lang)),
        ))  # fmt: skip
    return pairs + notes


def _without(session: Session, key: str, column: str, lang: str) -> list[str]:
    """The rows of a table answer whose `column` is empty, each by its first cell."""
    located = session.compiled.questions.get(key)
    rows: Any = session.value(key)
    if located is None or not isinstance(located.question, Table) or not isinstance(rows, list):
        return []
    table = located.question
    first = table.columns[0]
    return [
        table.cells(row, lang)[0] or first.id
        for row in rows
        if isinstance(row, dict) and row.get(column) in (None, "", [])
    ]


def _item(session: Session, result: Result, item: GlanceItem, lang: str) -> Block | None:
    own = localize(item.label, lang) if item.label else ""
    if item.answer is not None:
        located = session.compiled.questions.get(item.answer)
        if located is None:
            return None
        if item.missing is not None:
            rows = _without(session, item.answer, item.missing, lang)
            return (
                Question(own or localize(located.question.label, lang), [Items(rows)])
                if rows
                else None
            )
        blocks = answer_blocks(session, item.answer, lang)
        return Question(own or localize(located.question.label, lang), blocks) if blocks else None
    if item.score is not None:
        found = next((s for s in result.scores if s.score.id == item.score), None)
        if found is None or found.value is None:
            return None
        return Question(own or localize(found.score.label, lang), [Line(score_text(found, lang))])
    if item.chart is not None:
        spec = next(
            (c for c in session.compiled.canvas.evaluation.charts if c.id == item.chart), None
        )
        chart = chart_for(session, result, spec, lang) if spec else None
        if spec is None or chart is None:
            return None
        return Figure(chart, own or localize(spec.title, lang))
    if item.finance:
        paper = session.compiled.canvas.decision_paper
        pairs = finance_facts(session, paper.finance, lang) if paper and paper.finance else []
        return Question(own or t("glance.finance", lang), [Facts(pairs)]) if pairs else None
    if item.flags:
        messages = [localize(f.message, lang) for f in result.flags]
        still_open = len(session.open_required())
        # No warning yet is no all-clear while required answers are missing: the checks behind
        # the warnings read those answers.
        empty = (
            t("report.no_flags_yet", lang, count=still_open)
            if still_open
            else t("report.no_flags", lang)
        )
        shown: Block = Items(messages) if messages else Line(empty)
        return Question(own or t("report.flags", lang), [shown])
    return None


def build_glance(session: Session, result: Result, lang: str) -> Part | None:
    """The page as the canvas declares it; None when it declares none or nothing is answered."""
    glance = session.compiled.canvas.glance
    if glance is None:
        return None
    blocks = [b for item in glance.items if (b := _item(session, result, item, lang)) is not None]
    if not blocks:
        return None
    title = localize(glance.title, lang) if glance.title else t("report.glance", lang)
    return Part(title, blocks, kind="glance")
