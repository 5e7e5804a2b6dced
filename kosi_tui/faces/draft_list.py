"""The drafts in the user's folder, with canvas, organisation, completeness and last change."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from kosi_tui.core.session import Progress, Session
from kosi_tui.paths import drafts_dir
from kosi_tui.storage.canvas_file import LoadedCanvas
from kosi_tui.storage.draft_file import load_draft, modified
from kosi_tui.storage.problems import Problem, ProblemsError


@dataclass(frozen=True)
class DraftEntry:
    """One draft file: what it is, how far it is, or what is wrong with it."""

    path: Path
    canvas_id: str
    canvas_title: str
    organisation: str
    author: str
    updated: dt.datetime | None
    progress: Progress | None
    problem: Problem | None = None


def list_drafts(canvases: dict[str, LoadedCanvas], folder: Path | None = None) -> list[DraftEntry]:
    """Every draft in the folder, newest first; broken files are listed with their problem."""
    folder = folder or drafts_dir()
    if not folder.is_dir():
        return []
    entries: list[DraftEntry] = []
    for path in folder.iterdir():
        if path.suffix not in (".yaml", ".yml") or not path.is_file():
            continue
        try:
            draft = load_draft(path)
        except ProblemsError as err:
            entries.append(DraftEntry(path, "", "", "", "", modified(path), None, err.problems[0]))
            continue
        canvas = canvases.get(draft.canvas.id)
        progress = Session(canvas.compiled, draft.answers).progress() if canvas else None
        entries.append(
            DraftEntry(
                path,
                draft.canvas.id,
                draft.canvas.title,
                draft.organisation,
                draft.author,
                draft.updated,
                progress,
            )
        )
    far_past = dt.datetime.min.replace(tzinfo=dt.UTC)
    return sorted(entries, key=lambda e: e.updated or far_past, reverse=True)
