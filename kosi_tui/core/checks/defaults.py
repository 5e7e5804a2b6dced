"""Default answers are checked like answers someone typed: a default the question would refuse
is an error in the canvas, named as plainly as the mistake allows."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kosi_tui.core.canvas import Date, Info, MultiChoice, SingleChoice
from kosi_tui.core.checks.context import CheckContext
from kosi_tui.core.kinds.base import Typed
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
        meant = _meant(question, default, ctx.canvas.languages[0])
        if meant is not None and not validator.check(key, meant):
            # `nein` for a yes/no, `01.03.2026` for a date, `"3"` for a scale: the file wants the
            # value itself, and "please answer yes or no" would only repeat what the trainer did.
            ctx.add(path, "default_as_text", value=default, written=_written(meant))
            continue
        ctx.add(path, "bad_default", detail=issues[0])


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _meant(question: object, default: Any, lang: str) -> bool | int | float | dt.date | None:
    """The value a default written as text stands for, when the question would read the text
    that way if someone typed it (a yes, a number, a date); None otherwise."""
    if not isinstance(default, str) or not isinstance(question, Typed):
        return None
    value = question.parse(default, lang).value
    return value if isinstance(value, bool | int | float | dt.date) else None


def _written(value: bool | int | float | dt.date) -> str:
    """A value as a canvas file writes it: `false`, `3`, `2.5`, `2026-03-01`."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return repr(value)
