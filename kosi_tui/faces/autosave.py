"""Saving a draft while it is filled, for every face: when to save, one save at a time, what a
save found (answers merged from the file, conflicts, a failure) and where the answers go when the
draft's own file takes nothing.

The policy of the README's "Nothing you type is lost" lives here and only here: a moment after
typing stops, and while typing goes on at least every 2 s; a failed save keeps the answers and is
tried again; answers changed here and in the file are kept both ways until the person decides.

No Textual: a face gives the clock (`now`, `later`) and the way a save runs (`run`: in a worker
thread for the app, right here for plain mode and tests) and listens to the events.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Protocol, TypeVar

from kosi_tui.core.merge import Conflict
from kosi_tui.faces.filling import Filling, PendingSave, SaveResult
from kosi_tui.paths import drafts_dir
from kosi_tui.storage.atomic import WriteError
from kosi_tui.storage.draft_file import OnConflict

AUTOSAVE_SECONDS = 0.8
"""How long after the last change the draft is saved."""
AUTOSAVE_MAX_SECONDS = 1.5
"""The longest a change waits while typing goes on: with the save itself, under 2 s behind."""

T = TypeVar("T")

Cancel = Callable[[], None]
"""Stops a timer that `later` started."""
Later = Callable[[float, Callable[[], None]], Cancel]
"""Calls a function after some seconds, on the face's own thread; returns how to stop that."""


class Run(Protocol):
    """Runs `work` (the disk part of a save) somewhere, then `then` with its result on the face's
    own thread, where the answers change."""

    def __call__(self, work: Callable[[], T], then: Callable[[T], None], /) -> None: ...


def run_here(work: Callable[[], T], then: Callable[[T], None]) -> None:
    """Runs a save in this thread (plain mode, tests)."""
    then(work())


def autosave_delay(first_unsaved: float, now: float) -> float:
    """Seconds until the next autosave: a pause after the last change, but no later than
    AUTOSAVE_MAX_SECONDS after the first unsaved one (never zero: Textual timers divide by it)."""
    return max(min(AUTOSAVE_SECONDS, first_unsaved + AUTOSAVE_MAX_SECONDS - now), 0.01)


def _ignore(*_args: Any) -> None:
    return None


@dataclass
class SaveEvents:
    """What a face hears from its saver, on its own thread."""

    saved: Callable[[SaveResult], None] = _ignore
    """The draft is on disk (`copy`: the file's own versions of conflicting answers kept there)."""
    failed: Callable[[WriteError, bool], None] = _ignore
    """A save failed; True when it is a new failure (the first, or the first after one worked)."""
    merged: Callable[[set[str]], None] = _ignore
    """Answers changed in the file by someone else were taken in (their keys)."""
    conflict: Callable[[list[Conflict], Path | None], None] = _ignore
    """Answers changed here and in the file: ours were saved, theirs kept at the path."""
    ask: Callable[[list[Conflict]], dict[str, bool]] | None = None
    """Where a person can decide at once (plain mode): per answer, True keeps ours. Without it,
    or when it raises because nobody is left to ask, both versions are kept."""


def rescue(filling: Filling) -> Path | None:
    """When the draft's own file takes nothing and the face ends: the answers as a new draft
    in the drafts folder, the temporary folder or the home folder, the first that takes it.
    Returns where, or None if nowhere."""
    folders = [drafts_dir(), Path(tempfile.gettempdir()), Path.home()]
    return filling.emergency_copy(list(dict.fromkeys(folders)))


class AutoSaver:
    """Saves one `Filling` as its face asks: `changed` after each change, `save` for Ctrl+S,
    `save_now` to wait for a save, `save_as` for another file, `finish` on the way out."""

    def __init__(
        self,
        filling: Filling,
        later: Later | None = None,
        run: Run = run_here,
        events: SaveEvents | None = None,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        self.filling = filling
        self.later = later
        """None: no timers (plain mode saves after every answer)."""
        self.run = run
        self.now = now
        self.events = events or SaveEvents()
        self.conflicts: list[Conflict] = []
        """Answers changed here and elsewhere that the person has not looked at yet."""
        self.conflict_copy: Path | None = None
        """Where the other versions of those answers were kept."""
        self.failing = filling.last.error is not None
        """Whether the last save failed (a new failure is said again, see `SaveEvents.failed`)."""
        self._timer: Cancel | None = None
        self._first_unsaved: float | None = None
        """When the oldest change not yet saved was made (seconds of `now`)."""
        self._saving = False
        """A background save is running: the next waits for it, so they never overlap."""
        self._again = False
        self._ended = False

    # -- when to save ------------------------------------------------------------------------

    def changed(self) -> None:
        """Saves a moment after the last change, at the latest shortly after the first one.

        Steady typing restarts the pause with every key, but never pushes the save past
        AUTOSAVE_MAX_SECONDS after the first unsaved change."""
        if self._ended or self.later is None:
            return
        now = self.now()
        if self._first_unsaved is None:
            self._first_unsaved = now
        self._stop_timer()
        self._timer = self.later(autosave_delay(self._first_unsaved, now), self.save)

    def save(self) -> None:
        """Saves in the background now (Ctrl+S, the timer): one save at a time; a change while
        one runs is saved after it."""
        self._stop_timer()
        if self._saving:
            self._again = True
            return
        self._first_unsaved = None
        if self._ended or not self.filling.dirty:
            return
        self._saving = True
        self._write(self._background_done)

    def save_now(
        self,
        then: Callable[[SaveResult], None] = _ignore,
        always: bool = False,
        ask: bool = True,
    ) -> None:
        """Saves what is pending (`always`: the whole draft, to try the file again) and hands
        `then` the result: for quitting, a retry, or plain mode after each answer. It does not
        wait for a background save; the older of the two copies is never written over the newer.
        `ask`: conflicts go to `SaveEvents.ask` if there is one."""
        self._stop_timer()
        self._first_unsaved = None
        if not (always or self.filling.dirty):
            then(self.filling.last)
            return

        def done(pending: PendingSave) -> None:
            self._finished(pending)
            then(self.filling.last)

        self._write(done, "ask" if ask and self.events.ask is not None else "keep_both")

    def save_as(self, path: Path, then: Callable[[SaveResult], None] = _ignore) -> None:
        """Saves to another file from now on (if that file takes it; else the draft stays with
        its own file)."""
        self._stop_timer()
        self._first_unsaved = None

        def done(result: SaveResult) -> None:
            self._tell(result)
            then(result)

        self.run(partial(self.filling.save_as, path), done)

    def finish(self) -> SaveResult:
        """The last save, in this thread, as the face goes (no timers or events after it)."""
        self._stop_timer()
        self._ended = True
        if self.filling.dirty:
            self.filling.save()
        return self.filling.last

    def rescue(self) -> Path | None:
        """When the draft's own file takes nothing and the face ends: see `rescue`."""
        return rescue(self.filling)

    # -- conflicts ---------------------------------------------------------------------------

    def settle(self, conflict: Conflict, take_theirs: bool) -> None:
        """The person decided one conflict; the other version, if taken, is saved soon."""
        if conflict in self.conflicts:
            self.conflicts.remove(conflict)
        if take_theirs:
            self.filling.set_answer(conflict.key, conflict.theirs)
            self.changed()

    # -- what a save found -------------------------------------------------------------------

    def _write(self, done: Callable[[PendingSave], None], mode: OnConflict = "keep_both") -> None:
        pending = self.filling.snapshot()
        self.run(partial(self.filling.write, pending, mode), done)

    def _background_done(self, pending: PendingSave) -> None:
        self._saving = False
        self._finished(pending)
        if self._again or (self.filling.dirty and self._timer is None):
            # A change came meanwhile, or the save failed: the answers are tried again.
            self._again = False
            self.changed()

    def _finished(self, pending: PendingSave) -> None:
        changed = self.filling.apply(pending)
        if pending.stale or self._ended:
            return  # a newer copy was written first; what it found was said then
        if changed:
            self.events.merged(changed)
        outcome, asking = pending.outcome, self.events.ask
        if outcome is not None and not outcome.written and outcome.conflicts:
            # Saved with "ask": nothing was written, the person decides first.
            assert asking is not None
            self._decide(pending, asking)
            return
        self._tell(self.filling.last)

    def _decide(
        self, pending: PendingSave, asking: Callable[[list[Conflict]], dict[str, bool]]
    ) -> None:
        assert pending.outcome is not None
        try:
            keep = asking(pending.outcome.conflicts)
        except BaseException:
            # Nobody left to decide: both versions kept rather than the unsaved answers lost.
            self._write(self._finished)
            raise
        self.filling.decide(pending, keep)
        self._write(self._finished)

    def _tell(self, result: SaveResult) -> None:
        if result.error is not None:
            new, self.failing = not self.failing, True
            self.events.failed(result.error, new)
            if self.filling.dirty and not self._saving:
                # Whichever save failed (the timer's, one on quitting, one elsewhere), the draft's
                # file is tried again without a key pressed.
                self.changed()
            return
        self.failing = False
        if result.conflicts:
            keys = {c.key for c in result.conflicts}
            self.conflicts = [c for c in self.conflicts if c.key not in keys] + result.conflicts
            self.conflict_copy = result.copy
            self.events.conflict(result.conflicts, result.copy)
        self.events.saved(result)

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer()
            self._timer = None
