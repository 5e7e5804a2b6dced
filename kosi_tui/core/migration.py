"""Opening a draft against the canvas as it is now: what changed, and where every answer went.

Nothing is dropped. Answers to questions the canvas no longer has move to `orphaned` (and back, if
the question returns); answers that no longer fit stay in place and are flagged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kosi_tui.core.answers import Draft
from kosi_tui.core.canvas import Info, MultiChoice, SingleChoice
from kosi_tui.core.compiled import CompiledCanvas
from kosi_tui.core.validation import validator_for


@dataclass
class MigrationReport:
    """What changed between the canvas a draft was made with and the current one."""

    canvas_changed: bool = False
    old_version: str = ""
    new_version: str = ""
    orphaned: list[str] = field(default_factory=list)
    """Keys whose question is gone; their answers are kept under `orphaned`."""
    restored: list[str] = field(default_factory=list)
    """Keys that were orphaned before and whose question is back."""
    unknown_choices: list[tuple[str, str]] = field(default_factory=list)
    """(key, choice id) pairs the question no longer offers."""
    no_longer_fit: list[str] = field(default_factory=list)
    """Keys whose answer no longer fits the question's type or bounds."""

    @property
    def empty(self) -> bool:
        """Whether there is nothing to tell the person."""
        return not (self.orphaned or self.restored or self.unknown_choices or self.no_longer_fit)


def migrate(draft: Draft, compiled: CompiledCanvas, canvas_sha256: str) -> MigrationReport:
    """Brings `draft` in line with the canvas (in place) and reports what that meant."""
    canvas = compiled.canvas
    report = MigrationReport(
        canvas_changed=bool(draft.canvas.sha256) and draft.canvas.sha256 != canvas_sha256,
        old_version=draft.canvas.version,
        new_version=canvas.version,
    )
    questions = compiled.questions
    answers: dict[str, Any] = {}
    for key, value in draft.answers.items():
        located = questions.get(key)
        if located is None or isinstance(located.question, Info):
            draft.orphaned[key] = value
            report.orphaned.append(key)
        else:
            answers[key] = value
    for key in list(draft.orphaned):
        located = questions.get(key)
        if located is not None and not isinstance(located.question, Info) and key not in answers:
            answers[key] = draft.orphaned.pop(key)
            report.restored.append(key)
    validator = validator_for(compiled)
    # With the very canvas the draft was saved against, a wrong answer is the person's to fix as
    # usual (the field shows it); it is no news about the canvas.
    checked = answers.items() if report.canvas_changed else ()
    for key, value in checked:
        question = questions[key].question
        if isinstance(question, SingleChoice | MultiChoice):
            offered = {c.id for c in question.choices}
            chosen = value if isinstance(value, list) else [value]
            missing = [c for c in chosen if isinstance(c, str) and c not in offered]
            report.unknown_choices.extend((key, c) for c in missing)
            if missing:
                continue
        if validator.check(key, value):
            report.no_longer_fit.append(key)
    draft.answers = answers
    draft.canvas.id = canvas.id
    draft.canvas.version = canvas.version
    draft.canvas.sha256 = canvas_sha256
    return report
