"""The "Auf einen Blick" page: what the canvas declares a decision-maker must read in two minutes.

Each entry is an answer (under its own heading), a score, a chart or the raised flags. Entries
with nothing to show are left out, so a half-filled draft gets a shorter page, never empty boxes.
"""

from __future__ import annotations

from kosi_tui.core.canvas import GlanceItem
from kosi_tui.core.evaluation import Result
from kosi_tui.core.session import Session
from kosi_tui.core.text import localize
from kosi_tui.i18n import t
from kosi_tui.report.answer_blocks import answer_blocks
from kosi_tui.report.document import Block, Figure, Items, Line, Part, Question
from kosi_tui.report.score_figures import chart_for, score_text


def _item(session: Session, result: Result, item: GlanceItem, lang: str) -> Block | None:
    own = localize(item.label, lang) if item.label else ""
    if item.answer is not None:
        located = session.compiled.questions.get(item.answer)
        if located is None:
            return None
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
    if item.flags:
        messages = [localize(f.message, lang) for f in result.flags]
        shown: Block = Items(messages) if messages else Line(t("report.no_flags", lang))
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
