"""What depends on a question's type: its type in expressions, and the checks of its own shape
(bounds in order, unique choices, validation rules that fit it)."""

from __future__ import annotations

import re

from kosi_tui.core.canvas import (
    AnyQuestion,
    Choice,
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
from kosi_tui.core.checks.context import CheckContext
from kosi_tui.core.expr.types import ANY, Type
from kosi_tui.core.findings import DataPath

RULE_FITS: dict[str, tuple[type, ...]] = {
    "length": (ShortText, LongText, ListQuestion),
    "pattern": (ShortText, LongText, ListQuestion),
    "range": (Number, Scale),
}
"""The question types each kind of validation rule can check (`rule` expressions fit all)."""


def _choice_ids(choices: list[Choice] | None) -> tuple[str, ...]:
    return tuple(c.id for c in choices or [])


def question_type(question: AnyQuestion, name: str) -> Type:
    """The type an answer to this question has in expressions."""
    match question:
        case SingleChoice():
            return Type("choice", _choice_ids(question.choices), name)
        case MultiChoice():
            return Type("choices", _choice_ids(question.choices), name)
        case Number() | Scale():
            return Type("number", name=name)
        case Date():
            return Type("date", name=name)
        case ListQuestion():
            return Type("list", name=name)
        case Table():
            return Type("table", name=name)
        case ShortText() | LongText():
            return Type("text", name=name)
    return ANY


def column_type(column: Column, name: str) -> Type:
    """The type of a table column in expressions: a list of the cells' values."""
    if column.type in ("choice", "multi_choice"):
        return Type("choices", _choice_ids(column.choices), name)
    if column.type == "number":
        return Type("numbers", name=name)
    return Type("list", name=name)


def question_shape(ctx: CheckContext, q: AnyQuestion, path: DataPath) -> None:
    """Checks one question on its own, at `path`; compiles its validation patterns."""
    if isinstance(q, SingleChoice | MultiChoice):
        ctx.duplicates([c.id for c in q.choices], (*path, "choices"), "choice")
    if isinstance(q, MultiChoice):
        n = len(q.choices)
        lo, hi = q.min_selected, q.max_selected
        if lo is not None and hi is not None and lo > hi:
            ctx.add((*path, "min_selected"), "min_over_max", min=lo, max=hi)
        if lo is not None and lo > n:
            ctx.add((*path, "min_selected"), "min_over_choices", min=lo, count=n)
    if isinstance(q, Scale):
        ctx.bounds((*path, "min"), q.min, q.max)
        for point in q.labels:
            if not q.min <= point <= q.max:
                ctx.add(
                    (*path, "labels", point),
                    "label_outside_scale",
                    point=point,
                    min=q.min,
                    max=q.max,
                )
    if isinstance(q, Number) and q.min is not None and q.max is not None and q.min > q.max:
        ctx.add((*path, "min"), "min_over_max", min=q.min, max=q.max)
    if isinstance(q, Date) and q.min is not None and q.max is not None and q.min > q.max:
        ctx.add((*path, "min"), "min_over_max", min=q.min, max=q.max)
    if isinstance(q, ListQuestion) and q.min_items and q.max_items and q.min_items > q.max_items:
        ctx.add((*path, "min_items"), "min_over_max", min=q.min_items, max=q.max_items)
    if isinstance(q, Table):
        ctx.duplicates([c.id for c in q.columns], (*path, "columns"), "column")
        if q.min_rows and q.max_rows and q.min_rows > q.max_rows:
            ctx.add((*path, "min_rows"), "min_over_max", min=q.min_rows, max=q.max_rows)
        for ci, column in enumerate(q.columns):
            ctx.duplicates(
                list(_choice_ids(column.choices)), (*path, "columns", ci, "choices"), "choice"
            )
    if isinstance(q, Info):
        return
    for ri, rule in enumerate(q.validate_):
        if rule.pattern is not None:
            try:
                ctx.out.patterns[(_key_of(ctx, path), ri)] = re.compile(rule.pattern)
            except re.error as err:
                ctx.add((*path, "validate", ri, "pattern"), "bad_pattern", reason=str(err))
        bounds = rule.length or rule.range
        if bounds and bounds.min is not None and bounds.max is not None and bounds.min > bounds.max:
            ctx.add((*path, "validate", ri), "min_over_max", min=bounds.min, max=bounds.max)
        fits = RULE_FITS.get(rule.kind)
        if fits is not None and not isinstance(q, fits):
            ctx.add(
                (*path, "validate", ri, rule.kind),
                "rule_not_for_type",
                rule=rule.kind,
                type=q.type,
            )


def _key_of(ctx: CheckContext, path: DataPath) -> str:
    section = ctx.canvas.sections[int(path[1])]
    return f"{section.id}.{section.questions[int(path[3])].id}"
