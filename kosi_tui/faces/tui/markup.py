"""Showing people's and canvas authors' text in Textual widgets exactly as it was written."""

from __future__ import annotations

from pathlib import Path

from kosi_tui.core.visible_text import for_terminal


def as_typed(text: str) -> str:
    """Text shown as typed: never read as Textual markup (`[b]` stays `[b]`), and control
    characters shown visibly (`\\x1b`) instead of reaching the terminal."""
    return for_terminal(text).replace("[", r"\[")


def shown_path(path: Path) -> str:
    """A path as people read it: under their home folder as `~/…`; shown as typed."""
    try:
        inside = path.relative_to(Path.home())
    except ValueError:
        return as_typed(str(path))
    # The home folder itself is "~", not "~/." ("entwurf.yaml in ~/.").
    return as_typed("~" if inside == Path() else f"~/{inside}")
