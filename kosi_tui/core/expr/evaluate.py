"""Evaluates a parsed expression over answers.

Rules that keep forms calm: an unanswered value (`None`) makes every comparison false and
propagates through arithmetic; only `is empty`, `answered()` and `count()` look at absence.
Anything that cannot be computed raises `ExprError`, which callers pin on the one question.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from kosi_tui.core.expr.errors import ExprError
from kosi_tui.core.expr.functions import FUNCTIONS, is_empty, truth
from kosi_tui.core.expr.nodes import (
    Binary,
    Call,
    IsEmpty,
    ListLit,
    Literal,
    Membership,
    Node,
    Ref,
    Unary,
    ValueRef,
)

Lookup = Callable[[Ref], Any]
"""Gives the current value of a reference (None when unanswered or hidden)."""


def _number(value: Any, pos: int) -> float | int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return value
    raise ExprError("not_a_number", pos, value=str(value))


def _comparable(left: Any, right: Any) -> tuple[Any, Any]:
    """Brings dates and ISO date texts, and bools and numbers, onto one footing."""
    if isinstance(left, dt.date) and isinstance(right, str):
        right = _as_date(right)
    elif isinstance(right, dt.date) and isinstance(left, str):
        left = _as_date(left)
    if isinstance(left, bool) and isinstance(right, int | float) and not isinstance(right, bool):
        left = int(left)
    if isinstance(right, bool) and isinstance(left, int | float) and not isinstance(left, bool):
        right = int(right)
    return left, right


def _as_date(text: str) -> dt.date | str:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return text


def _compare(op: str, left: Any, right: Any, pos: int) -> bool:
    if left is None or right is None:
        return False
    left, right = _comparable(left, right)
    if op == "==":
        return bool(left == right)
    if op == "!=":
        return bool(left != right)
    try:
        if op == "<":
            return bool(left < right)
        if op == "<=":
            return bool(left <= right)
        if op == ">":
            return bool(left > right)
        return bool(left >= right)
    except TypeError:
        raise ExprError("cannot_compare", pos, left=str(left), right=str(right)) from None


def _arith(op: str, left: Any, right: Any, pos: int) -> Any:
    if left is None or right is None:
        return None
    if isinstance(left, dt.date) and isinstance(right, dt.date) and op == "-":
        return (left - right).days
    a, b = _number(left, pos), _number(right, pos)
    if op == "/" and b == 0:
        raise ExprError("division_by_zero", pos)
    # Answers are unbounded integers from a file; one too large for a float must fail this one
    # expression, not whoever computes it (a report, the summary, the app).
    try:
        if op == "+":
            return a + b
        if op == "-":
            return a - b
        if op == "*":
            return a * b
        result = a / b
        return (
            int(result)
            if float(result).is_integer() and isinstance(a, int) and isinstance(b, int)
            else result
        )
    except OverflowError:
        raise ExprError("too_large", pos) from None


def _contains(container: Any, item: Any) -> bool:
    if container is None or item is None:
        return False
    if isinstance(container, str):
        return str(item).casefold() in container.casefold()
    if isinstance(container, list):
        for element in container:
            if element == item or (isinstance(element, list) and item in element):
                return True
        return False
    return bool(container == item)


def _rows_where(
    name: str,
    table: Ref,
    where: Node,
    lookup: Lookup,
    ev_row: Callable[[Node, dict[str, Any], str], Any],
    pos: int,
) -> Any:
    """`count(t where c)` or `sum(t.col where c)` in one draft: the rows of table `t` for which
    `c` holds, counted, or their cells of `col` handed to the function."""
    if not table.key:  # not a checked table: only a group's aggregate filters anything else
        raise ExprError("where_outside_group", pos)
    rows = lookup(replace(table, column=None))
    if rows is None:
        return FUNCTIONS[name].impl(None)
    # A hand-edited draft may hold no list of rows there, or rows that are no mappings: none.
    rows = rows if isinstance(rows, list) else []
    kept = [r for r in rows if isinstance(r, dict) and truth(ev_row(where, r, table.key))]
    picked = kept if table.column is None else [r.get(table.column) for r in kept]
    try:
        return FUNCTIONS[name].impl(picked)
    except ExprError as err:
        raise ExprError(err.code, pos, **err.args_) from None
    except (TypeError, ValueError, OverflowError) as err:
        raise ExprError("function_failed", pos, name=name, reason=str(err)) from None


def evaluate(
    node: Node,
    lookup: Lookup,
    value: Any = None,
    score: Lookup | None = None,
    aggregate: Callable[[Call], Any] | None = None,
) -> Any:
    """The value of `node`; raises `ExprError` when it cannot be computed.

    `lookup` gives a reference's answer, `score` the choice score(s) of a choice question's answer
    (for `score(x)`), `value` what `value` stands for in a validation rule.

    `aggregate`, in a group figure, computes a call over the participants (`sum(x where c)`); it
    returns `NotImplemented` for a call that is an ordinary one (`min(a, b)` of two figures).
    """

    def ev(n: Node) -> Any:
        if aggregate is not None and isinstance(n, Call):
            result = aggregate(n)
            if result is not NotImplemented:
                return result
        match n:
            case Literal(value=v):
                return v
            case ValueRef():
                return value
            case Ref():
                return lookup(n)
            case ListLit(items=items):
                return [ev(i) for i in items]
            case Unary(op="not", operand=o):
                return not truth(ev(o))
            case Unary(op="-", operand=o):
                v = ev(o)
                return None if v is None else -_number(v, n.pos)
            case Binary(op="and", left=a, right=b):
                return truth(ev(a)) and truth(ev(b))
            case Binary(op="or", left=a, right=b):
                return truth(ev(a)) or truth(ev(b))
            case Binary(op=op, left=a, right=b) if op in ("+", "-", "*", "/"):
                return _arith(op, ev(a), ev(b), n.pos)
            case Binary(op=op, left=a, right=b):
                return _compare(op, ev(a), ev(b), n.pos)
            case Membership(op="contains", left=a, right=b):
                return _contains(ev(a), ev(b))
            case Membership(op=op, left=a, right=b):
                left, right = ev(a), ev(b)
                if left is None or right is None:
                    return False
                if not isinstance(right, list):
                    right = [right]
                found = any(x in right for x in left) if isinstance(left, list) else left in right
                return found if op == "in" else not found
            case IsEmpty(operand=o, negated=negated):
                empty = is_empty(ev(o))
                return not empty if negated else empty
            case Call(name="score", args=(arg,)):
                if score is None or not isinstance(arg, Ref):
                    raise ExprError("score_needs_choice", n.pos)
                return score(arg)
            case Call(name=name, args=(Ref() as table,), where=where) if where is not None:
                return _rows_where(name, table, where, lookup, ev_row, n.pos)
            case Call(where=where) if where is not None:
                raise ExprError("where_outside_group", n.pos)
            case Call(name=name, args=args):
                fn = FUNCTIONS[name]
                try:
                    return fn.impl(*(ev(a) for a in args))
                except ExprError as err:
                    raise ExprError(err.code, n.pos, **err.args_) from None
                except (TypeError, ValueError, OverflowError) as err:
                    raise ExprError("function_failed", n.pos, name=name, reason=str(err)) from None
        raise ExprError("unknown_node", 0)  # pragma: no cover - the parser makes no other nodes

    def ev_row(n: Node, row: dict[str, Any], key: str) -> Any:
        # Inside `where`, a column of the filtered table is the row's cell, not the column.
        def in_row(ref: Ref) -> Any:
            if ref.key == key and ref.column is not None:
                return row.get(ref.column)
            return lookup(ref)

        return evaluate(n, in_row, value, score, aggregate)

    try:
        return ev(node)
    except RecursionError:  # pragma: no cover - depth is bounded by the parser
        raise ExprError("too_deep", 0) from None


__all__ = ["Lookup", "evaluate", "truth"]
