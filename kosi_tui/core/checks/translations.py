"""Every text in every declared language, and no language that is not declared (warnings)."""

from __future__ import annotations

from typing import Any

from kosi_tui.core.checks.context import CheckContext
from kosi_tui.core.findings import DataPath
from kosi_tui.core.text import missing_languages

_TEXT_KEYS = frozenset(
    {
        "title",
        "intro",
        "label",
        "help",
        "example",
        "guidance",
        "message",
        "step",
        "explain",
        "description",
        "unit",
        "placeholder",
        "observation",
        "question",
        # The group's roles, rounds and run sheet.
        "name",
        "short",
        "who",
        "interests",
        "resources",
        "constraints",
        "walk_away",
        "private",
        "task",
        "what",
    }
)
"""The keys whose values are texts for people, written in each language of the canvas."""


def check_translations(ctx: CheckContext) -> None:
    """A warning for each text that lacks a declared language or has an undeclared one."""
    langs = ctx.canvas.languages
    _walk(ctx, ctx.canvas.model_dump(by_alias=True, exclude_none=True), (), langs)


def _walk(ctx: CheckContext, data: Any, path: DataPath, langs: list[str]) -> None:
    if isinstance(data, dict):
        for key, value in data.items():
            if (
                key in _TEXT_KEYS
                and isinstance(value, dict)
                and all(isinstance(v, str) for v in value.values())
            ):
                _text_langs(ctx, value, (*path, key), langs)
            elif key == "debrief" and isinstance(value, list):
                for i, text in enumerate(value):
                    _text_langs(ctx, text, (*path, key, i), langs)
            elif key == "labels" and isinstance(value, dict):
                for point, text in value.items():
                    _text_langs(ctx, text, (*path, key, point), langs)
            else:
                _walk(ctx, value, (*path, key), langs)
    elif isinstance(data, list):
        for i, item in enumerate(data):
            _walk(ctx, item, (*path, i), langs)


def _text_langs(ctx: CheckContext, text: Any, path: DataPath, langs: list[str]) -> None:
    if isinstance(text, dict):
        for lang in text:
            if lang not in langs:
                ctx.add(
                    (*path, lang),
                    "undeclared_language",
                    lang=lang,
                    languages=", ".join(langs),
                    severity="warning",
                )
    missing = missing_languages(text, langs)
    if missing:
        ctx.add(path, "missing_translation", severity="warning", languages=", ".join(missing))
