"""What kosi remembers between runs: the organisation and name given for the last new draft, so
that the next draft starts with them (one person often fills several canvases), and where drafts
were saved elsewhere (F2)."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from kosi_tui.paths import settings_file
from kosi_tui.storage.atomic import WriteError, write_atomic


def _settings() -> dict[str, object]:
    try:
        data = json.loads(settings_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def remembered_names() -> tuple[str, str]:
    """Organisation and name given last time; empty when none (or the file is unreadable)."""
    data = _settings()
    organisation, author = data.get("organisation"), data.get("author")
    return (
        organisation if isinstance(organisation, str) else "",
        author if isinstance(author, str) else "",
    )


def remember_names(organisation: str, author: str) -> None:
    """Keeps organisation and name for the next new draft; a failure costs only the convenience."""
    data = _settings()
    data.update(organisation=organisation, author=author)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    with contextlib.suppress(WriteError, OSError):
        write_atomic(settings_file(), text.encode("utf-8"), backup=False)


SAVED_ELSEWHERE = "saved_elsewhere"
KEPT_MOVES = 20
"""How many drafts saved elsewhere are remembered (the newest)."""


def remember_saved_elsewhere(original: Path, copy: Path) -> None:
    """Keeps that the draft in `original` was saved to `copy` and goes on there (F2), so that the
    start page lists the copy, also outside the drafts folder, and marks the original as old."""
    data = _settings()
    pair = {"from": str(original.absolute()), "to": str(copy.absolute())}
    earlier = [m for m in _moves(data) if m["from"] != pair["from"]]
    data[SAVED_ELSEWHERE] = [pair, *earlier][:KEPT_MOVES]
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    with contextlib.suppress(WriteError, OSError):
        write_atomic(settings_file(), text.encode("utf-8"), backup=False)


def saved_elsewhere() -> list[tuple[Path, Path]]:
    """Drafts saved elsewhere, newest first: (the old file, where work went on)."""
    return [(Path(m["from"]), Path(m["to"])) for m in _moves(_settings())]


def _moves(data: dict[str, object]) -> list[dict[str, str]]:
    """The remembered moves in the settings, those that are well-formed (the file may be edited)."""
    moves = data.get(SAVED_ELSEWHERE)
    if not isinstance(moves, list):
        return []
    return [
        {"from": m["from"], "to": m["to"]}
        for m in moves
        if isinstance(m, dict) and isinstance(m.get("from"), str) and isinstance(m.get("to"), str)
    ]
