"""The state of one filling session: answers, what is visible, what is required, issues, progress.

Hidden-answer policy: an answer to a hidden question stays in `answers` (so showing the question
again restores it) but counts as unanswered everywhere else: in other conditions, validation,
progress, evaluation and reports.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from kosi_tui.core.canvas import Date, Info, MultiChoice, ShortText, SingleChoice
from kosi_tui.core.compiled import CompiledCanvas
from kosi_tui.core.dependencies import readers
from kosi_tui.core.expr import ExprError, evaluate
from kosi_tui.core.expr.evaluate import truth
from kosi_tui.core.expr.functions import is_empty
from kosi_tui.core.expr.nodes import Node, Ref
from kosi_tui.core.validation import Issue, validator_for


@dataclass(frozen=True)
class Progress:
    """Counts over visible questions only, so they stay honest under skip logic.

    Every count people see – start page, progress line, overview, plain mode, report, summary –
    comes from `Session.progress`, and every list of what is open from `Session.open_required`,
    which names exactly the `required_total - required_answered` questions counted open.
    """

    required_answered: int
    required_total: int
    answered: int
    total: int
    added: int = 0
    """Required questions counted that a new draft of the canvas does not have: conditions
    made them required (or showed them) because of the answers."""

    @property
    def required_open(self) -> int:
        """Required questions not (validly) answered."""
        return self.required_total - self.required_answered

    @property
    def complete(self) -> bool:
        """Whether every visible required question is answered."""
        return self.required_answered == self.required_total


def default_answers(
    compiled: CompiledCanvas,
    today: dt.date | None = None,
    organisation: str = "",
    author: str = "",
) -> dict[str, Any]:
    """The answers a new draft starts with: each question's `default` (`today` for dates), and
    the organisation or name given when starting it where a question has `prefill`."""
    answers: dict[str, Any] = {}
    given = {"organisation": organisation.strip(), "author": author.strip()}
    for key, located in compiled.questions.items():
        question = located.question
        if isinstance(question, ShortText) and question.prefill and given[question.prefill]:
            answers[key] = given[question.prefill]
            continue
        if isinstance(question, Info) or question.default is None:
            continue
        value = question.default
        if isinstance(question, Date) and value == "today":
            value = today or dt.date.today()
        answers[key] = value
    return answers


def fresh_session(compiled: CompiledCanvas) -> Session:
    """A new draft of the canvas, as it starts: with its default answers and nothing else."""
    return Session(compiled, default_answers(compiled))


def fresh_required(compiled: CompiledCanvas) -> frozenset[str]:
    """The questions a new draft of the canvas must answer (computed once per canvas)."""
    kept = compiled.derived.get("fresh_required")
    if not isinstance(kept, frozenset):
        kept = compiled.derived["fresh_required"] = fresh_session(compiled).required_keys()
    return kept


class Session:
    """One canvas being filled: answers plus everything derived from them."""

    def __init__(self, compiled: CompiledCanvas, answers: dict[str, Any] | None = None) -> None:
        self.compiled = compiled
        self.validator = validator_for(compiled)
        self.answers: dict[str, Any] = dict(answers or {})
        self.visible: dict[str, bool] = {}
        self.section_visible: dict[str, bool] = {}
        self.expr_errors: dict[str, ExprError] = {}
        """Expressions that failed at run time, by the question (or `scores.x`) they belong to."""
        self._scores: dict[str, Any] = {}
        self._progress: dict[str, Progress] = {}
        """Progress by section id, kept until an answer it reads changes."""
        self._settled_errors: dict[str, ExprError] = {}
        """The run-time errors the last full recompute found (conditions, the scores they use)."""
        self.recompute()

    # -- values --------------------------------------------------------------------------------

    def value(self, key: str) -> Any:
        """The answer as conditions and reports see it: None when hidden or unanswered."""
        if not self.visible.get(key, False):
            return None
        value = self.answers.get(key)
        return None if is_empty(value) else value

    def lookup(self, ref: Ref) -> Any:
        """Resolves a reference in an expression."""
        if ref.key.startswith("scores."):
            return self.score(ref.key[7:])
        value = self.value(ref.key)
        if ref.column is None or value is None:
            return value
        # A table's column: no rows where a hand-edited draft holds no list of rows.
        rows = value if isinstance(value, list) else []
        return [row.get(ref.column) for row in rows if isinstance(row, dict)]

    def choice_score(self, ref: Ref) -> Any:
        """The `score` of the chosen choice(s) of a choice question: one, or the sum for several."""
        question = self.compiled.questions[ref.key].question
        value = self.value(ref.key)
        if value is None or not isinstance(question, SingleChoice | MultiChoice):
            return None
        scores = {c.id: c.score for c in question.choices}
        # Only choice ids score: a mapping in a hand-edited draft is none (nor can it be looked up).
        if isinstance(value, list):
            ids = [v for v in value if isinstance(v, str)]
            return sum(scores.get(v) or 0 for v in ids) if ids else None
        return scores.get(value) if isinstance(value, str) else None

    def evaluate(self, node: Node, value: Any = None) -> Any:
        """Evaluates an expression of this canvas against the current answers."""
        return evaluate(node, self.lookup, value=value, score=self.choice_score)

    # -- changes -------------------------------------------------------------------------------

    def set(self, key: str, value: Any) -> set[str]:
        """Sets an answer; returns the keys whose visibility changed because of it."""
        if key not in self.compiled.questions:
            raise KeyError(key)
        if is_empty(value):
            self.answers.pop(key, None)
        else:
            self.answers[key] = value
        read = readers(self.compiled)
        if key in read.conditions:
            before = dict(self.visible)
            self.recompute()
            return {k for k, shown in self.visible.items() if before.get(k) != shown}
        # No condition reads this answer: nothing is shown or hidden, and only what reads it is
        # computed again (as people type, per key, on canvases of hundreds of questions).
        for owner in read.owners.get(key, ()):
            self.expr_errors.pop(owner, None)
            if owner in self._settled_errors:
                self.expr_errors[owner] = self._settled_errors[owner]
            if owner.startswith("scores."):
                self._scores.pop(owner[7:], None)
        for section_id in read.sections.get(key, ()):
            self._progress.pop(section_id, None)
        return set()

    def recompute(self) -> None:
        """Works out visibility in dependency order."""
        self.visible = {}
        self.section_visible = {}
        self._scores = {}
        self.expr_errors = {}
        for key in self.compiled.order:
            located = self.compiled.questions[key]
            section_id = located.section.id
            if section_id not in self.section_visible:
                self.section_visible[section_id] = self._condition(f"section:{section_id}", key)
            shown = self.section_visible[section_id] and self._condition(key, key)
            self.visible[key] = shown
        self._progress = {}
        self._settled_errors = dict(self.expr_errors)

    def _condition(self, slot: str, owner: str) -> bool:
        node = self.compiled.show_if.get(slot)
        if node is None:
            return True
        try:
            return truth(self.evaluate(node))
        except ExprError as err:
            # A broken condition must not hide what people typed: show the question, mark it.
            self.expr_errors[owner] = err
            return True

    # -- questions -----------------------------------------------------------------------------

    def is_required(self, key: str) -> bool:
        """Whether the question must be answered now (`required`, or `required_if` holds)."""
        question = self.compiled.questions[key].question
        if isinstance(question, Info) or not self.visible.get(key, False):
            return False
        if question.required:
            return True
        node = self.compiled.required_if.get(key)
        if node is None:
            return False
        try:
            return truth(self.evaluate(node))
        except ExprError as err:
            self.expr_errors[key] = err
            return False

    def issues(self, key: str, include_required: bool = True) -> list[Issue]:
        """What is wrong with the answer to `key`; nothing for hidden questions."""
        if not self.visible.get(key, False):
            return []
        required = include_required and self.is_required(key)
        issues = self.validator.check(key, self.answers.get(key), self.lookup, required)
        if key in self.expr_errors:
            issues.append(Issue("rule_error"))
        return issues

    def check_value(self, key: str, value: Any) -> list[Issue]:
        """Issues a value would have as the answer to `key`, without setting it (as people type)."""
        return self.validator.check(key, value, self.lookup, required=False)

    def visible_keys(self, section_id: str | None = None) -> list[str]:
        """Keys of the visible questions, in document order, optionally of one section."""
        keys = (
            self.compiled.questions
            if section_id is None
            else self.compiled.section_keys(section_id)
        )
        return [key for key in keys if self.visible.get(key)]

    # -- progress ------------------------------------------------------------------------------

    def progress(self, section_id: str | None = None) -> Progress:
        """Required answered of required visible, and answered of visible, over answerable questions.

        An answer marked wrong (out of range, not a number, failing a rule) is not counted: the
        question still needs work, and the bar must not say otherwise.
        """
        if section_id is None:
            parts = [self.progress(s.id) for s in self.compiled.canvas.sections]
            return Progress(
                sum(p.required_answered for p in parts),
                sum(p.required_total for p in parts),
                sum(p.answered for p in parts),
                sum(p.total for p in parts),
                sum(p.added for p in parts),
            )
        kept = self._progress.get(section_id)
        if kept is None:
            kept = self._progress[section_id] = self._count(section_id)
        return kept

    def _count(self, section_id: str) -> Progress:
        req_done = req_total = done = total = added = 0
        fresh = fresh_required(self.compiled)
        for key in self.visible_keys(section_id):
            if isinstance(self.compiled.questions[key].question, Info):
                continue
            total += 1
            answered = self.value(key) is not None and not self.issues(key, include_required=False)
            done += answered
            if self.is_required(key):
                req_total += 1
                req_done += answered
                added += key not in fresh
        return Progress(req_done, req_total, done, total, added)

    def required_keys(self) -> frozenset[str]:
        """The visible questions that must be answered now."""
        return frozenset(key for key in self.visible_keys() if self.is_required(key))

    def open_required(self) -> list[tuple[str, Literal["missing", "invalid"]]]:
        """Visible required questions not validly answered, in document order, each with why:
        no answer, or one marked wrong (the same ones `progress` leaves uncounted)."""
        found: list[tuple[str, Literal["missing", "invalid"]]] = []
        for key in self.visible_keys():
            if not self.is_required(key):
                continue
            if self.value(key) is None:
                found.append((key, "missing"))
            elif self.issues(key, include_required=False):
                found.append((key, "invalid"))
        return found

    def missing_required(self) -> list[str]:
        """Keys of visible required questions still unanswered, in document order: those of
        `open_required` without an answer (count open ones with `open_required`)."""
        return [key for key, why in self.open_required() if why == "missing"]

    # -- evaluation ----------------------------------------------------------------------------

    def score(self, score_id: str) -> Any:
        """The value of a score (None where its inputs are missing), computed once per change."""
        if score_id not in self._scores:
            node = self.compiled.scores.get(score_id)
            result: Any = None
            if node is not None:
                try:
                    result = self.evaluate(node)
                except ExprError as err:
                    self.expr_errors[f"scores.{score_id}"] = err
            if isinstance(result, bool):
                result = int(result)
            self._scores[score_id] = result
        return self._scores[score_id]

    def raised_flags(self) -> list[str]:
        """Ids of the flags whose condition holds, in canvas order."""
        raised = []
        for flag_id, node in self.compiled.flags.items():
            try:
                if truth(self.evaluate(node)):
                    raised.append(flag_id)
            except ExprError as err:
                self.expr_errors[f"flags.{flag_id}"] = err
        return raised
