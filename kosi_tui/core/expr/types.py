"""Static types of expressions, as the checker infers them before anything is evaluated.

They live beside the evaluator because they must agree with it: what `evaluate` accepts at run
time is what the checker lets through when a canvas is validated.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Type:
    """The static type of an expression, as far as the checker can tell."""

    kind: str  # number, text, bool, date, choice, choices, list, table, any
    choices: tuple[str, ...] = ()
    name: str = ""

    @property
    def numeric(self) -> bool:
        """Whether arithmetic accepts it."""
        return self.kind in ("number", "bool", "any")


ANY = Type("any")
