"""Loads a canvas file and reports every problem in it as FILE:LINE:COL with a plain message."""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from kosi_tui.core import canvas as canvas_models
from kosi_tui.core.canvas import FORMAT_TAG, QUESTION_TYPES, Canvas
from kosi_tui.core.checks import Finding, check_canvas
from kosi_tui.core.compiled import CompiledCanvas
from kosi_tui.storage.problems import Problem, ProblemsError
from kosi_tui.storage.yaml_source import Mark, PathKey, SourceMap, decode, parse_yaml, read_file


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
def _all_keys() -> list[str]:
    keys: set[str] = set()
    for obj in vars(canvas_models).values():
        if isinstance(obj, type) and issubclass(obj, BaseModel):
            for name, info in obj.model_fields.items():
                keys.add(info.alias or name)
    return sorted(keys)


def _data_path(loc: tuple[int | str, ...], data: Any) -> PathKey:
    """The path into the YAML data for a Pydantic error location (dropping union tags)."""
    path: list[str | int] = []
    node = data
    for segment in loc:
        if segment == "[key]":
            continue
        if isinstance(node, dict) and segment not in node and node.get("type") == segment:
            continue
        # dict[int, ...] keys arrive as text in locations
        if (
            isinstance(node, dict)
            and isinstance(segment, str)
            and segment not in node
            and segment.lstrip("-").isdigit()
            and int(segment) in node
        ):
            segment = int(segment)
        path.append(segment)
        if isinstance(node, dict):
            node = node.get(segment)
        elif isinstance(node, list) and isinstance(segment, int) and segment < len(node):
            node = node[segment]
        else:
            node = None
    return tuple(path)


def _pattern_code(path: PathKey) -> str:
    last = next((p for p in reversed(path) if isinstance(p, str)), "")
    if last == "version":
        return "bad_version"
    if last == "languages" or (len(path) >= 2 and path[-2] == "languages"):
        return "bad_lang"
    if "choices" in path and last == "id":
        return "bad_choice_id"
    return "bad_ident"


_SIMPLE = {
    "int_type": "int_type", "int_parsing": "int_type", "int_from_float": "int_type",
    "float_type": "float_type", "float_parsing": "float_type",
    "bool_type": "bool_type", "bool_parsing": "bool_type",
    "date_type": "date_type", "date_parsing": "date_type", "date_from_datetime_inexact": "date_type",
    "date_from_datetime_parsing": "date_type",
    "list_type": "list_type", "dict_type": "dict_type", "model_type": "dict_type",
    "model_attributes_type": "dict_type",
    "rule_kind": "rule_kind", "column_choices_missing": "column_choices_missing",
    "column_choices_extra": "column_choices_extra",
}  # fmt: skip


def _problem_for(err: Any, data: Any, source: SourceMap, file: Path) -> Problem:
    etype: str = err["type"]
    ctx: dict[str, Any] = err.get("ctx") or {}
    path = _data_path(tuple(err["loc"]), data)
    mark = source.find(path)
    code, args = "invalid", {"detail": err.get("msg", etype)}
    value = err.get("input")
    if etype == "missing":
        code, args = "missing", {"field": path[-1] if path else "?"}
        mark = source.find(path[:-1])
    elif etype == "extra_forbidden":
        key = str(path[-1]) if path else "?"
        mark = source.find(path, at_key=True)
        code, args = "unknown_key", {"key": key, "suggestion": _suggest(key, _all_keys())}
    elif etype == "union_tag_invalid":
        found = str(ctx.get("tag", "?"))
        mark = source.find((*path, "type"))
        code, args = (
            "unknown_type",
            {
                "found": found,
                "expected": ", ".join(QUESTION_TYPES),
                "suggestion": _suggest(found, list(QUESTION_TYPES)),
            },
        )
    elif etype == "union_tag_not_found":
        code, args = "type_missing", {"expected": ", ".join(QUESTION_TYPES)}
    elif etype == "string_pattern_mismatch":
        code, args = _pattern_code(path), {"value": value}
    elif etype in ("string_type", "text_type"):
        code, args, mark = _text_problem(etype, value, path, source, mark)
    elif etype == "too_short":
        code, args = "too_short", {"min": ctx.get("min_length", 1)}
    elif etype == "string_too_long":
        code, args = "too_long", {"max": ctx.get("max_length", "?")}
    elif etype in ("greater_than_equal", "greater_than"):
        code, args = "too_small", {"min": ctx.get("ge", ctx.get("gt"))}
    elif etype in ("less_than_equal", "less_than"):
        code, args = "too_big", {"max": ctx.get("le", ctx.get("lt"))}
    elif etype == "literal_error":
        if path == ("format",):
            code, args = "format_unknown", {"found": value}
        else:
            code, args = "literal_error", {"expected": ctx.get("expected", "?")}
    elif etype in _SIMPLE:
        code, args = _SIMPLE[etype], {}
    return Problem(file, mark.line, mark.col, "error", code, args)


def _text_problem(
    etype: str, value: Any, path: PathKey, source: SourceMap, mark: Mark
) -> tuple[str, dict[str, Any], Mark]:
    """Explains why a text is not a text: YAML read it as yes/no, date or number, or a comma split it."""
    at, bad = mark, value
    if isinstance(value, dict):
        for key, item in value.items():
            if item is None:
                return "text_comma", {"key": key}, source.find((*path, key), at_key=True)
            if not isinstance(item, str):
                at, bad = source.find((*path, key)), item
                break
    if isinstance(bad, bool) and at.raw is not None:
        return "yaml_bool_text", {"value": at.raw}, at
    if bad is not None and not isinstance(bad, str | dict | list) and at.raw is not None:
        return "yaml_not_text", {"value": at.raw}, at
    return etype, {}, mark


def _suggest(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return close[0] if close else ""


def _finding_problem(finding: Finding, source: SourceMap, file: Path) -> Problem:
    if finding.offset is not None:
        line, col = source.expression_col(finding.path, finding.offset)
    else:
        mark = source.find(finding.path)
        line, col = mark.line, mark.col
    if finding.severity == "warning":
        return Problem(file, line, col, "warning", finding.code, finding.args)
    return Problem(file, line, col, "error", finding.code, finding.args)


def canvas_from_data(
    data: Any, source: SourceMap, file: Path
) -> tuple[CompiledCanvas, list[Problem]]:
    """Validates parsed YAML data as a canvas; raises `ProblemsError` when it has errors."""
    if not isinstance(data, dict):
        raise ProblemsError([Problem(file, 1, 1, "error", "not_a_mapping", {})])
    if "format" not in data:
        raise ProblemsError([Problem(file, 1, 1, "error", "format_missing", {})])
    if data["format"] != FORMAT_TAG:
        mark = source.find(("format",))
        raise ProblemsError(
            [
                Problem(
                    file, mark.line, mark.col, "error", "format_unknown", {"found": data["format"]}
                )
            ]
        )
    try:
        canvas = Canvas.model_validate(data)
    except ValidationError as err:
        problems = [_problem_for(e, data, source, file) for e in err.errors()]
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


def load_canvas(file: Path) -> LoadedCanvas:
    """The checked canvas in `file`; raises `ProblemsError` listing every error found."""
    raw = read_file(file)
    data, source = parse_yaml(file, decode(file, raw))
    compiled, warnings = canvas_from_data(data, source, file)
    return LoadedCanvas(file, compiled, warnings, hashlib.sha256(raw).hexdigest())


__all__ = ["LoadedCanvas", "canvas_from_data", "load_canvas"]
