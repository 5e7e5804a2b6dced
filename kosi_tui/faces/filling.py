"""One person's work on one canvas, for every face: the session, the draft, and saving it.

The Textual app and the plain prompt mode both drive this; neither touches files directly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from kosi_tui.core.answers import Draft, new_draft, now
from kosi_tui.core.canvas import Info
from kosi_tui.core.migration import MigrationReport
from kosi_tui.core.session import Session, default_answers
from kosi_tui.core.text import localize
from kosi_tui.paths import drafts_dir
from kosi_tui.storage.atomic import WriteError
from kosi_tui.storage.canvas_file import LoadedCanvas
from kosi_tui.storage.draft_file import DraftWriter, draft_filename
from kosi_tui.storage.opening import open_draft

SectionState = Literal["complete", "missing", "errors", "empty"]


@dataclass
class SaveResult:
    """How the last save went: when it worked, or the error (the answers stay in memory)."""

    saved_at: dt.datetime | None = None
    error: WriteError | None = None


class Filling:
    """A draft being filled: answers go through the session and are saved through the writer."""

    def __init__(
        self,
        canvas: LoadedCanvas,
        draft: Draft,
        path: Path,
        migration: MigrationReport | None = None,
    ) -> None:
        self.canvas = canvas
        self.draft = draft
        self.path = path
        self.migration = migration or MigrationReport()
        self.session = Session(canvas.compiled, draft.answers)
        # One dict for both: what the session holds is what gets saved.
        self.draft.answers = self.session.answers
        self.writer = DraftWriter(path, canvas.canvas.id)
        self.dirty = False
        # An opened draft was last saved when it says it was updated.
        self.last = SaveResult(draft.updated if path.exists() else None)

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

        The writer refuses to save over a file that is not this draft's.
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
        target = path or (folder or drafts_dir()) / draft_filename(
            draft, by_author=named_after_author
        )
        while path is None and target.exists():  # two drafts started within the same second
            target = target.with_name(target.stem + "-2" + target.suffix)
        filling = cls(canvas, draft, target)
        filling.dirty = True
        return filling

    @classmethod
    def open(cls, path: Path) -> Filling:
        """An existing draft with its canvas; raises `ProblemsError` for broken files."""
        opened = open_draft(path)
        return cls(opened.canvas, opened.draft, path, opened.migration)

    # -- answers ---------------------------------------------------------------------------------

    def set_answer(self, key: str, value: Any) -> set[str]:
        """Records an answer; returns keys whose visibility changed."""
        changed = self.session.set(key, value)
        self.dirty = True
        return changed

    def set_position(self, section: str | None, question: str | None) -> None:
        """Remembers where the person is, to resume there."""
        if (self.draft.position.section, self.draft.position.question) != (section, question):
            self.draft.position.section = section
            self.draft.position.question = question
            self.dirty = True

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

    def save(self) -> SaveResult:
        """Saves now; on failure the error is kept and the answers stay in memory."""
        try:
            self.writer.save(self.draft)
        except WriteError as err:
            self.last = SaveResult(self.last.saved_at, err)
            return self.last
        self.dirty = False
        self.last = SaveResult(now(), None)
        return self.last

    def save_as(self, path: Path) -> SaveResult:
        """Saves to another file from now on (after a failed save, or by choice)."""
        self.path = path
        self.writer = DraftWriter(path, self.canvas.canvas.id)
        return self.save()
