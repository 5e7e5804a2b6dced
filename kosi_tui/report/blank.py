"""Blank copies of a canvas for paper workshops, as a document: boxes to tick, lines to write on,
trainer notes. Every writer of the document model draws it (Markdown, HTML, PDF, Word)."""

from __future__ import annotations

from typing import assert_never

from kosi_tui.core.canvas import Info
from kosi_tui.core.compiled import CompiledCanvas
from kosi_tui.core.kinds.forms import Amount, Day, Entries, Form, Options, Points, Rows, Writing
from kosi_tui.core.text import localize
from kosi_tui.i18n import t
from kosi_tui.i18n.locales import locale
from kosi_tui.report.conditions import describe
from kosi_tui.report.document import (
    Blank,
    Block,
    Choices,
    Column,
    Document,
    EmptyTable,
    Fields,
    Guidance,
    Line,
    Part,
    Prose,
    Scale,
    ShortAnswer,
    WritingSpace,
)


def answer_space(form: Form, lang: str) -> Block:
    """The space to answer a question of this shape in."""
    match form:
        case Writing(lines=lines):
            return WritingSpace(lines)
        case Options(several=several):
            return Choices(form.labels, several)
        case Points(labels=labels):
            return Scale([str(p) for p in form.points], [labels.get(p, "") for p in form.points])
        case Amount(unit=unit):
            return ShortAnswer(unit, 50)
        case Day():
            return ShortAnswer(locale(lang).date_blank, 40)
        case Entries(count=count):
            return WritingSpace(count, numbered=True)
        case Rows(columns=columns, count=count):
            return EmptyTable(
                [
                    Column(
                        c.label,
                        c.options.labels if c.options is not None else None,
                        c.options.several if c.options is not None else False,
                        c.number,
                    )
                    for c in columns
                ],
                count,
            )
        case _:
            assert_never(form)


def _guidance(text: str | dict[str, str] | None, lang: str) -> list[Block]:
    """A facilitator's note, or nothing."""
    return [Guidance(t("blank.guidance", lang), localize(text, lang))] if text else []


def _question(compiled: CompiledCanvas, key: str, number: str, lang: str, trainer: bool) -> Block:
    question = compiled.questions[key].question
    if isinstance(question, Info):
        return Line(localize(question.label, lang), "note")
    form = question.form(lang)
    marks = []
    if question.required:
        marks.append(t("blank.required", lang))
    if isinstance(form, Options):
        marks.append(t("blank.several" if form.several else "blank.one", lang))
    notes = []
    node = compiled.show_if.get(key)
    if node is not None:
        words = describe(node, compiled, lang)
        condition = (
            t("blank.only_if", lang, condition=words) if words else t("blank.conditional", lang)
        )
        notes.append(Line(condition, "note"))
    if question.help:
        notes.append(Line(localize(question.help, lang)))
    if question.example:
        example = t("blank.example", lang, example=localize(question.example, lang))
        notes.append(Line(example, "note"))
    guidance = _guidance(question.guidance, lang) if trainer else []
    return Blank(
        number,
        localize(question.label, lang),
        ", ".join(marks),
        notes,
        [*guidance, answer_space(form, lang)],
    )


def blank_document(
    compiled: CompiledCanvas, lang: str, trainer: bool = False, footer: str = ""
) -> Document:
    """The empty canvas as a document, for printing or filling in; facilitator notes and a mark
    on every page only in a `trainer` copy."""
    canvas = compiled.canvas
    title = localize(canvas.title, lang)
    head: list[Block] = []
    if trainer:
        head.append(Line(t("blank.trainer_intro", lang), "strong"))
    if canvas.description:
        head.append(Prose(localize(canvas.description, lang)))
    # The organisation across the line, who and when side by side: a line less on page 1.
    organisation, author, date = (
        t("report.organisation", lang), t("report.author", lang), t("blank.date", lang)
    )  # fmt: skip
    head.append(Fields([[(organisation, 120)], [(author, 70), (date, 35)]]))
    if canvas.minutes:
        head.append(Line(t("blank.minutes", lang, minutes=canvas.minutes), "note"))
    parts = [Part(title, head, kind="head")]
    for s_number, section in enumerate(canvas.sections, start=1):
        blocks: list[Block] = []
        if section.intro:
            blocks.append(Prose(localize(section.intro, lang)))
        if trainer:
            blocks += _guidance(section.guidance, lang)
        q_number = 0
        for question in section.questions:
            if question.answerable:
                q_number += 1
            key = f"{section.id}.{question.id}"
            blocks.append(_question(compiled, key, f"{s_number}.{q_number}", lang, trainer))
        parts.append(Part(localize(section.title, lang), blocks, number=s_number))
    mark = t("blank.trainer_mark", lang) if trainer else ""
    return Document(title, lang, footer, parts, mark=mark)


def render_blank(compiled: CompiledCanvas, lang: str, trainer: bool = False) -> str:
    """The empty canvas as Markdown, for printing; facilitator notes only in a `trainer` copy."""
    from kosi_tui.report.write_markdown import write_markdown

    return write_markdown(blank_document(compiled, lang, trainer))
