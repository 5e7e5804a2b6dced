"""The order of evaluation: conditions that look ahead to later sections (a warning) and
expressions that depend on themselves in a circle (an error); the order the session computes
visibility in."""

from __future__ import annotations

from kosi_tui.core.checks.context import CheckContext
from kosi_tui.core.expr.nodes import Node, Ref, walk
from kosi_tui.core.findings import DataPath


def check_forward(ctx: CheckContext, node: Node, path: DataPath, si: int, qi: int) -> None:
    """A warning for each reference in a condition at (section `si`, question `qi`) to a question
    of a later section: it is still empty while this one is filled in."""
    for ref in (n for n in walk(node) if isinstance(n, Ref)):
        located = ctx.out.questions.get(ref.key)
        if located is None:
            continue
        later = (located.section_index, located.index) > (si, qi)
        if later and located.section_index > si:
            ctx.add(
                path, "show_if_later_section", severity="warning", offset=ref.pos, name=ref.text
            )


def check_cycles(ctx: CheckContext) -> None:
    """Reports each cycle of dependencies once; sets `ctx.out.order`."""
    state: dict[str, int] = {}
    stack: list[str] = []
    order: list[str] = []
    reported: set[frozenset[str]] = set()

    def visit(key: str) -> None:
        state[key] = 1
        stack.append(key)
        for dep in sorted(ctx.deps.get(key, ())):
            if state.get(dep) == 1:
                cycle = stack[stack.index(dep) :]
                if frozenset(cycle) not in reported:
                    reported.add(frozenset(cycle))
                    ctx.add(_owner_path(ctx, cycle[0]), "cycle", chain=" → ".join([*cycle, dep]))
            elif dep not in state:
                visit(dep)
        stack.pop()
        state[key] = 2
        if key in ctx.out.questions:
            order.append(key)

    for key in [*ctx.out.questions, *(f"scores.{s}" for s in ctx.score_ids)]:
        if key not in state:
            visit(key)
    ctx.out.order = order


def _owner_path(ctx: CheckContext, key: str) -> DataPath:
    if key.startswith("scores."):
        return ("evaluation", "scores", ctx.score_ids.index(key[7:]), "value")
    if key.startswith("section:"):
        return ("sections", ctx.section_index[key[8:]], "show_if")
    located = ctx.out.questions[key]
    q = located.question
    slot = "show_if" if q.show_if else "required_if"
    return ("sections", located.section_index, "questions", located.index, slot)
