"""The Pydantic type of texts in canvases: a plain string or a `{lang: text}` mapping."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

LANG_PATTERN = r"^[a-z]{2}$"


def _check_text(value: Any) -> str | dict[str, str]:
    if isinstance(value, str):
        return value
    if (
        isinstance(value, dict)
        and value
        and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())
    ):
        return dict(value)
    raise PydanticCustomError("text_type", "expected a text or a mapping of language to text")


Text = Annotated[
    str | dict[str, str],
    BeforeValidator(_check_text),
    PlainSerializer(lambda v: v),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string"},
                {
                    "type": "object",
                    "propertyNames": {"pattern": LANG_PATTERN},
                    "additionalProperties": {"type": "string"},
                    "minProperties": 1,
                },
            ],
            "description": "A text: plain (for every language) or {de: ..., en: ...}",
        }
    ),
]
"""A text shown to people; plain strings count for every language."""
