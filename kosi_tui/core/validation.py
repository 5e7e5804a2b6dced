"""Validation of answers with messages for people, in the user's language.

Pydantic checks the shape of each answer against its kind's schema (one `TypeAdapter` per answer
type, shared); its errors become the kind's own issue, never shown raw. The kind's bounds follow,
then the canvas's rules (`validate:`).
"""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter, ValidationError

from kosi_tui.core.canvas import AnswerQuestion, Column, Info, Rule
from kosi_tui.core.compiled import CompiledCanvas
from kosi_tui.core.expr import ExprError, evaluate
from kosi_tui.core.expr.evaluate import truth
from kosi_tui.core.expr.functions import is_empty
from kosi_tui.core.expr.nodes import Ref
from kosi_tui.core.kinds.base import adapter_for
from kosi_tui.core.kinds.issue import Issue, range_issue

__all__ = ["AnswerValidator", "Issue", "cell_issues", "validator_for"]


class AnswerValidator:
    """Validates answers to the questions of one compiled canvas."""

    def __init__(self, compiled: CompiledCanvas) -> None:
        self.compiled = compiled
        self._adapters: dict[str, TypeAdapter[Any]] = {}

    def adapter(self, key: str, question: AnswerQuestion) -> TypeAdapter[Any]:
        """The Pydantic adapter for one question's answers (built on first use)."""
        adapter = self._adapters.get(key)
        if adapter is None:
            adapter = self._adapters[key] = adapter_for(question.answer_schema())
        return adapter

    def check(
        self, key: str, value: Any, lookup: Any = None, required: bool = False
    ) -> list[Issue]:
        """Every issue with `value` as the answer to question `key`.

        `required` says whether an empty answer is an issue; `lookup` resolves references in rule
        expressions (other answers), as the session provides it.
        """
        question = self.compiled.questions[key].question
        if isinstance(question, Info):
            return []
        if is_empty(value):
            return [Issue("required")] if required else []
        try:
            value = self.adapter(key, question).validate_python(value, strict=True)
        except ValidationError:
            return [question.shape_issue(value)]
        issues = question.bounds(value)
        if issues:
            return issues
        return self._rules(key, question, value, lookup)

    def _rules(self, key: str, q: AnswerQuestion, value: Any, lookup: Any) -> list[Issue]:
        issues: list[Issue] = []
        for index, rule in enumerate(q.validate_):
            issue = self._rule(key, index, rule, value, lookup)
            if issue is not None:
                issues.append(issue)
        return issues

    def _rule(self, key: str, index: int, rule: Rule, value: Any, lookup: Any) -> Issue | None:
        if rule.length is not None:
            texts = value if isinstance(value, list) else [value]
            lo, hi = rule.length.min, rule.length.max
            for text in texts:
                n = len(text.strip())
                if (lo is not None and n < lo) or (hi is not None and n > hi):
                    return Issue(
                        _length_code(lo, hi),
                        {"min": lo, "max": hi, "length": n},
                        custom=rule.message,
                    )
            return None
        if rule.pattern is not None:
            pattern = self.compiled.patterns.get((key, index))
            texts = value if isinstance(value, list) else [value]
            if pattern is not None and not all(pattern.fullmatch(text.strip()) for text in texts):
                return Issue("pattern", custom=rule.message)
            return None
        if rule.range is not None:
            lo, hi = rule.range.min, rule.range.max
            if (lo is not None and value < lo) or (hi is not None and value > hi):
                issue = range_issue(lo, hi)
                return Issue(issue.code, issue.args, custom=rule.message)
            return None
        node = self.compiled.rules.get((key, index))
        if node is None:
            return None
        try:
            ok = evaluate(node, lookup or _no_answers, value=value)
        except ExprError:
            return Issue("rule_error")
        return None if truth(ok) else Issue("rule", custom=rule.message)


def cell_issues(column: Column, cell: Any) -> list[Issue]:
    """What is wrong with one table cell, each message naming the column (also as people type)."""
    return column.issues(cell)


def validator_for(compiled: CompiledCanvas) -> AnswerValidator:
    """The canvas's validator, shared: its Pydantic adapters are built once per canvas, not per draft."""
    validator = compiled.derived.get("validator")
    if not isinstance(validator, AnswerValidator):
        validator = compiled.derived["validator"] = AnswerValidator(compiled)
    return validator


def _no_answers(_ref: Ref) -> None:
    return None


def _length_code(lo: float | None, hi: float | None) -> str:
    if lo is not None and hi is not None:
        return "length_between"
    return "length_min" if lo is not None else "length_max"
