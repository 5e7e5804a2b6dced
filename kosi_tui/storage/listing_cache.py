"""What the start page last showed of the canvases and drafts, kept on disk, so that the next
start can list them before the canvas engine (Pydantic, PyYAML) is even imported.

The listing is used only while every file it was read from (canvases, drafts, the settings that
name drafts saved elsewhere) has the size, modification time and inode it had then (as
`kept_reads` trusts), and only by a kosi of the same version. The page reads every
file properly right after showing the cards and shows what differs, so a card is never what
anyone acts on; it is shown for the fraction of a second the reading takes. The file is JSON in
the user's own cache folder: nothing in it runs, and one that cannot be read is only a miss.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import kosi_tui
from kosi_tui.core.progress import RequiredCount
from kosi_tui.paths import cache_dir
from kosi_tui.storage.kept_reads import FileState
from kosi_tui.storage.problems import Problem

FORMAT = 1
"""Raised whenever the cards change shape; older files are then ignored."""


@dataclass(frozen=True)
class CanvasCard:
    """A canvas as the start page lists it."""

    path: Path
    id: str
    title: str | dict[str, str] | None
    """None for a canvas that could not be loaded (its problems are shown when it is chosen)."""
    description: str | dict[str, str] | None
    minutes: int | None
    shown: int
    """The questions a new draft of it shows (`progress.canvas_counts`)."""
    most: int
    """The most questions its answers may bring."""


@dataclass(frozen=True)
class DraftCard:
    """A draft as the lists show it (the start page, the browser form's own drafts): what it is,
    how far it is, or what is wrong with it; read from the file (`faces/draft_list.py`) or kept
    from the last reading."""

    path: Path
    canvas_id: str
    canvas_title: str
    organisation: str
    author: str
    updated: dt.datetime | None
    progress: RequiredCount | None
    """None when its canvas is not there."""
    problem: Problem | None = None
    """What keeps the draft from being read (such a draft gets no card on disk)."""
    conflict_of: Path | None = None
    """For a conflict copy: the draft it belongs to."""
    moved_to: Path | None = None
    """For a draft saved elsewhere since: where work went on."""


def _file() -> Path:
    return cache_dir() / "start-page.json"


def _state(value: Any) -> FileState:
    mtime_ns, size, inode = value
    return FileState(int(mtime_ns), int(size), int(inode))


def _text(value: Any) -> str | dict[str, str] | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        return dict(value)
    raise ValueError("not a text")


def _optional_int(value: Any) -> int | None:
    return None if value is None else int(value)


def _canvas_card(path: Path, data: dict[str, Any]) -> CanvasCard:
    return CanvasCard(
        path,
        str(data["id"]),
        _text(data["title"]),
        _text(data["description"]),
        _optional_int(data["minutes"]),
        int(data["shown"]),
        int(data["most"]),
    )


def _draft_card(path: Path, data: dict[str, Any]) -> DraftCard:
    updated = data["updated"]
    progress = data["progress"]
    conflict_of, moved_to = data["conflict_of"], data["moved_to"]
    return DraftCard(
        path,
        str(data["canvas_id"]),
        str(data["canvas_title"]),
        str(data["organisation"]),
        str(data["author"]),
        None if updated is None else dt.datetime.fromisoformat(str(updated)),
        None if progress is None else RequiredCount(*(int(n) for n in progress[:3])),
        None,
        None if conflict_of is None else Path(str(conflict_of)),
        None if moved_to is None else Path(str(moved_to)),
    )


@dataclass
class Kept:
    """One listing with the state of every file it was read from."""

    with_drafts: bool
    inputs: dict[Path, FileState | None]
    canvases: list[CanvasCard]
    drafts: list[DraftCard]


def read() -> Kept | None:
    """The kept listing; None when the file is missing, damaged or from another kosi."""
    try:
        data = json.loads(_file().read_bytes())
    except (OSError, ValueError):
        return None
    try:
        if data["format"] != FORMAT or data["kosi"] != kosi_tui.__version__:
            return None
        return Kept(
            bool(data["with_drafts"]),
            {
                Path(path): None if state is None else _state(state)
                for path, state in data["inputs"]
            },
            [_canvas_card(Path(item["path"]), item) for item in data["canvases"]],
            [_draft_card(Path(item["path"]), item) for item in data["drafts"]],
        )
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return None


def _state_data(state: FileState | None) -> list[int] | None:
    return None if state is None else [state.mtime_ns, state.size, state.inode]


def _path(path: Path | None) -> str | None:
    return None if path is None else str(path)


def write(kept: Kept) -> None:
    """Keeps the listing; a folder that cannot be written is no error (the next start is slower).

    A listing with a draft that could not be read is not kept (its problem is not plain data).
    """
    if any(d.problem is not None for d in kept.drafts):
        return
    data = {
        "format": FORMAT,
        "kosi": kosi_tui.__version__,
        "with_drafts": kept.with_drafts,
        "inputs": [[str(path), _state_data(state)] for path, state in kept.inputs.items()],
        "canvases": [
            {
                "path": str(card.path),
                "id": card.id,
                "title": card.title,
                "description": card.description,
                "minutes": card.minutes,
                "shown": card.shown,
                "most": card.most,
            }
            for card in kept.canvases
        ],
        "drafts": [
            {
                "path": str(card.path),
                "canvas_id": card.canvas_id,
                "canvas_title": card.canvas_title,
                "organisation": card.organisation,
                "author": card.author,
                "updated": None if card.updated is None else card.updated.isoformat(),
                "progress": None
                if card.progress is None
                else [
                    card.progress.required_answered,
                    card.progress.required_total,
                    card.progress.added,
                ],
                "conflict_of": _path(card.conflict_of),
                "moved_to": _path(card.moved_to),
            }
            for card in kept.drafts
        ],
    }
    file = _file()
    with contextlib.suppress(OSError):
        file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temp = tempfile.mkstemp(dir=file.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False)
            os.replace(temp, file)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temp)
