"""Validation of answers with messages for people, in the user's language.

Pydantic checks the shape and bounds of each answer (one `TypeAdapter` per answer type, shared);
its errors are translated into our own codes, never shown raw. Canvas rules (`validate:`) follow.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Annotated, Any, Literal

from pydantic import (
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    TypeAdapter,
    ValidationError,
)

from kosi_tui.core.canvas import (
    AnswerQuestion,
    Column,
    Date,
    Info,
    ListQuestion,
    LongText,
    MultiChoice,
    Number,
    Rule,
    Scale,
    ShortText,
    SingleChoice,
    Table,
)
from kosi_tui.core.compiled import CompiledCanvas
from kosi_tui.core.expr import ExprError, evaluate
from kosi_tui.core.expr.evaluate import truth
from kosi_tui.core.expr.functions import is_empty
from kosi_tui.core.expr.nodes import Ref
from kosi_tui.core.numbers import days_in_month, format_date, format_number, impossible_date
from kosi_tui.core.text import localize
from kosi_tui.i18n import t


@dataclass(frozen=True)
class Issue:
    """One thing wrong with an answer: a message code and arguments, or the canvas's own text."""

    code: str
    args: dict[str, Any] = field(default_factory=dict)
    custom: str | dict[str, str] | None = None
    row: int | None = None
    """For table answers: the 0-based row the issue is about."""
    column: str | dict[str, str] | None = None
    """For table answers: the label of the column, where the message does not name it itself."""

    def message(self, lang: str) -> str:
        """The message in `lang`, numbers and dates written the way that language writes them."""
        if self.custom is not None:
            text = localize(self.custom, lang)
        else:
            args = {k: _show(v, lang) for k, v in self.args.items()}
            text = t(f"answer.{self.code}", lang, **args)
        column = localize(self.column, lang) if self.column is not None else None
        if self.row is not None and column is not None:
            text = t("answer.in_cell", lang, row=self.row + 1, column=column) + " " + text
        elif self.row is not None:
            text = t("answer.in_row", lang, row=self.row + 1) + " " + text
        elif column is not None:
            text = t("answer.in_column", lang, column=column) + " " + text
        return text


def _show(value: Any, lang: str) -> Any:
    if isinstance(value, dict | str):
        return localize(value, lang)
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return format_number(value, lang)
    if isinstance(value, dt.date):
        return format_date(value, lang)
    return value


Number_ = StrictInt | Annotated[StrictFloat, Field(allow_inf_nan=False)]


def _choice_literal(ids: list[str]) -> Any:
    return Literal.__getitem__(tuple(ids))


def _column_type(column: Column) -> Any:
    if column.type == "text":
        return StrictStr | None
    if column.type == "number":
        return (StrictInt if column.integer else Number_) | None
    ids = _choice_literal([c.id for c in column.choices or []])
    return (ids | None) if column.type == "choice" else (list[ids] | None)  # type: ignore[valid-type]


def _answer_type(question: AnswerQuestion) -> Any:
    match question:
        case ShortText() | LongText():
            return StrictStr
        case SingleChoice():
            return _choice_literal([c.id for c in question.choices])
        case MultiChoice():
            return list[_choice_literal([c.id for c in question.choices])]  # type: ignore[misc]
        case Scale():
            return StrictInt
        case Number():
            return StrictInt if question.integer else Number_
        case Date():
            return dt.date
        case ListQuestion():
            return list[StrictStr]
        case Table():
            row = dict[StrictStr, StrictStr | Number_ | StrictBool | list[StrictStr] | None]
            return list[row]
    raise AssertionError(question)  # pragma: no cover


_ADAPTERS: dict[str, TypeAdapter[Any]] = {}


def _adapter_for(answer_type: Any) -> TypeAdapter[Any]:
    """One adapter per answer type, shared by all questions of that type in every canvas.

    Building an adapter is the costly part of validating; most questions share a handful of
    types (text, number, the same choices), so opening a draft builds a few instead of dozens.
    """
    key = repr(answer_type)  # Literal[...] and Annotated[...] are not always hashable
    adapter = _ADAPTERS.get(key)
    if adapter is None:
        adapter = _ADAPTERS[key] = TypeAdapter(answer_type)
    return adapter


class AnswerValidator:
    """Validates answers to the questions of one compiled canvas."""

    def __init__(self, compiled: CompiledCanvas) -> None:
        self.compiled = compiled
        self._adapters: dict[str, TypeAdapter[Any]] = {}

    def adapter(self, key: str, question: AnswerQuestion) -> TypeAdapter[Any]:
        """The Pydantic adapter for one question's answers (built on first use)."""
        adapter = self._adapters.get(key)
        if adapter is None:
            adapter = self._adapters[key] = _adapter_for(_answer_type(question))
        return adapter

    def check(
        self, key: str, value: Any, lookup: Any = None, required: bool = False
    ) -> list[Issue]:
        """Every issue with `value` as the answer to question `key`.

        `required` says whether an empty answer is an issue; `lookup` resolves references in rule
        expressions (other answers), as the session provides it.
        """
        question = self.compiled.questions[key].question
        if isinstance(question, Info):
            return []
        if is_empty(value):
            return [Issue("required")] if required else []
        try:
            value = self.adapter(key, question).validate_python(value, strict=True)
        except ValidationError:
            return [self._shape_issue(question, value)]
        issues = self._bounds(key, question, value)
        if issues:
            return issues
        return self._rules(key, question, value, lookup)

    def _shape_issue(self, question: AnswerQuestion, value: Any = None) -> Issue:
        match question:
            case Date() if isinstance(value, str) and (wrong := impossible_date(value)):
                day, month, year = wrong
                if not 1 <= month <= 12:
                    return Issue("date_no_month", {"month": month})
                return Issue("date_no_day", {"days": days_in_month(month, year), "day": day})
            case SingleChoice():
                return Issue("choose_one")
            case MultiChoice():
                return Issue("choose_listed")
            case Scale():
                return Issue("scale_point", {"min": question.min, "max": question.max})
            case Number():
                return Issue("whole_number" if question.integer else "number")
            case Date():
                return Issue("date")
            case ListQuestion():
                return Issue("list")
            case Table():
                return Issue("table")
        return Issue("text")

    def _bounds(self, key: str, q: AnswerQuestion, value: Any) -> list[Issue]:
        if isinstance(q, Number | Scale):
            lo, hi = q.min, q.max
            if (lo is not None and value < lo) or (hi is not None and value > hi):
                return [_range_issue(lo, hi)]
        if isinstance(q, Date):
            if q.min is not None and value < q.min:
                return [Issue("date_after", {"min": q.min})]
            if q.max is not None and value > q.max:
                return [Issue("date_before", {"max": q.max})]
        if isinstance(q, MultiChoice):
            if len(set(value)) != len(value):
                return [Issue("choose_listed")]
            return _count_issues(len(value), q.min_selected, q.max_selected, "selected")
        if isinstance(q, ListQuestion):
            items = [v for v in value if v.strip()]
            return _count_issues(len(items), q.min_items, q.max_items, "items")
        if isinstance(q, Table):
            issues = _count_issues(len(value), q.min_rows, q.max_rows, "rows")
            for index, row in enumerate(value):
                issues.extend(self._row(key, q, index, row))
            return issues
        return []

    def _row(self, key: str, table: Table, index: int, row: dict[str, Any]) -> list[Issue]:
        issues: list[Issue] = []
        for column_id in row:
            if table.column(column_id) is None:
                issues.append(Issue("unknown_column", {"column": column_id}, row=index))
        for column in table.columns:
            issues.extend(replace(i, row=index) for i in cell_issues(column, row.get(column.id)))
        return issues

    def _rules(self, key: str, q: AnswerQuestion, value: Any, lookup: Any) -> list[Issue]:
        issues: list[Issue] = []
        for index, rule in enumerate(q.validate_):
            issue = self._rule(key, index, rule, value, lookup)
            if issue is not None:
                issues.append(issue)
        return issues

    def _rule(self, key: str, index: int, rule: Rule, value: Any, lookup: Any) -> Issue | None:
        if rule.length is not None:
            texts = value if isinstance(value, list) else [value]
            lo, hi = rule.length.min, rule.length.max
            for text in texts:
                n = len(text.strip())
                if (lo is not None and n < lo) or (hi is not None and n > hi):
                    return Issue(
                        _length_code(lo, hi),
                        {"min": lo, "max": hi, "length": n},
                        custom=rule.message,
                    )
            return None
        if rule.pattern is not None:
            pattern = self.compiled.patterns.get((key, index))
            texts = value if isinstance(value, list) else [value]
            if pattern is not None and not all(pattern.fullmatch(text.strip()) for text in texts):
                return Issue("pattern", custom=rule.message)
            return None
        if rule.range is not None:
            lo, hi = rule.range.min, rule.range.max
            if (lo is not None and value < lo) or (hi is not None and value > hi):
                issue = _range_issue(lo, hi)
                return Issue(issue.code, issue.args, custom=rule.message)
            return None
        node = self.compiled.rules.get((key, index))
        if node is None:
            return None
        try:
            ok = evaluate(node, lookup or _no_answers, value=value)
        except ExprError:
            return Issue("rule_error")
        return None if truth(ok) else Issue("rule", custom=rule.message)


def cell_issues(column: Column, cell: Any) -> list[Issue]:
    """What is wrong with one table cell, each message naming the column (also as people type)."""
    if is_empty(cell):
        return [Issue("cell_required", {"column": column.label})] if column.required else []
    try:
        _adapter_for(_column_type(column)).validate_python(cell, strict=True)
    except ValidationError:
        if column.type == "number":
            return [Issue("whole_number" if column.integer else "number", column=column.label)]
        return [Issue("cell_invalid", {"column": column.label})]
    if column.type == "number" and isinstance(cell, int | float):
        lo, hi = column.min, column.max
        if (lo is not None and cell < lo) or (hi is not None and cell > hi):
            return [replace(_range_issue(lo, hi), column=column.label)]
    return []


def validator_for(compiled: CompiledCanvas) -> AnswerValidator:
    """The canvas's validator, shared: its Pydantic adapters are built once per canvas, not per draft."""
    validator = compiled.derived.get("validator")
    if not isinstance(validator, AnswerValidator):
        validator = compiled.derived["validator"] = AnswerValidator(compiled)
    return validator


def _no_answers(_ref: Ref) -> None:
    return None


def _range_issue(lo: float | None, hi: float | None) -> Issue:
    if lo is not None and hi is not None:
        return Issue("between", {"min": lo, "max": hi})
    if lo is not None:
        return Issue("at_least", {"min": lo})
    return Issue("at_most", {"max": hi})


def _length_code(lo: float | None, hi: float | None) -> str:
    if lo is not None and hi is not None:
        return "length_between"
    return "length_min" if lo is not None else "length_max"


def _count_issues(n: int, lo: int | None, hi: int | None, what: str) -> list[Issue]:
    if lo is not None and n < lo:
        return [Issue(f"{what}_min", {"min": lo, "count": n})]
    if hi is not None and n > hi:
        return [Issue(f"{what}_max", {"max": hi, "count": n})]
    return []
