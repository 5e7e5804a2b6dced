"""The parsed form of an expression: small immutable nodes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Literal:
    """A number, text, `true`, `false` or `null`."""

    value: object
    pos: int = 0


@dataclass(frozen=True, slots=True)
class ListLit:
    """A list of literals, as in `x in ['a', 'b']`."""

    items: tuple[Node, ...]
    pos: int = 0


@dataclass(frozen=True, slots=True)
class Ref:
    """A reference as written (`section.question[.column]` or a bare `question`).

    `key` and `column` are filled in when the canvas is checked: `key` is the full
    `section.question`, `column` a table column or None. A `scores.x` reference has key `scores.x`.
    """

    parts: tuple[str, ...]
    pos: int = 0
    key: str = ""
    column: str | None = None

    @property
    def text(self) -> str:
        """The reference as written."""
        return ".".join(self.parts)


@dataclass(frozen=True, slots=True)
class ValueRef:
    """`value`: the answer being validated."""

    pos: int = 0


@dataclass(frozen=True, slots=True)
class Unary:
    """`-x` or `not x`."""

    op: str
    operand: Node
    pos: int = 0


@dataclass(frozen=True, slots=True)
class Binary:
    """Arithmetic (`+ - * /`), comparison (`== != < <= > >=`) or logic (`and or`)."""

    op: str
    left: Node
    right: Node
    pos: int = 0


@dataclass(frozen=True, slots=True)
class Membership:
    """`x in [...]`, `x not in [...]`, `x contains y`."""

    op: str  # "in", "not in", "contains"
    left: Node
    right: Node
    pos: int = 0


@dataclass(frozen=True, slots=True)
class IsEmpty:
    """`x is empty` / `x is not empty`."""

    operand: Node
    negated: bool
    pos: int = 0


@dataclass(frozen=True, slots=True)
class Call:
    """A call of an allow-listed function."""

    name: str
    args: tuple[Node, ...] = field(default_factory=tuple)
    pos: int = 0
    where: Node | None = None
    """`sum(x where c)`: in a group figure, only the participants for whom `c` holds count."""


Node = Literal | ListLit | Ref | ValueRef | Unary | Binary | Membership | IsEmpty | Call


def children(node: Node) -> tuple[Node, ...]:
    """The direct sub-nodes of a node."""
    match node:
        case Unary(operand=o) | IsEmpty(operand=o):
            return (o,)
        case Binary(left=a, right=b) | Membership(left=a, right=b):
            return (a, b)
        case Call(args=args, where=where):
            return args if where is None else (*args, where)
        case ListLit(items=items):
            return items
    return ()


def walk(node: Node) -> Iterator[Node]:
    """The node and all nodes below it, depth first."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(children(current)))
