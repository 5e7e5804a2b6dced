"""Collects a workshop's drafts: expands folders, groups by canvas, skips the rest."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from kosi_tui.core.answers import Draft
from kosi_tui.core.migration import migrate
from kosi_tui.i18n import t
from kosi_tui.report.workshop import Workshop, add_participant, failure_reason, skip
from kosi_tui.storage.canvas_file import LoadedCanvas, load_canvas
from kosi_tui.storage.draft_file import is_conflict_copy, load_draft
from kosi_tui.storage.locate import canvas_by_id
from kosi_tui.storage.problems import Problem, ProblemsError


def draft_files(paths: list[Path]) -> list[Path]:
    """The files named, and the YAML files in the folders named, sorted.

    Backups and the copies kept when answers conflicted are left out of folders: they are the
    same person's draft again, and would count them twice.
    """
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.suffix in (".yaml", ".yml") and p.is_file() and not is_conflict_copy(p)
                )
            )
        else:
            files.append(path)
    return files


def collect_workshop(paths: list[Path], lang: str, canvas_path: Path | None = None) -> Workshop:
    """Loads every draft; the most common canvas wins, other files are skipped with a reason.

    Drafts of an older version of that canvas are taken into its installed version, as `kosi
    report` takes them: a workshop whose participants started on different days is one workshop.

    Raises `ProblemsError` when no draft can be read or the canvas cannot be found.
    """
    loaded: list[tuple[Path, Draft]] = []
    broken: list[tuple[Path, Problem]] = []
    for file in draft_files(paths):
        try:
            loaded.append((file, load_draft(file)))
        except ProblemsError as err:
            broken.append((file, err.problems[0]))
    if not loaded:
        problems = [p for _, p in broken] or [
            Problem(Path(str(paths[0]) if paths else "."), 1, 1, "error", "no_drafts", {})
        ]
        raise ProblemsError(problems)
    given = load_canvas(canvas_path) if canvas_path is not None else None
    # A canvas given picks its own drafts from a mixed folder (the training day's self-reflection
    # beside the Planspiel), whatever most drafts there belong to.
    ids = Counter(d.canvas.id for _, d in loaded if given is None or d.canvas.id == given.canvas.id)
    if given is not None and not ids:
        ids[given.canvas.id] = 1
    canvas_id = ids.most_common(1)[0][0]
    located = canvas_path or canvas_by_id(canvas_id)
    if located is None:
        raise ProblemsError.one(loaded[0][0], "canvas_not_found", {"id": canvas_id})
    canvas: LoadedCanvas = given or load_canvas(located)
    workshop = Workshop(canvas.compiled)
    for file, problem in broken:
        skip(workshop, file, problem, lang)
    for file, draft in loaded:
        if draft.canvas.id != canvas_id:
            skip(
                workshop,
                file,
                t("summary.other_canvas", lang, id=draft.canvas.id, version=draft.canvas.version),
                lang,
            )
            continue
        try:
            migrate(draft, canvas.compiled, canvas.sha256)
        # One draft the migration cannot handle is left out; it never stops the summary.
        except Exception as err:
            skip(workshop, file, failure_reason(err, lang), lang)
            continue
        add_participant(workshop, file, draft, lang)
    return workshop
