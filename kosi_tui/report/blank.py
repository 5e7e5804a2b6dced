"""Blank copies of a canvas for paper workshops: boxes to tick, lines to write on, trainer notes."""

from __future__ import annotations

from kosi_tui.core.canvas import (
    AnyQuestion,
    Date,
    Info,
    ListQuestion,
    LongText,
    MultiChoice,
    Number,
    Scale,
    ShortText,
    SingleChoice,
    Table,
)
from kosi_tui.core.compiled import CompiledCanvas
from kosi_tui.core.text import localize
from kosi_tui.i18n import t
from kosi_tui.report.conditions import describe
from kosi_tui.report.markdown_text import escape, table, tidy

BOX = "☐"
CIRCLE = "○"
LINE = "\\_" * 48


def _answer_area(question: AnyQuestion, lang: str) -> list[str]:
    match question:
        case ShortText():
            return [LINE]
        case LongText():
            return ["\\\n".join([LINE] * 4)]
        case SingleChoice() | MultiChoice():
            # A circle where one answer is chosen, a box where several can be ticked.
            mark = CIRCLE if isinstance(question, SingleChoice) else BOX
            return [f"- {mark} {escape(localize(c.label, lang))}" for c in question.choices]
        case Scale():
            points = list(range(question.min, question.max + 1))
            header = [str(p) for p in points]
            labels = [
                localize(question.labels.get(p), lang) if question.labels.get(p) else ""
                for p in points
            ]
            return [table(header, [labels, [CIRCLE] * len(points)])]
        case Number():
            unit = f" {escape(localize(question.unit, lang))}" if question.unit else ""
            return ["\\_" * 16 + unit]
        case Date():
            return [escape("__.__.____")]
        case ListQuestion():
            return ["\\\n".join(f"{n}\\. {LINE}" for n in range(1, 4))]
        case Table():
            header = [localize(c.label, lang) for c in question.columns]
            rows = [[""] * len(header) for _ in range(max(question.min_rows or 0, 4))]
            return [table(header, rows)]
    return []


def _guidance(text: str | dict[str, str] | None, lang: str) -> list[str]:
    """A facilitator's note as a quote, or nothing."""
    if not text:
        return []
    return ["", f"> **{escape(t('blank.guidance', lang))}** {escape(localize(text, lang))}"]


def _question(
    compiled: CompiledCanvas, key: str, number: str, lang: str, trainer: bool
) -> list[str]:
    question = compiled.questions[key].question
    if isinstance(question, Info):
        return ["", f"*{escape(localize(question.label, lang))}*"]
    marks = []
    if question.required:
        marks.append(t("blank.required", lang))
    if isinstance(question, MultiChoice):
        marks.append(t("blank.several", lang))
    head = f"**{number} {escape(localize(question.label, lang))}**"
    if marks:
        head += f" *({escape(', '.join(marks))})*"
    lines = ["", head]
    node = compiled.show_if.get(key)
    if node is not None:
        words = describe(node, compiled, lang)
        lines += [
            "",
            f"*{escape(t('blank.only_if', lang, condition=words) if words else t('blank.conditional', lang))}*",
        ]
    if question.help:
        lines += ["", escape(localize(question.help, lang))]
    if question.example:
        lines += [
            "",
            f"*{escape(t('blank.example', lang, example=localize(question.example, lang)))}*",
        ]
    if trainer:
        lines += _guidance(question.guidance, lang)
    lines += ["", *_answer_area(question, lang)]
    return lines


def render_blank(compiled: CompiledCanvas, lang: str, trainer: bool = False) -> str:
    """The empty canvas as Markdown, for printing; facilitator notes only in a `trainer` copy."""
    canvas = compiled.canvas
    lines = [f"# {escape(localize(canvas.title, lang))}"]
    if canvas.description:
        lines += ["", escape(localize(canvas.description, lang))]
    facts = [t("report.organisation", lang), t("report.author", lang), t("blank.date", lang)]
    lines += ["", "\\\n".join(f"**{escape(f)}:** " + "\\_" * 30 for f in facts)]
    if canvas.minutes:
        lines += ["", f"*{escape(t('blank.minutes', lang, minutes=canvas.minutes))}*"]
    for s_number, section in enumerate(canvas.sections, start=1):
        lines += ["", f"## {s_number}. {escape(localize(section.title, lang))}"]
        if section.intro:
            lines += ["", escape(localize(section.intro, lang))]
        if trainer:
            lines += _guidance(section.guidance, lang)
        q_number = 0
        for question in section.questions:
            if question.answerable:
                q_number += 1
            key = f"{section.id}.{question.id}"
            lines += _question(compiled, key, f"{s_number}.{q_number}", lang, trainer)
    return tidy("\n".join(lines) + "\n")
