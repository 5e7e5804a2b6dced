"""The JSON Schema of the canvas format, generated from the Pydantic models, and its local copy
that editors read (no network: the `$id` is the file's own address)."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from kosi_tui.core.canvas import Canvas
from kosi_tui.paths import user_home
from kosi_tui.storage.atomic import write_atomic

SCHEMA_NAME = "kosi-canvas-1"


def schema_file(lang: str) -> Path:
    """Where kosi keeps the schema in a language for editors: in the user folder."""
    return (user_home() / "schema" / f"{SCHEMA_NAME}.{lang}.json").absolute()


def canvas_schema(lang: str = "en") -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) that editors can use to check and complete canvas files;
    its `$id` is the local file `write_schema` keeps it in."""
    schema = Canvas.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_file(lang).as_uri(),
        **schema,
    }


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
