"""Pydantic validation errors turned into problems at file lines, with plain messages."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel

from kosi_tui.core.canvas import QUESTION_TYPES
from kosi_tui.core.numbers import date_mistake
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


_DATE_ERRORS = frozenset({"date_parsing", "date_from_datetime_parsing", "date_type"})


def _value_at(data: Any, path: PathKey) -> Any:
    for segment in path:
        if isinstance(data, dict):
            data = data.get(segment)
        elif isinstance(data, list) and isinstance(segment, int) and segment < len(data):
            data = data[segment]
        else:
            return None
    return data


@cache
def _keys_by_question_type() -> dict[str, frozenset[str]]:
    """The keys each question type has, from the canvas models."""
    from kosi_tui.core.canvas import AnyQuestion

    by_type: dict[str, frozenset[str]] = {}
    for model in get_args(AnyQuestion):
        (name,) = get_args(model.model_fields["type"].annotation)
        by_type[name] = frozenset(model_keys([model]))
    return by_type


def _unknown_key(key: str, owner: Any, known_keys: tuple[str, ...]) -> tuple[str, dict[str, Any]]:
    """A key that is not allowed here: one that other question types have, or one unknown."""
    kind = owner.get("type") if isinstance(owner, dict) else None
    if kind in QUESTION_TYPES:
        having = [name for name, keys in _keys_by_question_type().items() if key in keys]
        if having:
            return "key_not_for_type", {"key": key, "type": kind, "types": ", ".join(having)}
    # A key known elsewhere is no typo: proposing it again would repeat what was refused.
    suggestion = "" if key in known_keys else closest(key, known_keys)
    return "unknown_key", {"key": key, "suggestion": suggestion}


def _is_choice(path: PathKey) -> bool:
    return len(path) >= 2 and path[-2] == "choices" and isinstance(path[-1], int)


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
        code, args = _unknown_key(key, _value_at(data, path[:-1]), known_keys)
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
    elif etype in ("model_type", "dict_type") and _is_choice(path) and isinstance(value, str):
        # Every plain text of the list would say the same: one message, at the list's start.
        code, args, mark = "choice_as_text", {}, source.find(path[:-1])
    elif etype in _DATE_ERRORS and isinstance(value, str) and (mistake := date_mistake(value)):
        code, args = mistake
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
