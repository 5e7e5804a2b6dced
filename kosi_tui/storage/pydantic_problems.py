"""Pydantic validation errors turned into problems at file lines, with plain messages."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from kosi_tui.core.canvas import QUESTION_TYPES
from kosi_tui.core.suggest import closest
from kosi_tui.storage.problems import Problem
from kosi_tui.storage.yaml_source import Mark, PathKey, SourceMap


def model_keys(objects: Iterable[object]) -> tuple[str, ...]:
    """Every field name (or alias) of the Pydantic models among `objects`, for "did you mean"."""
    keys: set[str] = set()
    for obj in objects:
        if isinstance(obj, type) and issubclass(obj, BaseModel):
            for name, info in obj.model_fields.items():
                keys.add(info.alias or name)
    return tuple(sorted(keys))


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
    "datetime_type": "datetime_type", "datetime_parsing": "datetime_type",
    "datetime_from_date_parsing": "datetime_type", "timezone_aware": "datetime_type",
    "string_too_short": "text_empty",
    "list_type": "list_type", "dict_type": "dict_type", "model_type": "dict_type",
    "model_attributes_type": "dict_type",
    "rule_kind": "rule_kind", "column_choices_missing": "column_choices_missing",
    "column_choices_extra": "column_choices_extra",
}  # fmt: skip


def problem_for(
    err: Any, data: Any, source: SourceMap, file: Path, known_keys: tuple[str, ...]
) -> Problem:
    """A Pydantic validation error as a problem at the right line, in our own words."""
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
        code, args = "unknown_key", {"key": key, "suggestion": closest(key, known_keys)}
    elif etype == "union_tag_invalid":
        found = str(ctx.get("tag", "?"))
        mark = source.find((*path, "type"))
        code, args = (
            "unknown_type",
            {
                "found": found,
                "expected": ", ".join(QUESTION_TYPES),
                "suggestion": closest(found, QUESTION_TYPES),
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
