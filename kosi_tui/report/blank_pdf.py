"""Blank copies for paper workshops as PDF: writing space across the full width sized by what is
expected, ○ for one choice and ☐ for several, table rows at least 12 mm high, wide tables on
landscape pages, and a question never parted from its answer area. Facilitator notes only in the
trainer's copy."""

from __future__ import annotations

from typing import assert_never

from kosi_tui.core.canvas import Info
from kosi_tui.core.compiled import CompiledCanvas
from kosi_tui.core.kinds.forms import (
    Amount,
    Cell,
    Day,
    Entries,
    Form,
    Options,
    Points,
    Rows,
    Writing,
)
from kosi_tui.core.text import localize
from kosi_tui.i18n import t
from kosi_tui.i18n.locales import locale
from kosi_tui.report.blank import inline
from kosi_tui.report.conditions import describe
from kosi_tui.report.typst_text import compile_typst, lit
from kosi_tui.report.write_pdf import TEMPLATE, TEXT_WIDTH_MM, _array

ROW = "12mm"
LANDSCAPE_COLUMNS = 5
"""Tables with more columns go landscape."""


def _options(options: Options, columns: int, size: str = "") -> str:
    labels = _array([lit(x) for x in options.labels])
    several = "true" if options.several else "false"
    return f"options({labels}, several: {several}, columns: {columns}{size})"


def _columns(options: Options) -> int:
    """Across the page: a few short options side by side (○ Ja   ○ Nein), many in two columns."""
    labels = options.labels
    if inline(options):
        return len(labels)
    return 2 if len(labels) > 6 and max(len(x) for x in labels) < 45 else 1


def _cell(cell: Cell) -> str:
    """What an empty cell holds: nothing to write in, or the column's options by number, to
    tick (their names stand once, in the legend above the table)."""
    if cell.options is None:
        return '""'
    several = "true" if cell.options.several else "false"
    return f"numbered-ticks({len(cell.options.labels)}, several: {several})"


def _legend(columns: tuple[Cell, ...]) -> str:
    """The legend of a table's choice columns: each column's name and its numbered options."""
    items = [
        _array([lit(c.label), _array([lit(label) for label in c.options.labels])])
        for c in columns
        if c.options is not None
    ]
    return f"column-legend({_array(items)})" if items else ""


def _weight(cell: Cell) -> float:
    """A column's share of the width: room to write in, or for its longest option; never less
    than its heading's longest word needs (`Wahrscheinlichkeit` cannot break, it would run into
    the next column)."""
    if cell.options:
        # Numbered marks, about 4.5 units each, on two or three lines.
        weight = max(12.0, 4.5 * min(len(cell.options.labels), 4) + 2)
    else:
        weight = 14.0 if cell.number else 26.0
    return max(weight, max((len(word) for word in cell.label.split()), default=0) + 2.0)


def _wide(rows: Rows) -> bool:
    return len(rows.columns) > LANDSCAPE_COLUMNS


def answer_area(form: Form, lang: str) -> str:
    """The Typst code of the space to answer in."""
    match form:
        case Writing(lines=lines):
            return f"writing-lines({lines})"
        case Options():
            return _options(form, _columns(form))
        case Points(labels=labels):
            header = [lit(str(p)) for p in form.points]
            texts = [lit(labels.get(p, "")) for p in form.points]
            marks = ["[#tick(false)]"] * len(header)
            return (
                f"grid-table({_array(header)}, ({_array(texts)}, {_array(marks)}), "
                f"min-row: {ROW}, size: 8.5pt)"
            )
        case Amount(unit=unit):
            after = f" {unit}" if unit else ""
            return f"box(width: 50mm, height: 9mm, stroke: (bottom: 0.5pt + rule)) + {lit(after)}"
        case Day():
            shape = locale(lang).date_blank
            return f"box(width: 40mm, height: 9mm, stroke: (bottom: 0.5pt + rule)) + {lit('  ' + shape)}"
        case Entries(count=count):
            return f"enum(..range({count}).map(_ => writing-lines(1)))"
        case Rows(columns=columns, count=count):
            heads = _array([lit(c.label) for c in columns])
            row = _array([_cell(c) for c in columns])
            widths = _array([f"{_weight(c):.1f}" for c in columns])
            table = (
                f"grid-table({heads}, ({row},) * {count}, widths: {widths}, min-row: {ROW}, "
                "size: 9pt)"
            )
            legend = _legend(columns)
            return f"{{ {legend}; {table} }}" if legend else table
        case _:
            assert_never(form)


def _question(compiled: CompiledCanvas, key: str, number: str, lang: str, trainer: bool) -> str:
    question = compiled.questions[key].question
    if isinstance(question, Info):
        return f"par(emph({lit(localize(question.label, lang))}))\n"
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
        notes.append(
            t("blank.only_if", lang, condition=words) if words else t("blank.conditional", lang)
        )
    if question.help:
        notes.append(localize(question.help, lang))
    if question.example:
        notes.append(t("blank.example", lang, example=localize(question.example, lang)))
    area = answer_area(form, lang)
    if trainer and question.guidance:
        area = f"{{ trainer-note({lit(t('blank.guidance', lang))}, {lit(localize(question.guidance, lang))}); {area} }}"
    # Only a table on a landscape page of its own may run on to the next page; any other
    # question stays whole with its answer area.
    long = "true" if isinstance(form, Rows) and _wide(form) else "false"
    call = (
        f"blank-question({lit(number)}, {lit(localize(question.label, lang))}, "
        f"{lit(', '.join(marks))}, {_array([lit(n) for n in notes])}, {area}, "
        f"long: {long})\n"
    )
    return call


def _is_wide(compiled: CompiledCanvas, key: str, lang: str) -> bool:
    question = compiled.questions[key].question
    if isinstance(question, Info):
        return False
    form = question.form(lang)
    return isinstance(form, Rows) and _wide(form)


def blank_source(compiled: CompiledCanvas, lang: str, trainer: bool, footer: str) -> str:
    """The blank copy as Typst source."""
    canvas = compiled.canvas
    title = localize(canvas.title, lang)
    body = [f"heading(level: 1, {lit(title)})\n"]
    if trainer:
        body.append(f"par(strong({lit(t('blank.trainer_intro', lang))}))\n")
    if canvas.description:
        body.append(f"par({lit(localize(canvas.description, lang))})\n")
    fields = [t("report.organisation", lang), t("report.author", lang), t("blank.date", lang)]
    # The organisation across the line, who and when side by side: a line less on page 1.
    organisation, author, date = (lit(f) for f in fields)
    body.append(
        f"block(above: 1em, below: 1em, stack(spacing: 4mm, field({organisation}, width: 120mm), "
        f"{{ field({author}, width: 70mm); h(8mm); field({date}, width: 35mm) }}))\n"
    )
    if canvas.minutes:
        body.append(f"note({lit(t('blank.minutes', lang, minutes=canvas.minutes))})\n")
    last = 0
    """Where in `body` the last portrait question stands (0: none to carry)."""
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
            if _is_wide(compiled, key, lang):
                # A wide table gets a landscape page of its own, so no column is squeezed; a
                # section that opens with it takes its heading along, and the question before
                # it comes too when its portrait page has no room left for it (report.typ).
                if last > 0 and body[last - 1].startswith("blank-question("):
                    body[last - 1] = body[last - 1].removesuffix(")\n") + ", mark: true)\n"
                    body[last] = f"unless-late({body[last].rstrip()}, {TEXT_WIDTH_MM}mm)\n"
                call = "page(flipped: true, {\ncarried-here()\n" + "".join(head) + call + "})\n"
                head = []
                last = 0
            elif call.startswith("blank-question("):
                last = len(body) + len(head)
            else:
                last = 0
            body += [*head, call]
            head = []
        body += head
    return (
        TEMPLATE.read_text(encoding="utf-8")
        + f"\n#show: setup.with(lang: {lit(lang)}, title: {lit(title)}, footer: {lit(footer)}, "
        + f"mark: {lit(t('blank.trainer_mark', lang) if trainer else '')})\n#{{\n"
        + "".join(body)
        + "}\n"
    )


def write_blank_pdf(compiled: CompiledCanvas, lang: str, trainer: bool, footer: str) -> bytes:
    """The blank copy as PDF bytes; raises `MissingExtra` without the `pdf` extra."""
    return bytes(compile_typst(blank_source(compiled, lang, trainer, footer)))
