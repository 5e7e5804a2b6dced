"""Infers the static type of each node of a resolved expression and reports what cannot work:
arithmetic on text, `contains` on a single choice, a choice that does not exist, and so on.

It sits beside the evaluator because both must agree: what the checker lets through is what
`evaluate` can compute. It knows nothing of canvases; the caller says what a reference's type is
and receives each problem with the offset it is at.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from kosi_tui.core.expr.functions import FUNCTIONS, ROUND_DIGITS, round_digits_fit
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
from kosi_tui.core.expr.types import ANY, Type
from kosi_tui.core.suggest import closest
from kosi_tui.i18n import t

SINGLE_NUMBER = frozenset({"round", "clamp"})
"""Functions that take single numbers, not a table's column of them (unlike sum() or max())."""

_FAMILY = {"bool": "number", "choice": "text", "choices": "list", "numbers": "list"}
"""Kinds that can stand for each other in an `if()`'s branches, by the kind they stand with: a
yes/no is a number in arithmetic, a choice compares like a text."""


def _family(tp: Type) -> str:
    return _FAMILY.get(tp.kind, tp.kind)


@dataclass(frozen=True)
class Kind:
    """A kind of value (number, text, ...) named in a message, in the reader's language."""

    key: str

    def message(self, lang: str) -> str:
        """The kind's name in `lang`."""
        return t(f"kind.{self.key}", lang)


class Report(Protocol):
    """Receives one problem: its message code, its offset in the source and the message's values."""

    def __call__(self, code: str, offset: int, **args: Any) -> None: ...


@dataclass
class Inference:
    """Type inference over the expressions of one place (a condition, a rule, a score)."""

    ref_type: Callable[[Ref], Type]
    """The type of a resolved reference."""
    report: Report
    value: Type = ANY
    """The type of `value` (inside a validation rule)."""
    where_allowed: bool = False
    """Whether `sum(x where c)` may stand here (in a group's figures and flags)."""
    on_score: Callable[[Ref, int], None] | None = None
    """Called for each `score(question)` of a choice question, at the call's offset."""
    cell_type: Callable[[Ref], Type | None] | None = None
    """The type of one cell of a table column (None for a reference that is no column), for
    `count(table where table.column == ...)` outside a group."""
    row_key: str = ""
    """While the condition of such a `where` is inferred: the table whose columns are cells."""

    def infer(self, node: Node) -> Type:
        """The type of `node`; every problem found on the way is reported."""
        match node:
            case Literal(value=v):
                if isinstance(v, bool):
                    return Type("bool")
                if isinstance(v, int | float):
                    return Type("number")
                if isinstance(v, str):
                    return Type("text")
                return ANY
            case ListLit(items=items):
                for item in items:
                    self.infer(item)
                return Type("list")
            case ValueRef():
                return self.value
            case Ref():
                if self.row_key and node.key == self.row_key and self.cell_type is not None:
                    cell = self.cell_type(node)
                    if cell is not None:
                        return cell
                return self.ref_type(node)
            case Unary(op="not", operand=o):
                self.infer(o)
                return Type("bool")
            case Unary(operand=o):
                self.need_number(self.infer(o), node)
                return Type("number")
            case Binary(op=op, left=a, right=b) if op in ("and", "or"):
                self.infer(a)
                self.infer(b)
                return Type("bool")
            case Binary(op=op, left=a, right=b) if op in ("+", "-", "*", "/"):
                ta, tb = self.infer(a), self.infer(b)
                if op == "-" and ta.kind == tb.kind == "date":
                    return Type("number")
                self.need_number(ta, a)
                self.need_number(tb, b)
                if op == "/" and _is_zero(b):
                    self.report("expr_division_by_zero", b.pos)
                return Type("number")
            case Binary(op=op, left=a, right=b):
                self.compare(op, a, b, self.infer(a), self.infer(b), node.pos)
                return Type("bool")
            case Membership(op="contains", left=a, right=b):
                ta = self.infer(a)
                self.infer(b)
                if ta.kind == "choice":
                    self.report("contains_on_single", node.pos, name=ta.name)
                elif ta.kind in ("number", "date", "bool"):
                    self.report(
                        "type_mismatch", node.pos, left=Kind(ta.kind), right=Kind("contains")
                    )
                elif ta.kind == "choices":
                    self.literal_choices(b, ta)
                return Type("bool")
            case Membership(left=a, right=b):
                ta = self.infer(a)
                self.infer(b)
                if ta.kind == "choices":
                    self.report("in_on_multi", node.pos, name=ta.name)
                if isinstance(b, ListLit):
                    for item in b.items:
                        self.compare("==", a, item, ta, self.infer(item), node.pos)
                return Type("bool")
            case IsEmpty(operand=o):
                self.infer(o)
                return Type("bool")
            case Call():
                return self.call(node)
        return ANY  # pragma: no cover

    def call(self, node: Call) -> Type:
        name, args = node.name, node.args
        types = [self.infer(a) for a in args]
        if node.where is not None:
            table = args[0] if len(args) == 1 and isinstance(args[0], Ref) else None
            if self.where_allowed:
                self.infer(node.where)
            elif (
                table is not None
                and types[0].kind in ("table", "choices", "numbers", "list")
                and self.cell_type is not None
                and not self.row_key
            ):
                # One draft's table: the condition looks at each row's cells.
                self.row_key = table.key
                try:
                    self.infer(node.where)
                finally:
                    self.row_key = ""
            else:
                self.infer(node.where)
                self.report("where_outside_group", node.pos)
        if name == "score":
            if not (isinstance(args[0], Ref) and types[0].kind in ("choice", "choices")):
                self.report("score_needs_choice", node.pos)
            elif self.on_score is not None:
                self.on_score(args[0], node.pos)
        elif name == "count" and len(args) == 2:
            self.literal_choices(args[1], types[0])
        elif name in ("sum", "min", "max", "mean", "round", "clamp"):
            for arg, tp in zip(args, types, strict=True):
                if tp.kind in ("text", "choice", "choices", "list", "table", "date"):
                    self.report("not_numeric_arg", arg.pos, function=name, name=tp.name or tp.kind)
                elif tp.kind == "numbers" and name in SINGLE_NUMBER:
                    # A column holds a number per row; round() and clamp() take one.
                    self.report("column_as_number", arg.pos, function=name, name=tp.name)
            if name == "round" and len(args) == 2:
                places = _constant_number(args[1])
                if places is not None and not round_digits_fit(places):
                    self.report("round_digits", args[1].pos, limit=ROUND_DIGITS)
        elif name in ("days_until", "months_until") and types[0].kind not in ("date", "any"):
            self.report("needs_date", node.pos, function=name)
        elif name == "if":
            return self.branches(node, types[1:])
        return Type(FUNCTIONS[name].result)

    def branches(self, node: Call, types: list[Type]) -> Type:
        """The type of `if(c, a, b)`: what both branches are. Branches of kinds that cannot stand
        for each other (a number and a text) are reported: whatever uses the result would work
        for one branch and fail for the other, and only once an answer picks that one."""
        # An omitted `b` or a `null` is unanswered when it is picked: calm, like any answer.
        known = [tp for tp in types if tp.kind != "any"]
        if not known:
            return ANY
        first = known[0]
        other = next((tp for tp in known if _family(tp) != _family(first)), None)
        if other is not None:
            self.report("if_branch_types", node.pos, left=Kind(first.kind), right=Kind(other.kind))
            return ANY
        if all((tp.kind, tp.choices) == (first.kind, first.choices) for tp in known):
            return first
        return Type(_family(first))

    def need_number(self, tp: Type, node: Node) -> None:
        if not tp.numeric:
            self.report("not_numeric", node.pos, name=tp.name or tp.kind, kind=Kind(tp.kind))

    def compare(self, op: str, a: Node, b: Node, ta: Type, tb: Type, pos: int) -> None:
        for this, other_node in ((ta, b), (tb, a)):
            if this.kind == "choice" and isinstance(other_node, Literal):
                self.literal_choices(other_node, this)
                return
            if this.kind == "choices" and op in ("==", "!="):
                self.report("equals_on_multi", pos, name=this.name)
                return
            if this.kind == "bool" and this.name and _text_literal(other_node):
                # `beschluss == "ja"`: a yes/no answer is a truth value, never a text.
                self.report("yes_no_as_text", pos, name=this.name)
                return
        kinds = {ta.kind, tb.kind} - {"any"}
        ordering = op in ("<", "<=", ">", ">=")
        if len(kinds) == 2 and kinds != {"number", "bool"}:
            if kinds == {"date", "text"} and _iso_literal(a, b):
                return
            self.report("type_mismatch", pos, left=Kind(ta.kind), right=Kind(tb.kind))
        elif ordering and kinds & {"text", "choice", "choices", "list", "table"}:
            self.report("ordering_on_text", pos, op=op)

    def literal_choices(self, node: Node, tp: Type) -> None:
        if tp.kind not in ("choice", "choices") or not isinstance(node, Literal):
            return
        value = node.value
        if isinstance(value, int | float) and not isinstance(value, bool):
            if str(value) in tp.choices:
                self.report("choice_needs_quotes", node.pos, value=str(value))
            else:
                self.report("type_mismatch", node.pos, left=Kind("choice"), right=Kind("number"))
            return
        if isinstance(value, str) and value not in tp.choices:
            self.report(
                "unknown_choice",
                node.pos,
                value=value,
                name=tp.name,
                choices=", ".join(tp.choices),
                suggestion=closest(value, list(tp.choices)),
            )


def _is_zero(node: Node) -> bool:
    """Whether `node` is the number 0 as written (`x / 0` can never be computed)."""
    return (
        isinstance(node, Literal)
        and isinstance(node.value, int | float)
        and not isinstance(node.value, bool)
        and node.value == 0
    )


def _constant_number(node: Node) -> float | int | None:
    """The number `node` stands for as written (`2`, `-400`); None for anything computed."""
    if isinstance(node, Unary) and node.op == "-":
        inner = _constant_number(node.operand)
        return None if inner is None else -inner
    if isinstance(node, Literal) and isinstance(node.value, int | float):
        return None if isinstance(node.value, bool) else node.value
    return None


def _text_literal(node: Node) -> bool:
    return isinstance(node, Literal) and isinstance(node.value, str)


def _iso_literal(a: Node, b: Node) -> bool:
    for n in (a, b):
        if isinstance(n, Literal) and isinstance(n.value, str):
            return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", n.value))
    return False
