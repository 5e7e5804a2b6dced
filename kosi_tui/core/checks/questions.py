"""Each question checked on its own: its kind checks its settings (`check` in its module under
`core/kinds/`), then the validation rules are compiled and must fit the kind."""

from __future__ import annotations

import re
from typing import Any

from kosi_tui.core.canvas import AnyQuestion, Info
from kosi_tui.core.checks.context import CheckContext
from kosi_tui.core.findings import DataPath


class _At:
    """The context's findings at paths relative to one question (what a kind reports to)."""

    def __init__(self, ctx: CheckContext, path: DataPath) -> None:
        self.ctx, self.path = ctx, path

    def add(self, path: DataPath, code: str, **args: Any) -> None:
        self.ctx.add((*self.path, *path), code, **args)

    def duplicates(self, ids: list[str], path: DataPath, what: str) -> None:
        self.ctx.duplicates(ids, (*self.path, *path), what)

    def bounds(self, path: DataPath, low: float, high: float) -> None:
        self.ctx.bounds((*self.path, *path), low, high)


def question_shape(ctx: CheckContext, q: AnyQuestion, path: DataPath) -> None:
    """Checks one question on its own, at `path`; compiles its validation patterns."""
    if isinstance(q, Info):
        return
    q.check(_At(ctx, path))
    for ri, rule in enumerate(q.validate_):
        if rule.pattern is not None:
            try:
                ctx.out.patterns[(_key_of(ctx, path), ri)] = re.compile(rule.pattern)
            except re.error as err:
                ctx.add((*path, "validate", ri, "pattern"), "bad_pattern", reason=str(err))
        bounds = rule.length or rule.range
        if bounds and bounds.min is not None and bounds.max is not None and bounds.min > bounds.max:
            ctx.add((*path, "validate", ri), "min_over_max", min=bounds.min, max=bounds.max)
        if rule.kind not in q.RULES:
            ctx.add(
                (*path, "validate", ri, rule.kind),
                "rule_not_for_type",
                rule=rule.kind,
                type=q.type,
            )


def _key_of(ctx: CheckContext, path: DataPath) -> str:
    section = ctx.canvas.sections[int(path[1])]
    return f"{section.id}.{section.questions[int(path[3])].id}"
