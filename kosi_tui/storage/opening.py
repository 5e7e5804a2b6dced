"""Opening a draft together with its canvas: find the canvas by id, load both, migrate."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kosi_tui.core.answers import Draft
from kosi_tui.core.migration import MigrationReport, migrate
from kosi_tui.storage.canvas_file import LoadedCanvas, load_canvas
from kosi_tui.storage.draft_file import read_draft
from kosi_tui.storage.locate import canvas_by_id
from kosi_tui.storage.problems import ProblemsError


@dataclass
class OpenedDraft:
    """A draft, the canvas it belongs to, and what changed since the draft was saved."""

    path: Path
    draft: Draft
    canvas: LoadedCanvas
    migration: MigrationReport
    raw: bytes
    """The file's bytes as read, so a later save can tell whether someone changed it."""


def open_draft(path: Path, canvas_path: Path | None = None) -> OpenedDraft:
    """Loads a draft and its canvas; raises `ProblemsError` naming whichever file is at fault."""
    draft, raw = read_draft(path)
    located = canvas_path or canvas_by_id(draft.canvas.id)
    if located is None or not located.exists():
        raise ProblemsError.one(path, "canvas_not_found", {"id": draft.canvas.id})
    canvas = load_canvas(located)
    if canvas.canvas.id != draft.canvas.id:
        raise ProblemsError.one(
            path,
            "canvas_mismatch",
            {"id": draft.canvas.id, "other": canvas.canvas.id, "canvas": str(located)},
        )
    report = migrate(draft, canvas.compiled, canvas.sha256)
    return OpenedDraft(path, draft, canvas, report, raw)
