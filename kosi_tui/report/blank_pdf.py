"""Blank copies for paper workshops as PDF: writing space across the full width sized by what is
expected, ○ for one choice and ☐ for several, table rows at least 12 mm high, wide tables on
landscape pages, and a question never parted from its answer area. Facilitator notes only in the
trainer's copy."""

from __future__ import annotations

from kosi_tui.core.canvas import (
    AnyQuestion,
    Column,
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
from kosi_tui.report.typst_text import compile_typst, lit
from kosi_tui.report.write_pdf import TEMPLATE, _array

CHARS_PER_LINE = 75
"""About what one handwritten line across an A4 page holds."""
ROW = "12mm"
LANDSCAPE_COLUMNS = 5
"""Tables with more columns, or with choice columns beside three or more others, go landscape."""


def _max_length(question: ShortText | LongText) -> int | None:
    limits = [r.length.max for r in question.validate_ if r.length and r.length.max]
    return int(min(limits)) if limits else None


def writing_lines(question: ShortText | LongText) -> int:
    """How many lines to leave: from the longest answer the canvas allows, else by type."""
    limit = _max_length(question)
    if isinstance(question, ShortText):
        return 1 if limit is None or limit <= CHARS_PER_LINE else 2
    if limit is not None:
        return max(3, min(12, -(-limit // CHARS_PER_LINE)))
    return 5


def _cell(column: Column, lang: str) -> str:
    """What an empty cell holds: nothing to write in, or the column's options to tick."""
    if column.type in ("choice", "multi_choice") and column.choices:
        labels = _array([lit(localize(c.label, lang)) for c in column.choices])
        several = "true" if column.type == "multi_choice" else "false"
        return f"options({labels}, several: {several}, size: 7.5pt)"
    return '""'


def _weight(column: Column, lang: str) -> float:
    """A column's share of the width: room to write in, or for its longest option."""
    if column.choices:
        return max(12.0, 0.75 * max(len(localize(c.label, lang)) for c in column.choices) + 4)
    return 14.0 if column.type == "number" else 26.0


def _wide(question: Table) -> bool:
    choice_columns = sum(c.type in ("choice", "multi_choice") for c in question.columns)
    return len(question.columns) > LANDSCAPE_COLUMNS or (
        choice_columns > 0 and len(question.columns) >= 4
    )


def answer_area(question: AnyQuestion, lang: str) -> str:
    """The Typst code of the space to answer in."""
    match question:
        case ShortText() | LongText():
            return f"writing-lines({writing_lines(question)})"
        case SingleChoice() | MultiChoice():
            labels = [localize(c.label, lang) for c in question.choices]
            columns = 2 if len(labels) > 6 and max(len(x) for x in labels) < 45 else 1
            several = "true" if isinstance(question, MultiChoice) else "false"
            return f"options({_array([lit(x) for x in labels])}, several: {several}, columns: {columns})"
        case Scale():
            points = list(range(question.min, question.max + 1))
            header = [lit(str(p)) for p in points]
            labels = [
                lit(localize(question.labels[p], lang) if p in question.labels else "")
                for p in points
            ]
            marks = ["[#tick(false)]"] * len(points)
            return (
                f"grid-table({_array(header)}, ({_array(labels)}, {_array(marks)}), "
                f"min-row: {ROW}, size: 8.5pt)"
            )
        case Number():
            unit = f" {localize(question.unit, lang)}" if question.unit else ""
            return f"box(width: 50mm, height: 9mm, stroke: (bottom: 0.5pt + rule)) + {lit(unit)}"
        case Date():
            shape = "TT.MM.JJJJ" if lang == "de" else "DD.MM.YYYY"
            return f"box(width: 40mm, height: 9mm, stroke: (bottom: 0.5pt + rule)) + {lit('  ' + shape)}"
        case ListQuestion():
            count = max(question.min_items or 0, 4)
            if question.max_items:
                count = min(count, question.max_items)
            return f"enum(..range({count}).map(_ => writing-lines(1)))"
        case Table():
            heads = _array([lit(localize(c.label, lang)) for c in question.columns])
            row = _array([_cell(c, lang) for c in question.columns])
            count = max(question.min_rows or 0, 4)
            if question.max_rows:
                count = min(count, question.max_rows)
            widths = _array([f"{_weight(c, lang):.1f}" for c in question.columns])
            return (
                f"grid-table({heads}, ({row},) * {count}, widths: {widths}, min-row: {ROW}, "
                "size: 9pt)"
            )
    return "none"


def _question(compiled: CompiledCanvas, key: str, number: str, lang: str, trainer: bool) -> str:
    question = compiled.questions[key].question
    if isinstance(question, Info):
        return f"par(emph({lit(localize(question.label, lang))}))\n"
    marks = []
    if question.required:
        marks.append(t("blank.required", lang))
    marks.append(t("blank.several", lang) if isinstance(question, MultiChoice) else "")
    if isinstance(question, SingleChoice):
        marks[-1] = t("blank.one", lang)
    notes = []
    node = compiled.show_if.get(key)
    if node is not None:
        words = describe(node, compiled, lang)
        notes.append(
            t("blank.only_if", lang, condition=words) if words else t("blank.conditional", lang)
        )
    if question.help:
        notes.append(localize(question.help, lang))
    if question.example:
        notes.append(t("blank.example", lang, example=localize(question.example, lang)))
    area = answer_area(question, lang)
    if trainer and question.guidance:
        area = f"{{ trainer-note({lit(t('blank.guidance', lang))}, {lit(localize(question.guidance, lang))}); {area} }}"
    # Only a table on a landscape page of its own may run on to the next page; any other
    # question stays whole with its answer area.
    wide = isinstance(question, Table) and _wide(question)
    long = "true" if wide else "false"
    call = (
        f"blank-question({lit(number)}, {lit(localize(question.label, lang))}, "
        f"{lit(', '.join(m for m in marks if m))}, {_array([lit(n) for n in notes])}, {area}, "
        f"long: {long})\n"
    )
    return call


def _is_wide(compiled: CompiledCanvas, key: str) -> bool:
    question = compiled.questions[key].question
    return isinstance(question, Table) and _wide(question)


def blank_source(compiled: CompiledCanvas, lang: str, trainer: bool, footer: str) -> str:
    """The blank copy as Typst source."""
    canvas = compiled.canvas
    title = localize(canvas.title, lang)
    body = [f"heading(level: 1, {lit(title)})\n"]
    if canvas.description:
        body.append(f"par({lit(localize(canvas.description, lang))})\n")
    fields = [t("report.organisation", lang), t("report.author", lang), t("blank.date", lang)]
    body.append(
        "block(above: 1em, below: 1em, stack(spacing: 4mm, "
        + "".join(f"field({lit(f)}, width: 120mm), " for f in fields)
        + "))\n"
    )
    if canvas.minutes:
        body.append(f"note({lit(t('blank.minutes', lang, minutes=canvas.minutes))})\n")
    for s_number, section in enumerate(canvas.sections, start=1):
        head = [f"heading(level: 2, {lit(f'{s_number}. ' + localize(section.title, lang))})\n"]
        # The heading, the intro and the note stick to the section's first question.
        if section.intro:
            head.append(f"block(sticky: true, par({lit(localize(section.intro, lang))}))\n")
        if trainer and section.guidance:
            note = f"trainer-note({lit(t('blank.guidance', lang))}, {lit(localize(section.guidance, lang))})"
            head.append(f"block(sticky: true, {note})\n")
        q_number = 0
        for question in section.questions:
            if question.answerable:
                q_number += 1
            key = f"{section.id}.{question.id}"
            call = _question(compiled, key, f"{s_number}.{q_number}", lang, trainer)
            if _is_wide(compiled, key):
                # A wide table gets a landscape page of its own, so no column is squeezed; a
                # section that opens with it takes its heading along.
                call = "page(flipped: true, {\n" + "".join(head) + call + "})\n"
                head = []
            body += [*head, call]
            head = []
        body += head
    return (
        TEMPLATE.read_text(encoding="utf-8")
        + f"\n#show: setup.with(lang: {lit(lang)}, title: {lit(title)}, footer: {lit(footer)})\n#{{\n"
        + "".join(body)
        + "}\n"
    )


def write_blank_pdf(compiled: CompiledCanvas, lang: str, trainer: bool, footer: str) -> bytes:
    """The blank copy as PDF bytes; raises `MissingExtra` without the `pdf` extra."""
    return bytes(compile_typst(blank_source(compiled, lang, trainer, footer)))
