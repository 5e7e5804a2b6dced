"""The JSON Schema of the canvas format, generated from the Pydantic models."""

from __future__ import annotations

from typing import Any

from kosi_tui.core.canvas import Canvas

SCHEMA_ID = "https://kosi-tui.invalid/schema/kosi-canvas-1.json"


def canvas_schema() -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) that editors can use to check and complete canvas files."""
    schema = Canvas.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }
