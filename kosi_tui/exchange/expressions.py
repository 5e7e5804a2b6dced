"""kosi's conditions in the expression languages of survey platforms: XLSForm's XPath and
LimeSurvey's ExpressionScript.

Only what means the same on the platform is translated; anything else raises `Untranslatable`
with the part that has no counterpart, so the export can list it instead of dropping it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kosi_tui.core.canvas import AnyQuestion, MultiChoice, SingleChoice
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
from kosi_tui.core.kinds import YesNo


class Untranslatable(Exception):
    """The expression uses something the platform cannot say; the message names it."""


@dataclass(frozen=True)
class Dialect:
    """How one platform writes the parts of a condition."""

    ref: Callable[[str], str]
    """A question by its key."""
    value: str
    """The answer being checked (in constraints)."""
    eq: str
    ne: str
    and_: str
    or_: str
    not_: Callable[[str], str]
    selected: Callable[[str, str, str], str]
    """A multiple-choice answer (as written, by its key) holds a choice (by its id)."""
    choice: Callable[[str, str], str]
    """A choice of a question (by key and id) as a literal."""
    count_selected: Callable[[str], str] | None
    empty: Callable[[str], str]
    true: str
    false: str
    div: str
    today: str | None
    yes: str
    """How a yes/no answer's "yes" is written (XLSForm: a choice, LimeSurvey: Y)."""


def _quote(text: str) -> str:
    if "'" not in text:
        return f"'{text}'"
    if '"' not in text:
        return f'"{text}"'
    raise Untranslatable(text)


XPATH = Dialect(
    ref=lambda name: "${" + name + "}",
    value=".",
    eq="=",
    ne="!=",
    and_="and",
    or_="or",
    not_=lambda x: f"not({x})",
    selected=lambda ref, key, choice: f"selected({ref}, {_quote(choice)})",
    choice=lambda key, choice: _quote(choice),
    count_selected=lambda ref: f"count-selected({ref})",
    empty=lambda ref: f"{ref} = ''",
    true="true()",
    false="false()",
    div="div",
    today="today()",
    yes="'yes'",
)


class Translator:
    """Translates the conditions of one canvas into one dialect."""

    def __init__(
        self, dialect: Dialect, questions: dict[str, AnyQuestion], name: Callable[[str], str]
    ) -> None:
        self.d = dialect
        self.questions = questions
        self.name = name

    def condition(self, node: Node) -> str:
        """A condition (show_if, required_if, a rule)."""
        return self._bool(node)

    def _question(self, node: Node) -> AnyQuestion | None:
        if isinstance(node, Ref) and node.column is None:
            return self.questions.get(node.key)
        return None

    def _ref(self, node: Ref) -> str:
        if node.column is not None or node.key not in self.questions:
            raise Untranslatable(node.text)
        return self.d.ref(self.name(node.key))

    def _bool(self, node: Node) -> str:
        question = self._question(node)
        if isinstance(question, YesNo):
            return f"{self._ref(node)} {self.d.eq} {self.d.yes}"  # type: ignore[arg-type]
        if isinstance(node, Ref):
            return f"{self._ref(node)} {self.d.ne} ''"
        return self._expr(node)

    def _literal(self, node: Literal) -> str:
        value = node.value
        if value is True:
            return self.d.true
        if value is False:
            return self.d.false
        if isinstance(value, str):
            return _quote(value)
        if isinstance(value, int | float):
            return repr(value)
        raise Untranslatable(repr(value))

    def _compare(self, node: Binary) -> str:
        op = {"==": self.d.eq, "!=": self.d.ne}.get(node.op, node.op)
        for ref, other in ((node.left, node.right), (node.right, node.left)):
            question = self._question(ref)
            if isinstance(question, YesNo) and isinstance(other, Literal):
                if not isinstance(other.value, bool) or node.op not in ("==", "!="):
                    raise Untranslatable(repr(other.value))
                yes = f"{self._ref(ref)} {self.d.eq} {self.d.yes}"  # type: ignore[arg-type]
                return yes if other.value == (node.op == "==") else self.d.not_(yes)
            if isinstance(question, MultiChoice):
                raise Untranslatable(f"{ref.text} {node.op}")  # type: ignore[union-attr]
        left = self._value(node.right, node.left)
        right = self._value(node.left, node.right)
        return f"{left} {op} {right}"

    def _value(self, beside: Node, node: Node) -> str:
        """`node`, a choice's id written as the platform writes that choice when `beside` is
        the question it is compared with."""
        question = self._question(beside)
        if (
            isinstance(node, Literal)
            and isinstance(node.value, str)
            and isinstance(question, SingleChoice | MultiChoice)
            and isinstance(beside, Ref)
        ):
            return self.d.choice(beside.key, node.value)
        return self._expr(node)

    def _expr(self, node: Node) -> str:
        match node:
            case Literal():
                return self._literal(node)
            case Ref():
                return self._ref(node)
            case ValueRef():
                return self.d.value
            case Unary(op="not", operand=operand):
                return self.d.not_(self._bool(operand))
            case Unary(op="-", operand=operand):
                return f"-{self._expr(operand)}"
            case Binary(op="and" | "or"):
                joiner = self.d.and_ if node.op == "and" else self.d.or_
                return f"({self._bool(node.left)} {joiner} {self._bool(node.right)})"
            case Binary(op="==" | "!=" | "<" | "<=" | ">" | ">="):
                return self._compare(node)
            case Binary(op="+" | "-" | "*"):
                return f"({self._expr(node.left)} {node.op} {self._expr(node.right)})"
            case Binary(op="/"):
                return f"({self._expr(node.left)} {self.d.div} {self._expr(node.right)})"
            case Membership():
                return self._membership(node)
            case IsEmpty(operand=operand, negated=negated):
                ref = self._expr(operand)
                if isinstance(self._question(operand), MultiChoice):
                    if self.d.count_selected is None:
                        raise Untranslatable("is empty")
                    empty = f"{self.d.count_selected(ref)} {self.d.eq} 0"
                else:
                    empty = self.d.empty(ref)
                return self.d.not_(empty) if negated else empty
            case Call():
                return self._call(node)
        raise Untranslatable(type(node).__name__)

    def _membership(self, node: Membership) -> str:
        question = self._question(node.left)
        key = node.left.key if isinstance(node.left, Ref) else ""
        if node.op == "contains" and isinstance(question, MultiChoice):
            return self.d.selected(self._expr(node.left), key, self._choice_id(node.right))
        if node.op in ("in", "not in") and isinstance(node.right, ListLit):
            left = self._expr(node.left)
            if isinstance(question, MultiChoice):
                parts = [
                    self.d.selected(left, key, self._choice_id(item)) for item in node.right.items
                ]
            else:
                parts = [
                    f"{left} {self.d.eq} {self._value(node.left, item)}"
                    for item in node.right.items
                ]
            joined = "(" + f" {self.d.or_} ".join(parts) + ")" if parts else self.d.false
            return self.d.not_(joined) if node.op == "not in" else joined
        raise Untranslatable(node.op)

    def _choice_id(self, node: Node) -> str:
        if isinstance(node, Literal) and isinstance(node.value, str):
            return node.value
        raise Untranslatable(type(node).__name__)

    def _call(self, node: Call) -> str:
        args = node.args
        if node.where is not None:
            raise Untranslatable(f"{node.name}(… where …)")
        if node.name == "answered" and len(args) == 1:
            return self.d.not_(self._expr(IsEmpty(args[0], False)))
        multi = len(args) == 1 and isinstance(self._question(args[0]), MultiChoice)
        if node.name in ("count", "len") and multi and self.d.count_selected is not None:
            return self.d.count_selected(self._expr(args[0]))
        if node.name == "today" and not args and self.d.today is not None:
            return self.d.today
        if node.name == "if" and len(args) == 3:
            cond, then, other = self._bool(args[0]), self._expr(args[1]), self._expr(args[2])
            return f"if({cond}, {then}, {other})"
        if node.name == "sum" and len(args) > 1:
            return "(" + " + ".join(self._expr(a) for a in args) + ")"
        raise Untranslatable(f"{node.name}()")
