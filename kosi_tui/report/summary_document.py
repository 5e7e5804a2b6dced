"""The workshop summary as a document for paper (PDF and Word): the same findings as the Markdown
summary (summary.py), laid out to print compactly – a choice or a scale as a bar chart with its
count and share written at every bar, a table question as one table of every participant's rows,
texts as a list with whose each is.

The workshop it gets is already anonymised when it should be (`anonymise`); the questions and
columns whose answers name someone are still left out here, as in the other formats.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any, assert_never

from kosi_tui.core.canvas import Info, Table
from kosi_tui.core.display import cell_text
from kosi_tui.core.kinds.forms import Amount, Day, Entries, Options, Points, Rows, Writing
from kosi_tui.core.numbers import format_date, is_number
from kosi_tui.core.text import localize
from kosi_tui.i18n import t
from kosi_tui.report.anonymous import identifies, named_columns
from kosi_tui.report.document import Block, Document, Facts, Grid, Items, Line, Part, Question
from kosi_tui.report.summary import (
    choice_counts,
    choice_grid,
    dates_text,
    distribution_chart,
    each_person_grid,
    flags_grid,
    participant_name,
    participants_grid,
    point_rows,
    raised_prompts,
    score_grid,
    stats_text,
)
from kosi_tui.report.workshop import Workshop


def _choices(options: Options, values: list[Any], answered: int, lang: str) -> list[Block]:
    """A chart with every bar labelled; the table only where there is nothing to draw."""
    counts = choice_counts(options, values)
    blocks: list[Block] = (
        [distribution_chart(options.labels, counts, answered, lang)]
        if options.labels
        else [choice_grid(options, counts, answered, lang)]
    )
    if options.several:
        blocks.append(Line(t("summary.several", lang), "note"))
    return blocks


def _table_grid(workshop: Workshop, key: str, anonymous: bool, lang: str) -> Grid | None:
    """Every participant's rows of a table question, each with whose it is."""
    question = workshop.compiled.questions[key].question
    assert isinstance(question, Table)
    named = named_columns(question) if anonymous else frozenset()
    columns = [c for c in question.columns if c.id not in named]
    header = [t("summary.col_person", lang), *(localize(c.label, lang) for c in columns)]
    right = frozenset(i + 1 for i, c in enumerate(columns) if c.type == "number")
    rows = []
    for i, p in enumerate(workshop.participants, start=1):
        value = p.session.value(key)
        for row in value if isinstance(value, list) else []:
            if isinstance(row, dict):
                cells = [cell_text(c, row.get(c.id), lang) for c in columns]
                rows.append([participant_name(p, i, anonymous, lang), *cells])
    return Grid(header, rows, right) if rows else None


def _answers(workshop: Workshop, key: str, anonymous: bool, lang: str) -> Question | None:
    question = workshop.compiled.questions[key].question
    if isinstance(question, Info):
        return None
    rows = [(i, p, p.session.value(key)) for i, p in enumerate(workshop.participants, start=1)]
    answered = [(i, p, v) for i, p, v in rows if v is not None]
    values = [v for _, _, v in answered]
    label = localize(question.label, lang)
    blocks: list[Block] = [
        Line(t("summary.answered", lang, count=len(answered), total=len(rows)), "note")
    ]
    if not answered:
        return Question(label, blocks)
    form = question.form(lang)
    match form:
        case Options():
            blocks += _choices(form, values, len(answered), lang)
        case Points(labels=labels):
            nums = [v for v in values if isinstance(v, int) and not isinstance(v, bool)]
            if nums:
                counts = Counter(nums)
                dist = point_rows(labels, list(form.points), counts)
                blocks.append(Line(stats_text([float(n) for n in nums], lang)))
                blocks.append(
                    distribution_chart(
                        [r[0] for r in dist], [counts[p] for p in form.points], len(nums), lang
                    )
                )
        case Amount(unit=unit):
            amounts = [float(v) for v in values if is_number(v)]
            if amounts:
                blocks.append(Line(stats_text(amounts, lang, unit)))
        case Day():
            dates = sorted(v for v in values if isinstance(v, dt.date))
            if dates:
                blocks.append(Line(dates_text(dates, lang)))
        case Rows(columns=columns):
            total_rows = sum(len(v) for v in values if isinstance(v, list))
            blocks.append(Line(t("summary.rows", lang, count=total_rows)))
            grid = _table_grid(workshop, key, anonymous, lang)
            if grid is not None:
                blocks.append(grid)
            for column in columns:
                if column.options is not None:
                    cells = [
                        row.get(column.id)
                        for v in values
                        if isinstance(v, list)
                        for row in v
                        if isinstance(row, dict) and row.get(column.id)
                    ]
                    if cells:
                        blocks.append(Line(column.label, "strong"))
                        blocks += _choices(column.options, cells, len(cells), lang)
        case Writing() | Entries() if anonymous and identifies(question):
            blocks.append(Line(t("anonymous.withheld", lang), "note"))
        case Writing() | Entries():
            blocks.append(
                Items(
                    [
                        f"{text} — {participant_name(p, i, anonymous, lang)}"
                        for i, p, v in answered
                        for text in question.display(v, lang)
                    ]
                )
            )
        case _:
            assert_never(form)
    return Question(label, blocks)


def _head(workshop: Workshop, anonymous: bool, lang: str, today: dt.date) -> Part:
    canvas = workshop.compiled.canvas
    intro = t(
        "summary.intro",
        lang,
        count=len(workshop.participants),
        date=format_date(today, lang),
        version=canvas.version,
    )
    blocks: list[Block] = [Line(intro)]
    if workshop.skipped and anonymous:
        blocks.append(Line(t("anonymous.skipped", lang, count=len(workshop.skipped))))
    elif workshop.skipped:
        blocks.append(Line(t("summary.skipped", lang, count=len(workshop.skipped)), "strong"))
        blocks.append(Items([f"{s.path.name}: {s.reason}" for s in workshop.skipped]))
    title = t("summary.title", lang, canvas=localize(canvas.title, lang))
    return Part(title, blocks, kind="head")


def build_summary_document(
    workshop: Workshop, lang: str, anonymous: bool = False, today: dt.date | None = None
) -> Document:
    """The summary of a workshop, ready for the PDF and Word writers.

    Run `render_summary` first: it leaves out the drafts whose answers make summarising fail.
    """
    today = today or dt.date.today()
    canvas = workshop.compiled.canvas
    parts = [_head(workshop, anonymous, lang, today)]
    parts.append(
        Part(t("summary.participants", lang), [participants_grid(workshop, anonymous, lang)])
    )
    if canvas.group is not None:
        # A game played as a group: its figures are the group's, never a mean across drafts.
        from kosi_tui.report.group_summary import group_parts

        parts += group_parts(workshop, lang)
    else:
        scores = score_grid(workshop, anonymous, lang, grouped=True)
        if scores is not None:
            # Per score its lowest, highest and everyone's values across the page: as a table's
            # fourth column, twenty people's values ran to four pages.
            values: list[Block] = [
                Question(row[0], [Facts(list(zip(scores.header[1:], row[1:], strict=True)))])
                for row in scores.rows
            ]
            parts.append(Part(t("report.scores", lang), values))
        each = each_person_grid(workshop, anonymous, lang)
        if each is not None:
            parts.append(Part(each[0], [each[1]]))
        raised = raised_prompts(workshop, lang)
        if raised:
            items = Items([f"{question} ({how_often})" for question, how_often in raised])
            parts.append(Part(t("summary.prompts", lang), [items]))
    flags = flags_grid(workshop, lang)
    if flags is not None:
        parts.append(Part(t("report.flags", lang), [flags]))
    rounds = {r.section for r in canvas.group.rounds} if canvas.group is not None else set()
    for number, section in enumerate(canvas.sections, start=1):
        if section.id in rounds:
            continue
        keys = [f"{section.id}.{q.id}" for q in section.questions]
        blocks: list[Block] = [
            found for key in keys if (found := _answers(workshop, key, anonymous, lang))
        ]
        if blocks:
            parts.append(Part(localize(section.title, lang), blocks, number))
    title = t("summary.title", lang, canvas=localize(canvas.title, lang))
    footer = f"{title} · {format_date(today, lang)}"
    return Document(title, lang, footer, parts, compact=True)
