"""A workshop summary: many drafts of one canvas, aggregated into one overview.

One odd draft never stops the summary: a draft that cannot be evaluated, or holds a number no
mean can take (a 400-digit integer, infinity), is left out with its file name and the reason, like
a file that cannot be read. Should rendering still fail, each participant is tried alone and those
that fail are left out the same way (`render_summary`).
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections import Counter
from collections.abc import Callable
from typing import Any, assert_never

from kosi_tui.core.canvas import Info, Score, Table
from kosi_tui.core.display import scalar_text
from kosi_tui.core.evaluation import compare, prompts_across
from kosi_tui.core.kinds.forms import Amount, Day, Entries, Options, Points, Rows, Writing
from kosi_tui.core.numbers import format_date, format_number, is_number
from kosi_tui.core.placeholders import fill, placeholders
from kosi_tui.core.text import localize
from kosi_tui.i18n import t
from kosi_tui.report.anonymous import identifies
from kosi_tui.report.charts import Bars
from kosi_tui.report.document import Figure, Grid
from kosi_tui.report.markdown_text import code, escape, table
from kosi_tui.report.score_figures import figure_text, score_text
from kosi_tui.report.workshop import Participant, Workshop, failure_reason, over_time, skip


def _name(p: Participant, index: int, anonymous: bool, lang: str) -> str:
    if anonymous:
        return t("summary.person", lang, n=index)
    return p.draft.author or p.draft.organisation or p.path.stem


def participant_name(p: Participant, index: int, anonymous: bool, lang: str) -> str:
    """How the summary names a participant: author, organisation or file; anonymous, "Person 2"."""
    return _name(p, index, anonymous, lang)


def _share(count: int, total: int, lang: str) -> str:
    return f"{format_number(round(100 * count / total) if total else 0, lang)} %"


def choice_counts(options: Options, values: list[Any]) -> list[int]:
    """How often each option was chosen."""
    counts = [0] * len(options.options)
    for value in values:
        for v in value if isinstance(value, list) else [value]:
            # Only an option's own value counts (`True` is no choice id, a mapping no answer).
            for n, (option, _) in enumerate(options.options):
                if type(v) is type(option) and v == option:
                    counts[n] += 1
    return counts


def choice_grid(options: Options, counts: list[int], answered: int, lang: str) -> Grid:
    """Each option with how often and by what share it was chosen."""
    rows = [
        [label, str(count), _share(count, answered, lang)]
        for label, count in zip(options.labels, counts, strict=True)
    ]
    header = [
        t("summary.col_choice", lang),
        t("summary.col_count", lang),
        t("summary.col_share", lang),
    ]
    return Grid(header, rows, frozenset({1, 2}))


def _choice_block(
    options: Options,
    values: list[Any],
    answered: int,
    lang: str,
    figure: FigureHook = None,
) -> list[str]:
    counts = choice_counts(options, values)
    grid = choice_grid(options, counts, answered, lang)
    note = t("summary.several", lang) if options.several else ""
    lines = [table(grid.header, grid.rows, grid.right)] + (
        ["", f"*{escape(note)}*"] if note else []
    )
    return _drawn(figure, options.labels, counts, answered, lang) + lines


FigureHook = Callable[[Figure], str] | None
"""Where a printable summary wants a chart: given the chart, it returns the line standing in for
it in the Markdown; None (the Markdown summary) draws none."""


def distribution_chart(labels: list[str], counts: list[int], total: int, lang: str) -> Figure:
    """A distribution as a bar chart with its count and share written beside every bar."""
    texts = [f"{n} ({_share(n, total, lang)})" for n in counts]
    chart = Bars(labels, [float(n) for n in counts], texts, 0, float(max(total, 1)))
    return Figure(chart, t("summary.col_count", lang))


def _drawn(
    figure: FigureHook, labels: list[str], counts: list[int], total: int, lang: str
) -> list[str]:
    """A distribution as a bar chart, for the printable summary (never block characters)."""
    if figure is None or not labels:
        return []
    return [figure(distribution_chart(labels, counts, total, lang)), ""]


def _mean(values: list[float]) -> float:
    """The mean; dividing first keeps a sum of large but finite numbers from overflowing."""
    return math.fsum(v / len(values) for v in values)


def stats_text(values: list[float], lang: str, unit: Any = None) -> str:
    """Mean, median and span of numbers, as a sentence."""

    def fmt(x: float) -> str:
        return scalar_text(round(x, 2), lang, unit)

    return t(
        "summary.stats",
        lang,
        mean=fmt(_mean(values)),
        median=fmt(statistics.median(values)),
        min=fmt(min(values)),
        max=fmt(max(values)),
    )


def _numbers_block(values: list[float], lang: str, unit: Any = None) -> list[str]:
    return [escape(stats_text(values, lang, unit))]


def point_rows(labels: dict[int, str], points: list[int], counts: Counter[int]) -> list[list[str]]:
    """A scale's points, each with its label and how often it was given."""
    return [[f"{p}" + (f" – {labels[p]}" if p in labels else ""), str(counts[p])] for p in points]


def dates_text(dates: list[dt.date], lang: str) -> str:
    """The earliest and the latest of sorted dates, as a sentence."""
    return t(
        "summary.dates",
        lang,
        first=format_date(dates[0], lang),
        last=format_date(dates[-1], lang),
    )


def _question_block(
    workshop: Workshop, key: str, anonymous: bool, lang: str, figure: FigureHook = None
) -> list[str]:
    question = workshop.compiled.questions[key].question
    rows = [(i, p, p.session.value(key)) for i, p in enumerate(workshop.participants, start=1)]
    answered = [(i, p, v) for i, p, v in rows if v is not None]
    values = [v for _, _, v in answered]
    head = t("summary.answered", lang, count=len(answered), total=len(rows))
    lines = ["", f"**{escape(localize(question.label, lang))}** *({escape(head)})*"]
    if not answered:
        return lines
    lines.append("")
    if isinstance(question, Info):
        return lines
    form = question.form(lang)
    match form:
        case Options():
            lines += _choice_block(form, values, len(answered), lang, figure)
        case Points(labels=labels):
            nums = [v for v in values if isinstance(v, int) and not isinstance(v, bool)]
            counts = Counter(nums)
            header = [t("summary.col_point", lang), t("summary.col_count", lang)]
            dist = point_rows(labels, list(form.points), counts)
            drawn = _drawn(
                figure, [r[0] for r in dist], [counts[p] for p in form.points], len(nums), lang
            )
            lines += (
                [*_numbers_block([float(n) for n in nums], lang), "", *drawn,
                 table(header, dist, frozenset({1}))]
                if nums
                else []
            )  # fmt: skip
        case Amount(unit=unit):
            amounts = [float(v) for v in values if is_number(v)]
            lines += _numbers_block(amounts, lang, unit) if amounts else []
        case Day():
            dates = sorted(v for v in values if isinstance(v, dt.date))
            if dates:
                lines.append(escape(dates_text(dates, lang)))
        case Rows(columns=columns):
            total_rows = sum(len(v) for v in values if isinstance(v, list))
            lines.append(escape(t("summary.rows", lang, count=total_rows)))
            for column in columns:
                if column.options is not None:
                    cells = [
                        row.get(column.id)
                        for v in values
                        if isinstance(v, list)
                        for row in v
                        if isinstance(row, dict) and row.get(column.id)
                    ]
                    lines += ["", f"*{escape(column.label)}*", ""]
                    lines += _choice_block(column.options, cells, len(cells), lang, figure)
        case Writing() | Entries() if anonymous and identifies(question):
            lines.append(f"*{escape(t('anonymous.withheld', lang))}*")
        case Writing() | Entries():
            for i, p, v in answered:
                for text in question.display(v, lang):
                    lines.append(f"- {escape(text)} — *{escape(_name(p, i, anonymous, lang))}*")
        case _:
            assert_never(form)
    return lines


def render_summary(
    workshop: Workshop,
    lang: str,
    anonymous: bool = False,
    today: dt.date | None = None,
    figure: FigureHook = None,
) -> str:
    """The workshop summary as canonical Markdown.

    Participants whose answers make it fail are moved to `workshop.skipped`, with the reason.
    """
    if over_time(workshop):
        # One person's drafts read as a course: earliest first, in every part of the summary.
        workshop.participants.sort(key=lambda p: p.draft.updated)
    try:
        return _render(workshop, lang, anonymous, today, figure)
    # Trying everyone alone costs a render per person, so only once something has failed.
    except Exception:
        kept: list[Participant] = []
        for participant in workshop.participants:
            try:
                _render(Workshop(workshop.compiled, [participant]), lang, anonymous, today, None)
            except Exception as err:
                skip(workshop, participant.path, failure_reason(err, lang), lang)
            else:
                kept.append(participant)
        workshop.participants = kept
        return _render(workshop, lang, anonymous, today, figure)


def _render(
    workshop: Workshop, lang: str, anonymous: bool, today: dt.date | None, figure: FigureHook
) -> str:
    canvas = workshop.compiled.canvas
    people = workshop.participants
    lines = [f"# {escape(t('summary.title', lang, canvas=localize(canvas.title, lang)))}", ""]
    lines.append(
        escape(
            t(
                "summary.intro",
                lang,
                count=len(people),
                date=format_date(today or dt.date.today(), lang),
                version=canvas.version,
            )
        )
    )
    if workshop.skipped and anonymous:
        lines += ["", escape(t("anonymous.skipped", lang, count=len(workshop.skipped)))]
    elif workshop.skipped:
        lines += ["", f"**{escape(t('summary.skipped', lang, count=len(workshop.skipped)))}**", ""]
        lines += [f"- {code(s.path.name)}: {escape(s.reason)}" for s in workshop.skipped]
    people_grid = participants_grid(workshop, anonymous, lang)
    lines += [
        "",
        f"## {escape(t('summary.participants', lang))}",
        "",
        table(people_grid.header, people_grid.rows),
    ]
    if canvas.group is not None:
        # A game played as a group: its figures are the group's, never a mean across drafts.
        from kosi_tui.report.group_summary import group_lines

        lines += group_lines(workshop, lang)
    # Evaluation across participants: each value, never a mean (see `score_lines`).
    if canvas.group is None:
        lines += score_lines(workshop, anonymous, lang)
        lines += each_person_lines(workshop, anonymous, lang)
        lines += prompt_lines(workshop, lang)
    flags = flags_grid(workshop, lang)
    if flags is not None:
        lines += ["", f"## {escape(t('report.flags', lang))}", "", table(flags.header, flags.rows)]
    # Answers by section.
    for number, section in enumerate(canvas.sections, start=1):
        keys = [f"{section.id}.{q.id}" for q in section.questions if not isinstance(q, Info)]
        # A game's rounds stand in the merged table above, not as means of the offers.
        rounds = {r.section for r in canvas.group.rounds} if canvas.group is not None else set()
        if not keys or section.id in rounds:
            continue
        lines += ["", f"## {number}. {escape(localize(section.title, lang))}"]
        for key in keys:
            lines += _question_block(workshop, key, anonymous, lang, figure)
    # No `tidy()`: mdformat needs seconds for a summary of hundreds of people; `table()` pads already.
    return "\n".join(lines) + "\n"


def participants_grid(workshop: Workshop, anonymous: bool, lang: str) -> Grid:
    """Completeness per participant: required and all questions answered, flags raised."""
    header = [
        t("summary.col_person", lang),
        t("summary.col_required", lang),
        t("summary.col_all", lang),
        t("summary.col_flags", lang),
    ]
    rows = []
    dated = over_time(workshop)
    for i, p in enumerate(workshop.participants, start=1):
        progress = p.session.progress()
        rows.append(
            [
                _name(p, i, anonymous, lang)
                + (
                    ""
                    if anonymous or not p.draft.organisation or not p.draft.author
                    else f" ({p.draft.organisation})"
                )
                # One person over time: which draft is which shows only by its date.
                + (f", {format_date(p.draft.updated.date(), lang)}" if dated else ""),
                f"{progress.required_answered} / {progress.required_total}",
                f"{progress.answered} / {progress.total}",
                str(len(p.flags)),
            ]
        )
    return Grid(header, rows, frozenset({1, 2, 3}))


def flags_grid(workshop: Workshop, lang: str) -> Grid | None:
    """Each flag raised in any draft, in how many and by what share; None if none was."""
    people = workshop.participants
    evaluation = workshop.compiled.canvas.evaluation
    if not evaluation.flags or not people:
        return None
    counts = Counter(f for p in people for f in p.flags)
    rows = [
        [localize(f.message, lang), str(counts[f.id]), _share(counts[f.id], len(people), lang)]
        for f in evaluation.flags
        if counts[f.id]
    ]
    if not rows:
        return None
    header = [t("report.flags", lang), t("summary.col_count", lang), t("summary.col_share", lang)]
    return Grid(header, rows, frozenset({1, 2}))


def _label(p: Participant, index: int, anonymous: bool, dated: bool, lang: str) -> str:
    # One person over time: the drafts differ by their date, not by name.
    if dated:
        return format_date(p.draft.updated.date(), lang)
    return _name(p, index, anonymous, lang)


def _short_value(score: Score, value: float | int | None, lang: str) -> str:
    if value is None:
        return "–"
    if score.shown_as == "rating":
        # The scale stands in the lowest and highest beside it; each value is its point.
        return format_number(round(value, 2) if isinstance(value, float) else value, lang)
    return figure_text(score, value, lang)


def score_grid(
    workshop: Workshop, anonymous: bool, lang: str, grouped: bool = False
) -> Grid | None:
    """Per score the lowest and highest value and every draft's own, by name or date;
    `grouped` (for paper) names each value once with everyone who has it.

    No mean: in a team, "one says 5, one says 1" is the finding, and "3" would hide it. A spread
    has its own span per person (see `each_person_lines`), so it is not listed here.
    """
    people = workshop.participants
    across = [
        item for item in compare([p.result for p in people]) if item.score.shown_as != "spread"
    ]
    if not across:
        return None
    dated = over_time(workshop)
    rows = []
    for item in across:
        each = [
            (_label(p, i, anonymous, dated, lang), _short_value(item.score, value, lang))
            for i, (p, value) in enumerate(zip(people, item.values, strict=True), start=1)
        ]
        if grouped:
            who_has: dict[str, list[str]] = {}
            for who, shown in each:
                who_has.setdefault(shown, []).append(who)
            each = [(", ".join(names), shown) for shown, names in who_has.items()]
        texts = [t("summary.each_value", lang, who=who, value=shown) for who, shown in each]
        rows.append([
            localize(item.score.label, lang),
            "–" if item.low is None else figure_text(item.score, item.low, lang),
            "–" if item.high is None else figure_text(item.score, item.high, lang),
            "; ".join(texts),
        ])  # fmt: skip
    header = [
        t("report.col_score", lang),
        t("summary.col_low", lang),
        t("summary.col_high", lang),
        t("summary.col_each", lang),
    ]
    return Grid(header, rows, frozenset({1, 2}))


def score_lines(workshop: Workshop, anonymous: bool, lang: str) -> list[str]:
    """The scores across drafts as Markdown (see `score_grid`)."""
    grid = score_grid(workshop, anonymous, lang)
    if grid is None:
        return []
    return [
        "",
        f"## {escape(t('report.scores', lang))}",
        "",
        table(grid.header, grid.rows, grid.right),
    ]


def each_person_grid(workshop: Workshop, anonymous: bool, lang: str) -> tuple[str, Grid] | None:
    """Per person (or per draft, by date) each spread with the dimensions at its ends, and the
    person's own next steps – for a self-check such as the maturity check, what a trainer
    discusses with each one."""
    people = workshop.participants
    evaluation = workshop.compiled.canvas.evaluation
    spreads = [i for i, s in enumerate(evaluation.scores) if s.shown_as == "spread"]
    steps = evaluation.checklist is not None
    if not people or not (spreads or steps):
        return None
    dated = over_time(workshop)
    header = [t("report.updated", lang) if dated else t("summary.col_person", lang)]
    header += [localize(evaluation.scores[i].label, lang) for i in spreads]
    header += [t("summary.col_steps", lang)] if steps else []
    rows = []
    for n, p in enumerate(people, start=1):
        row = [_label(p, n, anonymous, dated, lang)]
        # A draft that could not be evaluated has no scores; its cells stay empty.
        found = {s.score.id: s for s in p.result.scores}
        for i in spreads:
            item = found.get(evaluation.scores[i].id)
            row.append(score_text(item, lang) if item is not None else "–")
        if steps:
            row.append("; ".join(_steps(p, anonymous)) or "–")
        rows.append(row)
    title = t("summary.over_time", lang) if dated else t("summary.each", lang)
    return title, Grid(header, rows)


def each_person_lines(workshop: Workshop, anonymous: bool, lang: str) -> list[str]:
    """Each person's spreads and steps as Markdown (see `each_person_grid`)."""
    found = each_person_grid(workshop, anonymous, lang)
    if found is None:
        return []
    title, grid = found
    return ["", f"## {escape(title)}", "", table(grid.header, grid.rows)]


def _steps(p: Participant, anonymous: bool) -> list[str]:
    """The person's own steps; anonymous, a table's steps without their other cells, which name
    owners (anonymous summaries show no table cells either, only counts)."""
    key = p.session.compiled.canvas.evaluation.checklist
    located = p.session.compiled.questions.get(key) if key else None
    if not anonymous or located is None or not isinstance(located.question, Table):
        return p.result.own_steps
    first = located.question.columns[0].id
    rows = p.session.value(key) if key else None
    return [
        text
        for row in (rows if isinstance(rows, list) else [])
        if isinstance(row, dict) and (text := str(row.get(first) or "").strip())
    ]


def _without_values(text: str) -> str:
    # Placeholders differ from draft to draft; across drafts only the question's words remain.
    return " ".join(fill(text, {source: "…" for source, _ in placeholders(text)}).split())


def raised_prompts(workshop: Workshop, lang: str) -> list[tuple[str, str]]:
    """Each tension prompt raised in any draft, in canvas order, and in how many drafts."""
    people = workshop.participants
    raised = prompts_across([p.result for p in people])
    order = {p.id: i for i, p in enumerate(workshop.compiled.canvas.evaluation.prompts)}
    raised.sort(key=lambda pair: order.get(pair[0].id, len(order)))
    return [
        (
            _without_values(localize(prompt.question, lang)),
            t("summary.raised", lang, count=count, total=len(people)),
        )
        for prompt, count in raised
    ]


def prompt_lines(workshop: Workshop, lang: str) -> list[str]:
    """The raised prompts as Markdown (see `raised_prompts`)."""
    raised = raised_prompts(workshop, lang)
    if not raised:
        return []
    lines = ["", f"## {escape(t('summary.prompts', lang))}", ""]
    lines += [f"- {escape(question)} *({escape(how_often)})*" for question, how_often in raised]
    return lines
