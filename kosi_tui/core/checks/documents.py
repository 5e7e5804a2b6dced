"""What the documents refer to: the charts, the "Auf einen Blick" items, the poster's boxes and
the decision paper name questions, scores, columns and sections that must exist and fit."""

from __future__ import annotations

from kosi_tui.core.canvas import AnyQuestion, Number, PaperText, Table
from kosi_tui.core.checks.context import CheckContext
from kosi_tui.core.findings import DataPath
from kosi_tui.core.suggest import closest


def check_documents(ctx: CheckContext) -> None:
    """Checks the charts, the glance items, the poster and the decision paper (after the
    structure is known)."""
    _charts(ctx)
    _glance(ctx)
    _poster(ctx)
    _decision_paper(ctx)


def _question_ref(
    ctx: CheckContext, key: str, path: DataPath, kind: type | None = None
) -> AnyQuestion | None:
    """The question `key` names, or a finding at `path` (also when it is not of `kind`)."""
    located = ctx.out.questions.get(key)
    if located is None:
        ctx.add(path, "unknown_ref", name=key, suggestion=closest(key, ctx.out.questions))
        return None
    if kind is not None and not isinstance(located.question, kind):
        ctx.add(path, "document_ref_type", name=key, kind=kind.__name__.lower())
        return None
    return located.question


def _score_ref(ctx: CheckContext, score_id: str, path: DataPath) -> None:
    if score_id not in ctx.score_ids:
        ctx.add(path, "unknown_score", name=score_id, suggestion=closest(score_id, ctx.score_ids))


def _charts(ctx: CheckContext) -> None:
    charts = ctx.canvas.evaluation.charts
    ctx.duplicates([c.id for c in charts], ("evaluation", "charts"), "chart")
    for ci, chart in enumerate(charts):
        path: DataPath = ("evaluation", "charts", ci)
        if chart.type != "stacked":
            for i, score_id in enumerate(chart.scores or []):
                _score_ref(ctx, score_id, (*path, "scores", i))
            continue
        needed = [k for k in ("table", "label", "value", "target") if getattr(chart, k) is None]
        if needed:
            ctx.add(path, "chart_fields", fields=", ".join(needed))
            continue
        assert chart.table and chart.label and chart.value and chart.target
        table = _question_ref(ctx, chart.table, (*path, "table"), Table)
        if isinstance(table, Table):
            for field_name, column_id in (("label", chart.label), ("value", chart.value)):
                column = table.column(column_id)
                if column is None:
                    ctx.add(
                        (*path, field_name), "unknown_column", name=chart.table, column=column_id
                    )
                elif field_name == "value" and column.type != "number":
                    ctx.add((*path, field_name), "document_ref_type", name=column_id, kind="number")
        _question_ref(ctx, chart.target, (*path, "target"), Number)


def _glance(ctx: CheckContext) -> None:
    glance = ctx.canvas.glance
    if glance is None:
        return
    chart_ids = [c.id for c in ctx.canvas.evaluation.charts]
    for i, item in enumerate(glance.items):
        path: DataPath = ("glance", "items", i)
        if len(item.kinds) != 1:
            ctx.add(path, "glance_kind")
        elif item.answer is not None:
            found = _question_ref(ctx, item.answer, (*path, "answer"))
            if item.missing is not None:
                _column_ref(ctx, found, item.answer, item.missing, (*path, "missing"))
        elif item.finance and (
            ctx.canvas.decision_paper is None or ctx.canvas.decision_paper.finance is None
        ):
            ctx.add((*path, "finance"), "glance_finance")
        elif item.score is not None:
            _score_ref(ctx, item.score, (*path, "score"))
        elif item.chart is not None and item.chart not in chart_ids:
            ctx.add(
                (*path, "chart"),
                "unknown_chart",
                name=item.chart,
                suggestion=closest(item.chart, chart_ids),
            )


def _poster(ctx: CheckContext) -> None:
    poster = ctx.canvas.poster
    if poster is None:
        return
    taken: dict[tuple[int, int], str] = {}
    for bi, box in enumerate(poster.boxes):
        path: DataPath = ("poster", "boxes", bi)
        if box.section not in ctx.section_index:
            ctx.add(
                (*path, "section"),
                "unknown_section",
                name=box.section,
                suggestion=closest(box.section, ctx.section_index),
            )
        for ai, key in enumerate(box.answers or []):
            _question_ref(ctx, key, (*path, "answers", ai))
        right, bottom = box.column + box.width - 1, box.row + box.height - 1
        if right > poster.columns or bottom > poster.rows:
            ctx.add(path, "poster_outside", columns=poster.columns, rows=poster.rows)
            continue
        for col in range(box.column, right + 1):
            for row in range(box.row, bottom + 1):
                if (col, row) in taken:
                    ctx.add(path, "poster_overlap", other=taken[(col, row)])
                    break
                taken[(col, row)] = box.section
            else:
                continue
            break


def _column_ref(
    ctx: CheckContext,
    table: AnyQuestion | None,
    key: str,
    column_id: str,
    path: DataPath,
    number: bool = False,
) -> None:
    """A finding at `path` unless `table` is a table with the column (of numbers if `number`)."""
    if table is None:
        return
    if not isinstance(table, Table):
        ctx.add(path, "document_ref_type", name=key, kind="table")
        return
    column = table.column(column_id)
    if column is None:
        ctx.add(path, "unknown_column", name=key, column=column_id)
    elif number and column.type != "number":
        ctx.add(path, "document_ref_type", name=column_id, kind="number")


def _paper_texts(ctx: CheckContext, texts: list[PaperText], path: DataPath) -> None:
    for i, entry in enumerate(texts):
        if (entry.answer is None) == (entry.text is None):
            ctx.add((*path, i), "paper_entry")
        elif entry.answer is not None:
            _question_ref(ctx, entry.answer, (*path, i, "answer"))


def _decision_paper(ctx: CheckContext) -> None:
    """Every answer and column the paper names exists and has the kind its part needs; the
    placeholders of its texts are compiled with the other expressions."""
    paper = ctx.canvas.decision_paper
    if paper is None:
        return
    _paper_texts(ctx, paper.head, ("decision_paper", "head"))
    if (paper.subject.answer is None) == (paper.subject.text is None):
        ctx.add(("decision_paper", "subject"), "paper_entry")
    elif paper.subject.answer is not None:
        _question_ref(ctx, paper.subject.answer, ("decision_paper", "subject", "answer"))
    _paper_texts(ctx, paper.resolution, ("decision_paper", "resolution"))
    _paper_texts(ctx, paper.facts, ("decision_paper", "facts"))
    if paper.consultation is not None:
        _question_ref(ctx, paper.consultation, ("decision_paper", "consultation"), Table)
    finance = paper.finance
    if finance is None:
        return
    path: DataPath = ("decision_paper", "finance")
    table = _question_ref(ctx, finance.costs, (*path, "costs"), Table)
    _column_ref(ctx, table, finance.costs, finance.year, (*path, "year"))
    for i, column_id in enumerate(finance.amounts):
        _column_ref(ctx, table, finance.costs, column_id, (*path, "amounts", i), number=True)
    if finance.staff is not None and finance.staff not in finance.amounts:
        ctx.add((*path, "staff"), "paper_staff", columns=", ".join(finance.amounts))
    if finance.grants is not None:
        _question_ref(ctx, finance.grants, (*path, "grants"), Number)
    _paper_texts(ctx, finance.notes, (*path, "notes"))
