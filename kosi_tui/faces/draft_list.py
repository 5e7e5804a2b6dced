"""The drafts in the user's folder, with canvas, organisation, completeness and last change."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from kosi_tui.core.answers import Draft
from kosi_tui.core.session import Progress, Session
from kosi_tui.paths import drafts_dir
from kosi_tui.storage.canvas_file import LoadedCanvas
from kosi_tui.storage.draft_file import load_draft, modified
from kosi_tui.storage.kept_reads import KeptReads
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


@dataclass
class _Read:
    """One reading of a draft file, and its progress against each canvas version it was shown
    with (by the canvas file's hash)."""

    draft: Draft | None
    problem: Problem | None
    modified: dt.datetime | None
    progress: dict[str, Progress] = field(default_factory=dict)


def _read(path: Path) -> _Read:
    try:
        return _Read(load_draft(path), None, None)
    except ProblemsError as err:
        return _Read(None, err.problems[0], modified(path))


class DraftList:
    """The drafts in a folder, newest first; a file is read again only when it changed."""

    def __init__(self, folder: Path | None = None) -> None:
        self._folder = folder
        self._reads = KeptReads(_read)

    def entries(self, canvases: dict[str, LoadedCanvas]) -> list[DraftEntry]:
        """Every draft in the folder, newest first; broken files are listed with their problem."""
        folder = self._folder or drafts_dir()
        paths = (
            [p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()]
            if folder.is_dir()
            else []
        )
        self._reads.keep_only(paths)
        entries = [self._entry(path, self._reads.get(path), canvases) for path in paths]
        far_past = dt.datetime.min.replace(tzinfo=dt.UTC)
        return sorted(entries, key=lambda e: e.updated or far_past, reverse=True)

    @staticmethod
    def _entry(path: Path, read: _Read, canvases: dict[str, LoadedCanvas]) -> DraftEntry:
        draft = read.draft
        if draft is None:
            return DraftEntry(path, "", "", "", "", read.modified, None, read.problem)
        canvas = canvases.get(draft.canvas.id)
        progress = None
        if canvas is not None:
            progress = read.progress.get(canvas.sha256)
            if progress is None:
                progress = Session(canvas.compiled, draft.answers).progress()
                read.progress[canvas.sha256] = progress
        return DraftEntry(
            path,
            draft.canvas.id,
            draft.canvas.title,
            draft.organisation,
            draft.author,
            draft.updated,
            progress,
        )
