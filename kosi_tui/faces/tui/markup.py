"""Showing people's and canvas authors' text in Textual widgets exactly as it was written."""

from __future__ import annotations


def as_typed(text: str) -> str:
    """Text shown as typed, never read as Textual markup (`[b]` stays `[b]`)."""
    return text.replace("[", r"\[")
