"""One person's work on one canvas, for every face: the session, the draft, and saving it.

The Textual app and the plain prompt mode both drive this; neither touches files directly.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from kosi_tui.core.answers import Draft, new_draft, new_draft_id, now
from kosi_tui.core.canvas import Info
from kosi_tui.core.merge import Conflict
from kosi_tui.core.migration import MigrationReport
from kosi_tui.core.session import Session, default_answers
from kosi_tui.core.text import localize
from kosi_tui.i18n.locales import Lang
from kosi_tui.paths import drafts_dir
from kosi_tui.storage.atomic import WriteError
from kosi_tui.storage.canvas_file import LoadedCanvas
from kosi_tui.storage.draft_file import DraftWriter, OnConflict, SaveOutcome, draft_filename
from kosi_tui.storage.draft_lock import Holder, claim, release
from kosi_tui.storage.opening import open_draft

SectionState = Literal["complete", "missing", "errors", "empty"]


@dataclass
class SaveResult:
    """How the last save went: when it worked, or the error (the answers stay in memory)."""

    saved_at: dt.datetime | None = None
    error: WriteError | None = None
    copy: Path | None = None
    """Where the file's own version was kept after answers conflicted and nobody could decide."""
    conflicts: list[Conflict] = field(default_factory=list)
    """Answers changed differently here and in the file, for the person to decide."""


@dataclass
class PendingSave:
    """A copy of the draft taken for saving, so the saving can run away from the typing."""

    draft: Draft
    revision: int
    answers: dict[str, Any]
    """The answers as copied (the writer may put merged answers into `draft`)."""
    outcome: SaveOutcome | None = None
    error: WriteError | None = None
    stale: bool = False
    """A newer copy was written first (a final save overtook a background one): not written."""


class Filling:
    """A draft being filled: answers go through the session and are saved through the writer."""

    def __init__(
        self,
        canvas: LoadedCanvas,
        draft: Draft,
        path: Path,
        migration: MigrationReport | None = None,
        known: bytes | None = None,
    ) -> None:
        self.canvas = canvas
        if not draft.id:
            draft.id = new_draft_id()
        base = dict(draft.answers) if known is not None else None
        self.draft = draft
        self.path = path
        self.migration = migration or MigrationReport()
        self.session = Session(canvas.compiled, draft.answers)
        # One dict for both: what the session holds is what gets saved.
        self.draft.answers = self.session.answers
        self.writer = DraftWriter(path, canvas.canvas.id, draft.id, known, base)
        self._writing = threading.Lock()
        """One write at a time: a final save on quit waits for a save running in a thread."""
        self._written_revision = -1
        """The revision of the newest copy written, so an older copy never overwrites it."""
        self.revision = 0
        """Counts changes, so a save that ran while the person typed on knows it is behind."""
        self.saved_revision = 0
        # An opened draft was last saved when it says it was updated.
        self.last = SaveResult(draft.updated if path.exists() else None)
        self.other_holder: Holder | None = None
        """Who else had the draft open when it was opened here."""
        self.named_like: Path | None = None
        """For a new draft: the file name it would have had if that had been free."""

    @property
    def dirty(self) -> bool:
        """Whether there are changes that are not saved yet."""
        return self.revision != self.saved_revision

    @classmethod
    def start(
        cls,
        canvas: LoadedCanvas,
        organisation: str,
        author: str,
        lang: str,
        folder: Path | None = None,
        named_after_author: bool = False,
        path: Path | None = None,
    ) -> Filling:
        """A new draft for `canvas`, saved at `path` or in the drafts folder (or `folder`).

        The file is created at once and exclusively: two people starting under the same name in
        the same second get a file each (`named_like` then says which name was taken). Where it
        cannot be created, the answers start in memory with the error as the last save's result.
        An existing file at an explicit `path` is left alone: the writer refuses to save over a
        file that is not this draft.
        """
        c = canvas.canvas
        draft = new_draft(
            c.id,
            c.version,
            canvas.sha256,
            localize(c.title, lang),
            lang,
            author.strip(),
            organisation.strip(),
            default_answers(canvas.compiled, organisation=organisation, author=author),
        )
        if path is not None:
            candidates = [path]
        else:
            wanted = (folder or drafts_dir()) / draft_filename(draft, by_author=named_after_author)
            candidates = [wanted] + [
                wanted.with_name(f"{wanted.stem}-{n}{wanted.suffix}") for n in range(2, 1000)
            ]
        for target in candidates:
            filling = cls(canvas, draft, target)
            try:
                created = filling.writer.create(draft.model_copy(deep=True))
            except WriteError as err:
                # Not writable here: the answers start in memory and the person is offered
                # another place at the first save, as for any failed save.
                filling.revision = 1
                filling.last = SaveResult(None, err)
                return filling
            if created:
                filling.last = SaveResult(now())
                filling.named_like = candidates[0] if target != candidates[0] else None
                filling.claim()
                return filling
            if path is not None:
                # An explicit file that exists: the writer will refuse it unless it is this draft.
                filling.revision = 1
                return filling
        # Every name taken (a thousand drafts of one person in one second): said at first save.
        filling = cls(canvas, draft, candidates[0])
        filling.revision = 1
        filling.last = SaveResult(None, WriteError("save_failed", candidates[0], "no free name"))
        return filling

    @classmethod
    def open(cls, path: Path) -> Filling:
        """An existing draft with its canvas; raises `ProblemsError` for broken files."""
        opened = open_draft(path)
        filling = cls(opened.canvas, opened.draft, path, opened.migration, opened.raw)
        filling.claim()
        return filling

    def claim(self) -> None:
        """Marks the draft as open here and remembers who else has it open."""
        self.other_holder = claim(self.path)

    def close(self) -> None:
        """Takes the open-here mark away (the answers must be saved before)."""
        release(self.path)

    # -- answers ---------------------------------------------------------------------------------

    def set_answer(self, key: str, value: Any) -> set[str]:
        """Records an answer; returns keys whose visibility changed."""
        if value == self.session.answers.get(key) and (
            value is not None or key not in self.session.answers
        ):
            # A field reporting the value it was given (inputs do, when they are mounted).
            return set()
        changed = self.session.set(key, value)
        self.revision += 1
        return changed

    def set_position(self, section: str | None, question: str | None) -> None:
        """Remembers where the person is, to resume there."""
        if (self.draft.position.section, self.draft.position.question) != (section, question):
            self.draft.position.section = section
            self.draft.position.question = question
            self.revision += 1

    def set_language(self, lang: Lang) -> None:
        """Remembers the language the person chose: the draft reopens in it and its report is
        written in it, so the choice is a change to save like an answer."""
        if self.draft.lang != lang:
            self.draft.lang = lang
            self.revision += 1

    def section_state(self, section_id: str) -> SectionState:
        """complete, missing (required unanswered), errors, or empty (nothing answered yet)."""
        session = self.session
        keys = [
            k
            for k in session.visible_keys(section_id)
            if not isinstance(session.compiled.questions[k].question, Info)
        ]
        if any(
            session.value(k) is not None and session.issues(k, include_required=False) for k in keys
        ):
            return "errors"
        progress = session.progress(section_id)
        if progress.answered == 0 and progress.required_total > 0:
            return "empty"
        if not progress.complete:
            return "missing"
        return "complete" if progress.answered or progress.total == 0 else "empty"

    # -- saving ----------------------------------------------------------------------------------
    # A save is three steps so that the disk work can run in a thread: take a copy (where the
    # answers change), write it (anywhere), apply the result (where the answers change).

    def snapshot(self) -> PendingSave:
        """A copy of the draft as it is now, to be written by `write`."""
        copied = self.draft.model_copy(deep=True)
        return PendingSave(copied, self.revision, copied.answers)

    def write(self, pending: PendingSave, on_conflict: OnConflict = "keep_both") -> PendingSave:
        """Writes the copy; safe in a worker thread while answers change on the UI thread.

        Copies are written in the order they were taken: one older than a copy already
        written (a background save overtaken by the final save on quitting) is dropped.
        """
        with self._writing:
            if pending.revision < self._written_revision:
                pending.stale = True
                return pending
            try:
                pending.outcome = self.writer.save(pending.draft, on_conflict)
            except WriteError as err:
                pending.error = err
            except Exception as err:
                # Any failure must be said and the answers kept, never end in a silent loop.
                pending.error = WriteError("save_failed", self.path, f"{type(err).__name__}: {err}")
            else:
                if pending.outcome.written:
                    self._written_revision = pending.revision
        return pending

    def apply(self, pending: PendingSave) -> set[str]:
        """Takes in what the save found; returns the keys whose answers changed here."""
        if pending.stale:
            return set()
        if pending.error is not None:
            self.last = SaveResult(self.last.saved_at, pending.error)
            return set()
        outcome = pending.outcome
        assert outcome is not None
        changed: set[str] = set()
        for key, value in outcome.taken.items():
            # An answer the person changed again meanwhile stays theirs, for the next save.
            if self.session.answers.get(key) == pending.answers.get(key):
                self.session.set(key, value)
                changed.add(key)
        if not outcome.written:
            self.last = SaveResult(self.last.saved_at, None, None, outcome.conflicts)
            return changed
        if self.revision == pending.revision:
            self.saved_revision = self.revision
        self.draft.updated = pending.draft.updated
        self.last = SaveResult(now(), None, outcome.copy, outcome.conflicts)
        return changed

    def decide(self, pending: PendingSave, keep_ours: dict[str, bool]) -> set[str]:
        """Settles the conflicts of an `ask` save: per answer, True keeps ours, False takes the
        file's. The file's version becomes the common ground; the next save writes the result."""
        outcome = pending.outcome
        assert outcome is not None and outcome.seen is not None
        changed: set[str] = set()
        for conflict in outcome.conflicts:
            if not keep_ours.get(conflict.key, True):
                self.session.set(conflict.key, conflict.theirs)
                changed.add(conflict.key)
        self.writer.accept(outcome.seen)
        self.revision += 1
        self.last = SaveResult(self.last.saved_at)
        return changed

    def save(self, on_conflict: OnConflict = "keep_both") -> SaveResult:
        """Saves now, in this thread; on failure the error is kept and the answers stay."""
        pending = self.write(self.snapshot(), on_conflict)
        self.apply(pending)
        return self.last

    def emergency_copy(self, folders: list[Path]) -> Path | None:
        """When the draft cannot be saved where it belongs: the answers as a new draft file in
        the first of `folders` that takes it (a new name, nothing overwritten). The draft keeps
        its own path; returns the copy's, or None if no folder took it."""
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        name = f"{self.path.stem}-notfallkopie-{stamp}.yaml"
        for folder in folders:
            target = folder / name
            writer = DraftWriter(target, self.canvas.canvas.id, self.draft.id)
            try:
                if writer.create(self.snapshot().draft):
                    return target
            except WriteError:
                continue
        return None

    def save_as(self, path: Path) -> SaveResult:
        """Saves to another file from now on (after a failed save, or by choice).

        Where that file takes nothing either, the draft stays with its own file: later saves
        try that again, not the place that just refused."""
        if _same_file(path, self.path):
            # Its own file by another name (`:w` with its folder, F2 keeping the name): a save
            # like any other. A new writer would take the person's own earlier answers in it
            # for someone else's and keep both as a conflict.
            self.revision += 1
            return self.save()
        before = self.path, self.writer
        self.close()
        self.path = path
        self.writer = DraftWriter(path, self.canvas.canvas.id, self.draft.id)
        self.revision += 1
        result = self.save()
        if result.error is not None:
            self.path, self.writer = before
        self.claim()
        return result


def _same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file (one that does not exist yet is compared by its path)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.absolute() == b.absolute()
