"""Blank copies of a canvas for paper workshops: boxes to tick, lines to write on, trainer notes."""

from __future__ import annotations

from typing import assert_never

from kosi_tui.core.canvas import Info
from kosi_tui.core.compiled import CompiledCanvas
from kosi_tui.core.kinds.forms import Amount, Day, Entries, Form, Options, Points, Rows, Writing
from kosi_tui.core.text import localize
from kosi_tui.i18n import t
from kosi_tui.report.conditions import describe
from kosi_tui.report.markdown_text import escape, table, tidy

BOX = "☐"
CIRCLE = "○"
LINE = "\\_" * 48


def inline(options: Options) -> bool:
    """Whether a few short options fit on one line (○ Ja ○ Nein) instead of one line each."""
    return len(options.options) <= 3 and all(len(label) <= 12 for label in options.labels)


def _answer_area(form: Form) -> list[str]:
    match form:
        case Writing(lines=lines):
            return ["\\\n".join([LINE] * lines)]
        case Options(several=several):
            # A circle where one answer is chosen, a box where several can be ticked.
            mark = BOX if several else CIRCLE
            marked = [f"{mark} {escape(label)}" for label in form.labels]
            return ["\u2003".join(marked)] if inline(form) else [f"- {m}" for m in marked]
        case Points(labels=labels):
            header = [str(p) for p in form.points]
            texts = [labels.get(p, "") for p in form.points]
            return [table(header, [texts, [CIRCLE] * len(header)])]
        case Amount(unit=unit):
            return ["\\_" * 16 + (f" {escape(unit)}" if unit else "")]
        case Day():
            return [escape("__.__.____")]
        case Entries(count=count):
            return ["\\\n".join(f"{n}\\. {LINE}" for n in range(1, count + 1))]
        case Rows(columns=columns, count=count):
            header = [c.label for c in columns]
            return [table(header, [[""] * len(header) for _ in range(count)])]
        case _:
            assert_never(form)


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
    form = question.form(lang)
    marks = []
    if question.required:
        marks.append(t("blank.required", lang))
    if isinstance(form, Options) and form.several:
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
    lines += ["", *_answer_area(form)]
    return lines


def render_blank(compiled: CompiledCanvas, lang: str, trainer: bool = False) -> str:
    """The empty canvas as Markdown, for printing; facilitator notes only in a `trainer` copy."""
    canvas = compiled.canvas
    lines = [f"# {escape(localize(canvas.title, lang))}"]
    if trainer:
        lines += ["", f"**{escape(t('blank.trainer_intro', lang))}**"]
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
