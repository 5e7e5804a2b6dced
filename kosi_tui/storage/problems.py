"""Problems found in a file, tied to a line and column, rendered in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kosi_tui.core.findings import Severity
from kosi_tui.i18n import t


@dataclass(frozen=True)
class Problem:
    """One problem: where it is, how bad, and a message code with its arguments."""

    file: Path
    line: int
    col: int
    severity: Severity
    code: str
    args: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str) -> str:
        """The message alone, in `lang`."""
        # Arguments that are messages themselves (an answer issue) are rendered in `lang` too.
        args = {k: v.message(lang) if hasattr(v, "message") else v for k, v in self.args.items()}
        return t(f"problem.{self.code}", lang, **args)

    def render(self, lang: str) -> str:
        """`FILE:LINE:COL: error: message`, as compilers and editors expect it."""
        level = t(f"severity.{self.severity}", lang)
        return f"{self.file}:{self.line}:{self.col}: {level}: {self.message(lang)}"


class ProblemsError(Exception):
    """A file could not be used; `problems` says why, every one of them."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(f"{p.file}:{p.line}: {p.code}" for p in problems))
        self.problems = problems

    @classmethod
    def one(
        cls, file: Path, code: str, args: dict[str, Any] | None = None, line: int = 1, col: int = 1
    ) -> ProblemsError:
        """A file refused for a single error, at LINE:COL (its start unless known better)."""
        return cls([Problem(file, line, col, "error", code, args or {})])
