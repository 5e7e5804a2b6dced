"""A canvas after checking: expressions parsed and resolved, lookups and evaluation order ready."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from kosi_tui.core.canvas import AnyQuestion, Canvas, Section
from kosi_tui.core.expr.nodes import Node


@dataclass(frozen=True)
class Located:
    """A question with its section and their positions in the canvas."""

    key: str
    section: Section
    question: AnyQuestion
    section_index: int
    index: int


@dataclass
class CompiledCanvas:
    """Everything the session needs, computed once when a canvas is loaded."""

    canvas: Canvas
    questions: dict[str, Located] = field(default_factory=dict)
    """Every question by its key `section.question`, in document order."""
    show_if: dict[str, Node] = field(default_factory=dict)
    """Visibility conditions by question key, or by `section:<id>` for sections."""
    required_if: dict[str, Node] = field(default_factory=dict)
    rules: dict[tuple[str, int], Node] = field(default_factory=dict)
    """`rule` expressions of validation rules, by (question key, rule index)."""
    patterns: dict[tuple[str, int], re.Pattern[str]] = field(default_factory=dict)
    scores: dict[str, Node] = field(default_factory=dict)
    flags: dict[str, Node] = field(default_factory=dict)
    prompts: dict[str, Node] = field(default_factory=dict)
    """The `when` conditions of tension prompts, by prompt id."""
    placeholders: dict[str, Node] = field(default_factory=dict)
    """The `{expression}` placeholders in prompt texts, by their source text."""
    group: dict[str, Node] = field(default_factory=dict)
    """A group canvas's expressions: `table.<column>`, `figures.<id>` and `flags.<id>`."""
    order: list[str] = field(default_factory=list)
    """Question keys in an order where every show_if comes after what it depends on."""
    derived: dict[str, Any] = field(default_factory=dict)
    """Helpers built from the canvas on first use and shared by every session (the validator)."""

    def section_keys(self, section_id: str) -> list[str]:
        """The question keys of one section, in order (computed once)."""
        index = self.derived.get("section_keys")
        if index is None:
            index = self.derived["section_keys"] = {}
            for key, located in self.questions.items():
                index.setdefault(located.section.id, []).append(key)
        return list(index.get(section_id, []))
