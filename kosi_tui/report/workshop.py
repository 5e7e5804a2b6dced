"""A workshop: the drafts of one canvas, each evaluated, and the files left out with the reason.

The model that the summary, the sheets, the group game and the debrief read; collect.py fills it
from folders.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kosi_tui.core.answers import Draft
from kosi_tui.core.compiled import CompiledCanvas
from kosi_tui.core.evaluation import Result, evaluate_session
from kosi_tui.core.numbers import is_number
from kosi_tui.core.session import Session
from kosi_tui.i18n import t
from kosi_tui.storage.problems import Problem


@dataclass
class Participant:
    """One filled canvas in the workshop."""

    path: Path
    draft: Draft
    session: Session
    flags: list[str]
    scores: dict[str, float | int | None]
    result: Result = field(default_factory=lambda: Result([], [], []))
    """The whole evaluation: each value with its kind and span, prompts, own steps."""


@dataclass
class Skipped:
    """A file left out of the summary, and why."""

    path: Path
    reason: str


@dataclass
class Workshop:
    """The participants of one canvas and the files that were left out."""

    compiled: CompiledCanvas
    participants: list[Participant] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def _unusable_number(value: Any) -> bool:
    """True for a number that no mean or bar can take: beyond a float's range, or not finite."""
    return isinstance(value, int | float) and not isinstance(value, bool) and not is_number(value)


def _bad_number(key: str, value: Any) -> tuple[str, Any] | None:
    """The first unusable number in `value`, with its key (and row and column for tables)."""
    if _unusable_number(value):
        return key, value
    if isinstance(value, list):
        for i, item in enumerate(value, start=1):
            if found := _bad_number(f"{key}[{i}]", item):
                return found
    if isinstance(value, dict):
        for column, cell in value.items():
            if found := _bad_number(f"{key}.{column}", cell):
                return found
    return None


def _short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _number_text(number: int | float) -> str:
    """The start of a number for a message; Python refuses to write out ints of 4,300+ digits."""
    if isinstance(number, float):
        return repr(number)
    try:
        return str(number)
    except ValueError:
        sign = "-" if number < 0 else ""
        return f"{sign}10^{int(abs(number).bit_length() * math.log10(2))}"


def add_participant(workshop: Workshop, path: Path, draft: Draft, lang: str = "de") -> None:
    """Evaluates one draft and adds it to the workshop, or notes why it was left out."""
    for key, value in draft.answers.items():
        if found := _bad_number(key, value):
            where, number = found
            reason = t("summary.bad_number", lang, key=where, value=_short(_number_text(number)))
            skip(workshop, path, reason, lang)
            return
    try:
        session = Session(workshop.compiled, draft.answers)
        result = evaluate_session(session)
    # Whatever one draft's answers do to the evaluation, the other drafts still get summarised.
    except Exception as err:
        skip(workshop, path, failure_reason(err, lang), lang)
        return
    workshop.participants.append(
        Participant(path, draft, session, [f.id for f in result.flags],
                    {s.score.id: s.value for s in result.scores}, result)
    )  # fmt: skip


def failure_reason(err: Exception, lang: str) -> str:
    """Why a draft was left out when summarising it failed unexpectedly, for the list of skipped."""
    return t("summary.failed", lang, error=_short(f"{type(err).__name__}: {err}", 120))


def skip(workshop: Workshop, path: Path, problem: Problem | str, lang: str) -> None:
    """Notes a file that was left out."""
    reason = (
        problem
        if isinstance(problem, str)
        else f"{t('summary.line', lang, line=problem.line)} {problem.message(lang)}"
    )
    workshop.skipped.append(Skipped(path, reason))


def over_time(workshop: Workshop) -> bool:
    """True when every draft is the same person's (several drafts, one author and organisation):
    a course over time rather than a team."""
    people = workshop.participants
    if len(people) < 2 or workshop.compiled.canvas.group is not None:
        return False
    who = {(p.draft.author.strip(), p.draft.organisation.strip()) for p in people}
    return len(who) == 1 and any(who.pop())
