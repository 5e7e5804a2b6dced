"""References in expressions: `question`, `section.question`, `section.table.column` and
`scores.x` resolved to the keys the session looks answers up by, and the type each one has."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from kosi_tui.core.canvas import Info, Section, Table
from kosi_tui.core.checks.context import CheckContext
from kosi_tui.core.expr.nodes import (
    Binary,
    Call,
    IsEmpty,
    ListLit,
    Membership,
    Node,
    Ref,
    Unary,
    children,
)
from kosi_tui.core.expr.types import ANY, Type
from kosi_tui.core.findings import DataPath
from kosi_tui.core.suggest import closest

GroupRefs = Callable[[Ref, DataPath], Ref | None]
"""Resolves a group's `round.x`, `constants.x` and `figures.x` (see `group_checks.py`)."""


def resolve(
    ctx: CheckContext,
    node: Node,
    path: DataPath,
    section: Section | None,
    group_refs: GroupRefs | None = None,
) -> Node:
    """The tree with references resolved; unresolved ones (reported) keep an empty key."""

    def fix(n: Node) -> Node:
        if isinstance(n, Ref):
            if group_refs is not None and n.parts[0] in ("round", "constants", "figures"):
                return group_refs(n, path) or n
            return _resolve_ref(ctx, n, path, section) or n
        kids = children(n)
        if not kids:
            return n
        new = tuple(fix(k) for k in kids)
        match n:
            case Unary() | IsEmpty():
                return replace(n, operand=new[0])
            case Binary() | Membership():
                return replace(n, left=new[0], right=new[1])
            case Call(where=None):
                return replace(n, args=new)
            case Call():
                return replace(n, args=new[:-1], where=new[-1])
            case ListLit():
                return replace(n, items=new)
        return n  # pragma: no cover

    return fix(node)


def _resolve_ref(
    ctx: CheckContext, ref: Ref, path: DataPath, section: Section | None
) -> Ref | None:
    parts = ref.parts
    questions = ctx.out.questions
    if parts[0] == "scores" and len(parts) == 2:
        if parts[1] in ctx.score_ids:
            return replace(ref, key=f"scores.{parts[1]}")
        ctx.add(
            path,
            "unknown_score",
            offset=ref.pos,
            name=ref.text,
            suggestion=closest(parts[1], ctx.score_ids),
        )
        return None
    candidates: list[tuple[str, str | None]] = []
    if len(parts) in (2, 3):
        candidates.append((f"{parts[0]}.{parts[1]}", parts[2] if len(parts) == 3 else None))
    if section is not None and len(parts) in (1, 2):
        candidates.append((f"{section.id}.{parts[0]}", parts[1] if len(parts) == 2 else None))
    for key, column in candidates:
        located = questions.get(key)
        if located is None:
            continue
        question = located.question
        if isinstance(question, Info):
            ctx.add(path, "ref_to_info", offset=ref.pos, name=ref.text)
            return None
        if column is not None:
            if not isinstance(question, Table):
                continue
            if question.column(column) is None:
                ctx.add(
                    path,
                    "unknown_column",
                    offset=ref.pos,
                    name=key,
                    column=column,
                    suggestion=closest(column, [c.id for c in question.columns]),
                )
                return None
        return replace(ref, key=key, column=column)
    options = list(questions)
    if section is not None:
        options += [q.id for q in section.questions]
    ctx.add(
        path, "unknown_ref", offset=ref.pos, name=ref.text, suggestion=_suggest(ctx, ref, options)
    )
    return None


def _suggest(ctx: CheckContext, ref: Ref, options: list[str]) -> str:
    """What `ref` most likely meant. A table's column is named with its table in between
    (`ressourcen.partner.sektor`); written without it (`ressourcen.sektor`) it is a column of
    that section's table, which a spelling distance alone would miss for a question's name."""
    columns = [
        (located.section.id, f"{key}.{column.id}", column.id)
        for key, located in ctx.out.questions.items()
        if isinstance(located.question, Table)
        for column in located.question.columns
    ]
    named = [(sid, full) for sid, full, cid in columns if cid == ref.parts[-1]]
    if len(ref.parts) == 2:
        in_section = [full for sid, full in named if sid == ref.parts[0]]
        if len(in_section) == 1:
            return in_section[0]
    if len(named) == 1:
        return named[0][1]
    return closest(ref.text, options + [full for _, full, _ in columns])


def ref_type(ctx: CheckContext, ref: Ref) -> Type:
    """The type of a resolved reference (anything, for one that did not resolve)."""
    if not ref.key:
        return ANY
    if ref.key.startswith(("scores.", "constants.", "figures.")):
        return Type("number", name=ref.text)
    question = ctx.out.questions[ref.key].question
    # A reference to an info block was refused when it was resolved; it stands for nothing.
    assert not isinstance(question, Info), ref.key
    if ref.column is not None and isinstance(question, Table):
        column = question.column(ref.column)
        assert column is not None
        return column.expr_type(ref.text)
    return question.expr_type(ref.text)


def cell_type(ctx: CheckContext, ref: Ref) -> Type | None:
    """The type of one cell of the table column `ref` (inside a row filter); None otherwise."""
    if not ref.key or ref.column is None or ref.key not in ctx.out.questions:
        return None
    question = ctx.out.questions[ref.key].question
    column = question.column(ref.column) if isinstance(question, Table) else None
    return None if column is None else column.cell_type(ref.text)
