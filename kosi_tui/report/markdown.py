"""The Markdown report of one filled canvas: title block, answers by section, evaluation, appendix."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kosi_tui.core.answers import Draft
from kosi_tui.core.canvas import Info, ListQuestion, LongText, MultiChoice, Scale, Table
from kosi_tui.core.display import answer_items, cell_text, scalar_text
from kosi_tui.core.evaluation import Result, evaluate_session
from kosi_tui.core.numbers import format_date, format_number
from kosi_tui.core.session import Session
from kosi_tui.core.text import localize
from kosi_tui.i18n import t
from kosi_tui.report.markdown_text import (
    BAR_EMPTY,
    BAR_FULL,
    bar,
    code,
    escape,
    paragraphs,
    table,
    tidy,
)


def _title_block(session: Session, draft: Draft | None, lang: str, today: dt.date) -> list[str]:
    canvas = session.compiled.canvas
    progress = session.progress()
    lines = [f"# {escape(localize(canvas.title, lang))}", ""]
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
    lines.append("\\\n".join(f"**{escape(k)}:** {escape(v)}" for k, v in facts))
    missing = len(session.missing_required())
    if missing:
        lines += ["", f"*{escape(t('report.draft_note', lang, count=missing))}*"]
    return lines


def _answer(session: Session, key: str, lang: str) -> list[str]:
    question = session.compiled.questions[key].question
    value = session.value(key)
    if value is None:
        return [f"*{escape(t('report.not_answered', lang))}*"]
    out: list[str] = []
    if isinstance(question, Table) and isinstance(value, list):
        header = [localize(c.label, lang) for c in question.columns]
        rows = [
            [cell_text(c, row.get(c.id), lang) for c in question.columns]
            for row in value
            if isinstance(row, dict)
        ]
        out.append(table(header, rows))
    elif isinstance(question, Scale) and isinstance(value, int):
        label = question.labels.get(value)
        text = t("report.scale_value", lang, value=value, max=question.max)
        if label:
            text += f" – {localize(label, lang)}"
        points = f"{BAR_FULL * (value - question.min + 1)}{BAR_EMPTY * (question.max - value)}"
        out.append(f"`{points}` {escape(text)}")
    elif isinstance(question, MultiChoice | ListQuestion):
        out.extend(f"- {escape(item)}" for item in answer_items(question, value, lang))
    elif isinstance(question, LongText):
        out.append(paragraphs(str(value)))
    else:
        out.append(escape(" ".join(answer_items(question, value, lang))))
    for issue in session.issues(key, include_required=False):
        out += ["", f"*{escape(t('report.issue', lang, message=issue.message(lang)))}*"]
    return out


def _sections(session: Session, lang: str) -> list[str]:
    lines: list[str] = []
    canvas = session.compiled.canvas
    for number, section in enumerate(canvas.sections, start=1):
        if not session.section_visible.get(section.id, True):
            continue
        keys = [
            k
            for k in session.visible_keys(section.id)
            if not isinstance(session.compiled.questions[k].question, Info)
        ]
        if not keys:
            continue
        lines += ["", f"## {number}. {escape(localize(section.title, lang))}"]
        for key in keys:
            question = session.compiled.questions[key].question
            lines += [
                "",
                f"**{escape(localize(question.label, lang))}**",
                "",
                *_answer(session, key, lang),
            ]
    return lines


def _score_value(value: float | int, unit: Any, lang: str) -> str:
    return scalar_text(round(value, 2) if isinstance(value, float) else value, lang, unit)


def _evaluation(result: Result, lang: str) -> list[str]:
    lines: list[str] = []
    if not (result.scores or result.flags or result.own_steps):
        return lines
    lines += [
        "",
        f"## {escape(t('report.evaluation', lang))}",
        "",
        escape(t("report.evaluation_intro", lang)),
    ]
    if result.scores:
        rows = []
        for item in result.scores:
            score = item.score
            if item.value is None:
                rows.append([localize(score.label, lang), t("report.no_value", lang), ""])
                continue
            shown = _score_value(item.value, score.unit, lang)
            drawn = ""
            if score.max is not None:
                if not score.unit:
                    shown = t(
                        "report.scale_value", lang, value=shown, max=format_number(score.max, lang)
                    )
                drawn = bar(float(item.value), score.min, score.max)
            rows.append([localize(score.label, lang), shown, drawn])
        header = [
            t("report.col_score", lang),
            t("report.col_value", lang),
            t("report.col_bar", lang),
        ]
        lines += ["", f"### {escape(t('report.scores', lang))}", "", table(header, rows)]
        lines += ["", f"**{escape(t('report.col_explain', lang))}**", ""]
        lines += [
            f"- **{escape(localize(item.score.label, lang))}:** {escape(localize(item.score.explain, lang))}"
            for item in result.scores
        ]
    if result.flags:
        lines += ["", f"### {escape(t('report.flags', lang))}", ""]
        for flag in result.flags:
            text = f"- **{escape(localize(flag.message, lang))}**"
            if flag.step:
                text += " " + escape(t("report.suggestion", lang, step=localize(flag.step, lang)))
            lines.append(text)
    steps = result.own_steps + [localize(f.step, lang) for f in result.flags if f.step]
    if steps:
        lines += ["", f"### {escape(t('report.next_steps', lang))}", ""]
        lines += [f"- [ ] {escape(step)}" for step in steps]
    return lines


def _appendix(draft: Draft | None, lang: str) -> list[str]:
    if draft is None or not draft.orphaned:
        return []
    lines = [
        "",
        f"## {escape(t('report.appendix', lang))}",
        "",
        escape(t("report.appendix_intro", lang)),
        "",
    ]
    for key, value in draft.orphaned.items():
        shown = "; ".join(map(str, value)) if isinstance(value, list) else scalar_text(value, lang)
        lines.append(f"- {code(key)}: {escape(shown)}")
    return lines


def render_markdown(
    session: Session, draft: Draft | None, lang: str, today: dt.date | None = None
) -> str:
    """The report as canonical Markdown."""
    today = today or dt.date.today()
    lines = _title_block(session, draft, lang, today)
    lines += _sections(session, lang)
    lines += _evaluation(evaluate_session(session), lang)
    lines += _appendix(draft, lang)
    return tidy("\n".join(lines) + "\n")
