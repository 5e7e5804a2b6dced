"""The JSON Schema of the canvas format, generated from the Pydantic models, and its local copy
that editors read (no network: the `$id` is the file's own address)."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from kosi_tui.core.canvas import KINDS, Canvas
from kosi_tui.paths import user_home
from kosi_tui.storage import schema_texts_de, schema_texts_en
from kosi_tui.storage.atomic import write_atomic

SCHEMA_NAME = "kosi-canvas-1"


def schema_file(lang: str) -> Path:
    """Where kosi keeps the schema in a language for editors: in the user folder."""
    return (user_home() / "schema" / f"{SCHEMA_NAME}.{lang}.json").absolute()


TEXTS = {"de": schema_texts_de, "en": schema_texts_en}
"""The descriptions, one module per language; a language without its own gets the English."""

QUESTION_TYPES = frozenset(model.__name__ for model in KINDS.values())
"""The question kinds' type names: a field they do not describe themselves is `Question.field`."""

ROOT = "Canvas"

_SUBSCHEMAS = ("items", "additionalProperties", "propertyNames", "not", "contains")
_SUBSCHEMA_LISTS = ("anyOf", "oneOf", "allOf", "prefixItems")


def canvas_schema(lang: str = "en") -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) that editors can use to check and complete canvas files,
    every type and property described in `lang`; its `$id` is the local file `write_schema`
    keeps it in."""
    schema = Canvas.model_json_schema(by_alias=True, mode="validation")
    texts = TEXTS.get(lang, schema_texts_en)
    for name, node in types(schema):
        _describe(name, node, texts)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_file(lang).as_uri(),
        **schema,
    }


def types(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The schema's object types by name: the canvas itself and every definition."""
    return [(ROOT, schema), *schema.get("$defs", {}).items()]


def text_key(type_name: str, prop: str, described: dict[str, str]) -> str:
    """Where a property's description is kept: `Type.prop`, else for a question kind
    `Question.prop`."""
    own = f"{type_name}.{prop}"
    if own in described or type_name not in QUESTION_TYPES:
        return own
    return f"Question.{prop}"


def _describe(name: str, node: dict[str, Any], texts: Any) -> None:
    """Puts the language's descriptions on a type and its properties; the generated English
    titles and texts inside a property go (the property's own description says it)."""
    described: dict[str, str] = texts.PROPERTIES
    node.pop("title", None)
    if name in texts.TYPES:
        node["description"] = texts.TYPES[name]
    for prop, sub in node.get("properties", {}).items():
        _quiet(sub, texts.TEXT)
        key = text_key(name, prop, described)
        if key in described:
            sub["description"] = described[key]
        if key in texts.EXAMPLES:
            sub["examples"] = texts.EXAMPLES[key]


def _quiet(node: Any, text: str) -> None:
    """Removes generated titles and descriptions from a property's schema and what it nests;
    a text in several languages nested inside (the labels of a scale) is explained as such
    (references to other types are left: those are described where they are defined)."""
    if not isinstance(node, dict):
        return
    node.pop("title", None)
    if node.pop("description", None) is not None and "anyOf" in node:
        node["description"] = text
    for key in _SUBSCHEMAS:
        _quiet(node.get(key), text)
    for key in _SUBSCHEMA_LISTS:
        for sub in node.get(key, []):
            _quiet(sub, text)


def schema_text(lang: str) -> str:
    """The schema as the file holds it."""
    return json.dumps(canvas_schema(lang), indent=2, ensure_ascii=False) + "\n"


def write_schema(lang: str) -> Path:
    """Writes the schema to `schema_file(lang)` (atomically, only when it changed: an editor
    watching it is not disturbed); raises `WriteError`."""
    path = schema_file(lang)
    data = schema_text(lang).encode("utf-8")
    try:
        if path.read_bytes() == data:
            return path
    except OSError:
        pass
    with contextlib.suppress(OSError):  # if it fails, writing says why
        path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, data, backup=False)
    return path
