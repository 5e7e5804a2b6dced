"""Which answers each derived thing reads, so that a changed answer recomputes only what reads it.

Typing into a field changes one answer many times a second. Most answers are read by no
visibility condition: then nothing can be shown or hidden, and only the progress of the sections
whose questions read the answer (its own, and any with a rule or `required_if` naming it) and the
scores, flags and prompts naming it need computing again. Computed once per canvas.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kosi_tui.core.compiled import CompiledCanvas
from kosi_tui.core.expr.nodes import Node, Ref, walk


@dataclass(frozen=True)
class Readers:
    """For each answer key, what reads it."""

    conditions: frozenset[str]
    """Answers that some visibility condition reads (directly or through a score)."""
    sections: dict[str, frozenset[str]]
    """Answer key -> the ids of the sections whose progress reads it."""
    owners: dict[str, frozenset[str]]
    """Answer key -> the expressions reading it, by the name their run-time errors are kept under
    in the session: a question key for its `required_if`, `scores.x`, `flags.x`, `prompts.x`."""


def answers_read(compiled: CompiledCanvas, nodes: Iterable[Node]) -> frozenset[str]:
    """The answer keys that expressions read, following the scores they use."""
    found: set[str] = set()
    seen_scores: set[str] = set()
    stack = list(nodes)
    while stack:
        for node in walk(stack.pop()):
            if not isinstance(node, Ref):
                continue
            if node.key.startswith("scores."):
                score = node.key[7:]
                if score not in seen_scores and score in compiled.scores:
                    seen_scores.add(score)
                    stack.append(compiled.scores[score])
            elif node.key:
                found.add(node.key)
    return frozenset(found)


def readers(compiled: CompiledCanvas) -> Readers:
    """What reads each answer of the canvas (computed once, shared by every session)."""
    kept = compiled.derived.get("readers")
    if isinstance(kept, Readers):
        return kept
    conditions = answers_read(compiled, compiled.show_if.values())
    sections = {key: {located.section.id} for key, located in compiled.questions.items()}
    owners: dict[str, set[str]] = {}

    def read_by(owner: str, nodes: Iterable[Node]) -> None:
        for key in answers_read(compiled, nodes):
            owners.setdefault(key, set()).add(owner)

    rules: dict[str, list[Node]] = {}
    for (key, _), node in compiled.rules.items():
        rules.setdefault(key, []).append(node)
    for key, located in compiled.questions.items():
        nodes = list(rules.get(key, ()))
        if key in compiled.required_if:
            nodes.append(compiled.required_if[key])
            read_by(key, [compiled.required_if[key]])
        for read in answers_read(compiled, nodes):
            sections.setdefault(read, set()).add(located.section.id)
    for name, group in (("scores", compiled.scores), ("flags", compiled.flags)):
        for item, node in group.items():
            read_by(f"{name}.{item}", [node])
    for item, node in compiled.prompts.items():
        read_by(f"prompts.{item}", [node])
    found = compiled.derived["readers"] = Readers(
        conditions,
        {key: frozenset(ids) for key, ids in sections.items()},
        {key: frozenset(names) for key, names in owners.items()},
    )
    return found
