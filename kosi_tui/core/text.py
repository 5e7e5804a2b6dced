"""Texts in several languages: a plain string (language-neutral) or a `{lang: text}` mapping."""

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


def localize(text: str | dict[str, str] | None, lang: str, fallback: str = "de") -> str:
    """The text in `lang`, else in `fallback`, else in any language it has."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    if lang in text:
        return text[lang]
    if fallback in text:
        return text[fallback]
    return next(iter(text.values()), "")


def missing_languages(text: str | dict[str, str] | None, languages: list[str]) -> list[str]:
    """The declared languages a mapping lacks; plain strings lack none."""
    if text is None or isinstance(text, str):
        return []
    return [lang for lang in languages if not text.get(lang, "").strip()]
