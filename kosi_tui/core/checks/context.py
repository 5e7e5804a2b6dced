"""What the phases of a canvas check share: the canvas, the compiled result being filled in, the
findings so far and a few indexes. Each phase is a function of this context."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kosi_tui.core.canvas import Canvas
from kosi_tui.core.compiled import CompiledCanvas
from kosi_tui.core.findings import DataPath, Finding, Severity


@dataclass
class CheckContext:
    """The canvas under check, what has been compiled of it and what has been found."""

    canvas: Canvas
    out: CompiledCanvas
    findings: list[Finding] = field(default_factory=list)
    section_index: dict[str, int] = field(default_factory=dict)
    """Section ids and their positions."""
    score_ids: list[str] = field(default_factory=list)
    deps: dict[str, set[str]] = field(default_factory=dict)
    """What each question (`section.question`), section (`section:<id>`) or score (`scores.<id>`)
    depends on through its expressions, for finding cycles."""

    @classmethod
    def of(cls, canvas: Canvas) -> CheckContext:
        """A fresh context for checking `canvas`."""
        return cls(
            canvas,
            CompiledCanvas(canvas),
            section_index={s.id: i for i, s in enumerate(canvas.sections)},
            score_ids=[s.id for s in canvas.evaluation.scores],
        )

    def add(
        self,
        path: DataPath,
        code: str,
        severity: Severity = "error",
        offset: int | None = None,
        **args: Any,
    ) -> None:
        """Records a finding at `path`."""
        self.findings.append(Finding(path, severity, code, args, offset))

    def errors_since(self, count: int) -> bool:
        """Whether an error was found after the first `count` findings (a warning does not stop
        what it is about from being used)."""
        return any(f.severity == "error" for f in self.findings[count:])

    def duplicates(self, ids: list[str], path: DataPath, what: str) -> None:
        """A finding for each id in `ids` that repeats an earlier one."""
        seen: set[str] = set()
        for i, ident in enumerate(ids):
            if ident in seen:
                self.add((*path, i, "id"), "duplicate_id", what=what, id=ident)
            seen.add(ident)

    def bounds(self, path: DataPath, low: float, high: float) -> None:
        """A finding unless `low` is below `high`: a scale or a bar needs room between its ends."""
        if low > high:
            self.add(path, "min_over_max", min=_plain(low), max=_plain(high))
        elif low == high:
            self.add(path, "bounds_equal", value=_plain(low))


def _plain(number: float) -> float:
    """`5` for a YAML `5` that a float field made `5.0`."""
    return int(number) if isinstance(number, float) and number.is_integer() else number
