"""The drafts in the user's folder, with canvas, organisation, completeness and last change.

Also the drafts saved elsewhere with F2 (remembered in the settings), each old file marked as
such, and conflict copies (`NAME.konflikt-DATE.yaml`) right under the draft they belong to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from kosi_tui.core.answers import Draft
from kosi_tui.core.progress import RequiredCount
from kosi_tui.core.session import Session
from kosi_tui.faces.remembered import saved_elsewhere
from kosi_tui.paths import drafts_dir
from kosi_tui.storage.canvas_file import LoadedCanvas
from kosi_tui.storage.draft_file import CONFLICT_MARK, is_conflict_copy, load_draft, modified
from kosi_tui.storage.kept_reads import KeptReads
from kosi_tui.storage.listing_cache import DraftCard
from kosi_tui.storage.problems import Problem, ProblemsError


@dataclass
class _Read:
    """One reading of a draft file, and its progress against each canvas version it was shown
    with (by the canvas file's hash)."""

    draft: Draft | None
    problem: Problem | None
    modified: dt.datetime | None
    progress: dict[str, RequiredCount] = field(default_factory=dict)


def _read(path: Path) -> _Read:
    try:
        return _Read(load_draft(path), None, None)
    except ProblemsError as err:
        return _Read(None, err.problems[0], modified(path))


Moves = Callable[[], list[tuple[Path, Path]]]


def owner_of(copy: Path) -> Path:
    """The draft a conflict copy belongs to: `NAME.konflikt-DATE.yaml` belongs to `NAME.yaml`."""
    return copy.with_name(copy.name.split(CONFLICT_MARK)[0] + copy.suffix)


class DraftList:
    """The drafts in a folder, newest first; a file is read again only when it changed."""

    def __init__(self, folder: Path | None = None, moves: Moves = saved_elsewhere) -> None:
        self._folder = folder
        self._moves = moves
        self._reads = KeptReads(_read)

    def entries(self, canvases: dict[str, LoadedCanvas]) -> list[DraftCard]:
        """Every draft in the folder and every one saved elsewhere, newest first, a conflict copy
        under its draft; broken files are listed with their problem."""
        folder = (self._folder or drafts_dir()).absolute()
        paths = (
            [p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()]
            if folder.is_dir()
            else []
        )
        moved_to: dict[Path, Path] = {}
        for original, copy in self._moves():
            if copy.is_file() and copy != original:
                moved_to.setdefault(original, copy)
                if copy not in paths:
                    paths.append(copy)
        self._reads.keep_only(paths)
        entries = [self._entry(path, self._reads.get(path), canvases) for path in paths]
        by_path = {e.path: e for e in entries}
        entries = [self._marked(e, by_path, moved_to) for e in entries]
        far_past = dt.datetime.min.replace(tzinfo=dt.UTC)
        newest_first = sorted(entries, key=lambda e: e.updated or far_past, reverse=True)
        listed: list[DraftCard] = []
        for entry in newest_first:
            if entry.conflict_of is None:
                listed.append(entry)
                listed += [e for e in newest_first if e.conflict_of == entry.path]
        return listed

    @staticmethod
    def _marked(
        entry: DraftCard, by_path: dict[Path, DraftCard], moved_to: dict[Path, Path]
    ) -> DraftCard:
        if is_conflict_copy(entry.path) and owner_of(entry.path) in by_path:
            return replace(entry, conflict_of=owner_of(entry.path))
        copy = by_path.get(moved_to.get(entry.path, entry.path))
        if copy is None or copy is entry:
            return entry
        # Old only while the copy is newer: work may have gone on in the old file after all.
        if entry.updated is None or copy.updated is None or copy.updated >= entry.updated:
            return replace(entry, moved_to=copy.path)
        return entry

    @staticmethod
    def _entry(path: Path, read: _Read, canvases: dict[str, LoadedCanvas]) -> DraftCard:
        draft = read.draft
        if draft is None:
            return DraftCard(path, "", "", "", "", read.modified, None, read.problem)
        canvas = canvases.get(draft.canvas.id)
        progress = None
        if canvas is not None:
            progress = read.progress.get(canvas.sha256)
            if progress is None:
                counted = Session(canvas.compiled, draft.answers).progress()
                progress = RequiredCount(
                    counted.required_answered, counted.required_total, counted.added
                )
                read.progress[canvas.sha256] = progress
        return DraftCard(
            path,
            draft.canvas.id,
            draft.canvas.title,
            draft.organisation,
            draft.author,
            draft.updated,
            progress,
        )
