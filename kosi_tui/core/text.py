"""Texts in several languages: a plain string (language-neutral) or a `{lang: text}` mapping.

Picking the language needs no Pydantic, so screens shown before the engine has loaded use this
too; the Pydantic type of such texts is in `text_type.py`.
"""

from __future__ import annotations


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
