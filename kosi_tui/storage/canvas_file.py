"""Loads a canvas file and reports every problem in it as FILE:LINE:COL with a plain message."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kosi_tui.core.canvas import Canvas
from kosi_tui.core.compiled import CompiledCanvas
from kosi_tui.storage import canvas_cache
from kosi_tui.storage.problems import Problem, ProblemsError
from kosi_tui.storage.yaml_source import decode, read_file

if TYPE_CHECKING:
    from kosi_tui.core.findings import Finding
    from kosi_tui.storage.yaml_source import SourceMap


@dataclass(frozen=True)
class LoadedCanvas:
    """A checked canvas, its warnings, and the fingerprint of the file it came from."""

    path: Path
    compiled: CompiledCanvas
    warnings: list[Problem]
    sha256: str

    @property
    def canvas(self) -> Canvas:
        """The canvas model."""
        return self.compiled.canvas


@cache
def _all_keys() -> tuple[str, ...]:
    from kosi_tui.core import canvas as canvas_models
    from kosi_tui.storage.pydantic_problems import model_keys

    return model_keys(vars(canvas_models).values())


def _finding_problem(finding: Finding, source: SourceMap, file: Path) -> Problem:
    if finding.offset is not None:
        line, col = source.expression_col(finding.path, finding.offset)
    else:
        mark = source.find(finding.path)
        line, col = mark.line, mark.col
    return Problem(file, line, col, finding.severity, finding.code, finding.args)


def canvas_from_data(
    data: Any, source: SourceMap, file: Path
) -> tuple[CompiledCanvas, list[Problem]]:
    """Validates parsed YAML data as a canvas; raises `ProblemsError` when it has errors."""
    # Imported here: with the canvas cache, opening a draft needs none of this.
    from pydantic import ValidationError

    from kosi_tui.core.canvas import FORMAT_TAG
    from kosi_tui.core.checks import check_canvas
    from kosi_tui.storage.pydantic_problems import problem_for

    if not isinstance(data, dict):
        raise ProblemsError.one(file, "not_a_mapping")
    if "format" not in data:
        raise ProblemsError.one(file, "format_missing")
    if data["format"] != FORMAT_TAG:
        mark = source.find(("format",))
        raise ProblemsError.one(
            file, "format_unknown", {"found": data["format"]}, mark.line, mark.col
        )
    try:
        canvas = Canvas.model_validate(data)
    except ValidationError as err:
        problems = [problem_for(e, data, source, file, _all_keys()) for e in err.errors()]
        raise ProblemsError(_sorted(problems)) from None
    compiled, findings = check_canvas(canvas)
    problems = _sorted([_finding_problem(f, source, file) for f in findings])
    if any(p.severity == "error" for p in problems):
        raise ProblemsError(problems)
    return compiled, problems


def _sorted(problems: list[Problem]) -> list[Problem]:
    seen: dict[tuple[int, int, str, str], Problem] = {}
    for p in problems:
        seen.setdefault((p.line, p.col, p.code, repr(sorted(p.args.items()))), p)
    return sorted(seen.values(), key=lambda p: (p.line, p.col))


_LOADED: dict[tuple[str, str], LoadedCanvas] = {}
"""Canvases already checked in this process, by path and content hash: the home screen, the
drafts list and opening a draft all need the same canvas, and checking it is the costly part."""


def load_canvas(file: Path) -> LoadedCanvas:
    """The checked canvas in `file`; raises `ProblemsError` listing every error found."""
    raw = read_file(file)
    sha = hashlib.sha256(raw).hexdigest()
    key = (str(file.resolve()), sha)
    cached = _LOADED.get(key)
    if cached is None and file.suffix.lower() == ".xlsx":
        loaded = _LOADED[key] = LoadedCanvas(file, *_from_workbook(file, raw), sha)
        return loaded
    if cached is not None:
        return (
            cached
            if cached.path == file
            else LoadedCanvas(file, cached.compiled, cached.warnings, sha)
        )
    stored = canvas_cache.get(sha, file)
    if stored is not None:
        compiled, warnings = stored
    else:
        from kosi_tui.storage.yaml_source import parse_yaml

        data, source = parse_yaml(file, decode(file, raw))
        compiled, warnings = canvas_from_data(data, source, file)
        canvas_cache.put(sha, compiled, warnings)
    loaded = _LOADED[key] = LoadedCanvas(file, compiled, warnings, sha)
    return loaded


def _from_workbook(file: Path, raw: bytes) -> tuple[CompiledCanvas, list[Problem]]:
    """A canvas written as a workbook (`kosi export --xlsx`), its problems at their cells.

    Not kept in the canvas cache: the cache points warnings at a file, not at a sheet's cell."""
    from kosi_tui.exchange.canvas_xlsx import read_canvas_workbook

    data, source, place, warnings = read_canvas_workbook(file, raw)
    try:
        compiled, problems = canvas_from_data(data, source, file)
    except ProblemsError as err:
        raise ProblemsError([place(p) for p in err.problems]) from None
    return compiled, [*warnings, *(place(p) for p in problems)]


__all__ = ["LoadedCanvas", "canvas_from_data", "load_canvas"]
