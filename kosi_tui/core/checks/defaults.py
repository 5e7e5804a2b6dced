"""Default answers are checked like answers someone typed: a default the question would refuse
is an error in the canvas."""

from __future__ import annotations

from kosi_tui.core.canvas import Date, Info
from kosi_tui.core.checks.context import CheckContext


def check_defaults(ctx: CheckContext) -> None:
    """An error for each default the validator refuses (only for a canvas otherwise usable)."""
    from kosi_tui.core.validation import AnswerValidator

    validator = AnswerValidator(ctx.out)
    for key, located in ctx.out.questions.items():
        question = located.question
        if isinstance(question, Info) or question.default is None:
            continue
        if isinstance(question, Date) and question.default == "today":
            continue
        issues = validator.check(key, question.default)
        if issues:
            path = ("sections", located.section_index, "questions", located.index, "default")
            ctx.add(path, "bad_default", detail=issues[0])
