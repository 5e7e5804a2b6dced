"""Default answers are checked like answers someone typed: a default the question would refuse
is an error in the canvas, named as plainly as the mistake allows."""

from __future__ import annotations

from typing import Any

from kosi_tui.core.canvas import Date, Info, MultiChoice, SingleChoice
from kosi_tui.core.checks.context import CheckContext
from kosi_tui.core.numbers import date_mistake, parse_date
from kosi_tui.core.suggest import closest


def check_defaults(ctx: CheckContext) -> None:
    """An error for each default the validator refuses (only for a canvas otherwise usable)."""
    from kosi_tui.core.validation import AnswerValidator

    validator = AnswerValidator(ctx.out)
    for key, located in ctx.out.questions.items():
        question = located.question
        if isinstance(question, Info) or question.default is None:
            continue
        default = question.default
        if isinstance(question, Date) and default == "today":
            continue
        issues = validator.check(key, default)
        if not issues:
            continue
        path = ("sections", located.section_index, "questions", located.index, "default")
        if isinstance(question, SingleChoice | MultiChoice):
            ids = [c.id for c in question.choices]
            unknown = [str(v) for v in _listed(default) if v not in ids]
            if unknown:
                ctx.add(
                    path,
                    "default_not_a_choice",
                    value=unknown[0],
                    choices=", ".join(ids),
                    suggestion=closest(unknown[0], ids),
                )
                continue
        if isinstance(question, Date) and isinstance(default, str):
            mistake = date_mistake(default)
            if mistake is not None:
                ctx.add(path, mistake[0], **mistake[1])
                continue
            if parse_date(default) is None:
                ctx.add(path, "default_date", value=default)
                continue
        ctx.add(path, "bad_default", detail=issues[0])


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]
