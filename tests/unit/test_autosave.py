"""Saving as a service, without an app: when a draft is saved (a pause after typing, at least every
2 s while typing goes on, on the way out, never when nothing changed), one save at a time and the
older copy never over the newer, failures kept and tried again, merges and conflicts said, saving
elsewhere. A fake clock drives the time; saves run here or are held like a slow disk."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

from kosi_tui.core.merge import Conflict
from kosi_tui.faces.autosave import (
    AUTOSAVE_MAX_SECONDS,
    AUTOSAVE_SECONDS,
    AutoSaver,
    SaveEvents,
    autosave_delay,
)
from kosi_tui.faces.filling import Filling, SaveResult
from kosi_tui.storage.atomic import WriteError
from kosi_tui.storage.canvas_file import load_canvas
from kosi_tui.storage.draft_file import DraftWriter, OnConflict, SaveOutcome, load_draft, read_draft
from tests.conftest import ROOT

CANVAS = ROOT / "canvases" / "innovationslabor.yaml"
KEY = "anlass.herausforderung"
OTHER = "anlass.ausloeser"
T = TypeVar("T")


class Clock:
    """Time that moves only when the test says so; timers run when it passes them."""

    def __init__(self) -> None:
        self.t = 100.0
        self.timers: list[tuple[float, int, Callable[[], None]]] = []
        self.stopped: set[int] = set()

    def now(self) -> float:
        return self.t

    def later(self, seconds: float, then: Callable[[], None]) -> Callable[[], None]:
        number = len(self.timers)
        self.timers.append((self.t + seconds, number, then))
        return lambda: self.stopped.add(number)

    def advance(self, seconds: float) -> None:
        end = self.t + seconds
        while True:
            due = [x for x in self.timers if x[1] not in self.stopped and x[0] <= end + 1e-9]
            if not due:
                break
            at, number, then = min(due)
            self.stopped.add(number)
            self.t = max(self.t, at)
            then()
        self.t = end

    def pending(self) -> int:
        return sum(1 for x in self.timers if x[1] not in self.stopped)


class Held:
    """Saves wait until the test lets them finish, like a slow disk."""

    def __init__(self) -> None:
        self.waiting: list[tuple[Callable[[], Any], Callable[[Any], None]]] = []

    def __call__(self, work: Callable[[], T], then: Callable[[T], None]) -> None:
        self.waiting.append((work, then))

    def finish(self, index: int = 0) -> None:
        work, then = self.waiting.pop(index)
        then(work())


class Heard:
    """The events a face would get, in order."""

    def __init__(self) -> None:
        self.said: list[tuple[str, Any]] = []

    def events(self, **more: Any) -> SaveEvents:
        return SaveEvents(
            saved=lambda r: self.said.append(("saved", r.copy)),
            failed=lambda e, new: self.said.append(("failed", new)),
            merged=lambda keys: self.said.append(("merged", keys)),
            conflict=lambda c, copy: self.said.append(("conflict", [x.key for x in c])),
            **more,
        )

    def kinds(self) -> list[str]:
        return [kind for kind, _ in self.said]


class Disk:
    """Counts what reaches the draft writer, and refuses it while `full`."""

    def __init__(self) -> None:
        self.full = False
        self.writes = 0


@pytest.fixture
def disk(monkeypatch: pytest.MonkeyPatch) -> Iterator[Disk]:
    state = Disk()
    real = DraftWriter.save

    def save(self: DraftWriter, draft: Any, on_conflict: OnConflict = "keep_both") -> SaveOutcome:
        state.writes += 1
        if state.full:
            raise WriteError("save_failed", self.path, "No space left on device")
        return real(self, draft, on_conflict)

    monkeypatch.setattr(DraftWriter, "save", save)
    yield state


@pytest.fixture
def filling(tmp_path: Path) -> Filling:
    return Filling.start(load_canvas(CANVAS), "Stadt", "Erika", "de", folder=tmp_path)


def on_disk(filling: Filling, key: str = KEY) -> Any:
    return load_draft(filling.path).answers.get(key)


def type_(filling: Filling, saver: AutoSaver, text: str) -> None:
    filling.set_answer(KEY, text)
    saver.changed()


def edit_elsewhere(path: Path, **answers: Any) -> None:
    """What a second window does: open the file, change answers, save."""
    draft, raw = read_draft(path)
    writer = DraftWriter(path, draft.canvas.id, draft.id, raw, draft.answers)
    draft.answers.update(answers)
    writer.save(draft)


# -- when -------------------------------------------------------------------------------------


def test_the_delay_is_a_pause_after_the_first_change_and_never_zero() -> None:
    assert autosave_delay(100.0, 100.0) == AUTOSAVE_SECONDS
    assert autosave_delay(100.0, 105.0) == 0.01  # overdue: at once, but Textual divides by it
    assert AUTOSAVE_MAX_SECONDS + 0.1 < 2.0  # with the save itself, under the promised 2 s


def test_a_moment_after_typing_stops(filling: Filling, disk: Disk) -> None:
    clock, heard = Clock(), Heard()
    saver = AutoSaver(filling, clock.later, events=heard.events(), now=clock.now)
    type_(filling, saver, "a")
    clock.advance(0.5)
    type_(filling, saver, "ab")  # the pause starts again
    clock.advance(AUTOSAVE_SECONDS - 0.01)
    assert disk.writes == 0 and on_disk(filling) is None
    clock.advance(0.02)
    assert disk.writes == 1 and on_disk(filling) == "ab"
    assert heard.kinds() == ["saved"] and not filling.dirty
    clock.advance(10)
    assert disk.writes == 1  # nothing changed since: no more saves


def test_steady_typing_is_saved_at_least_every_two_seconds(filling: Filling, disk: Disk) -> None:
    clock = Clock()
    saver = AutoSaver(filling, clock.later, now=clock.now)
    saved_at: list[float] = []
    saver.events.saved = lambda _r: saved_at.append(clock.t)
    start, text = clock.t, ""
    for _ in range(40):  # a key every 0.3 s for 12 s: the pause never comes
        text += "x"
        type_(filling, saver, text)
        clock.advance(0.3)
    gaps = [b - a for a, b in zip([start, *saved_at], saved_at, strict=False)]
    assert len(saved_at) >= 6
    assert max(gaps) <= AUTOSAVE_MAX_SECONDS + 0.3 + 1e-6 < 2.0
    assert len(on_disk(filling)) >= len(text) - 6  # at most the last 1.8 s not yet on disk


def test_nothing_changed_nothing_written(filling: Filling, disk: Disk) -> None:
    clock, heard = Clock(), Heard()
    saver = AutoSaver(filling, clock.later, events=heard.events(), now=clock.now)
    saver.save()  # Ctrl+S on a saved draft
    saver.changed()  # a section change that moved nothing
    clock.advance(5)
    results: list[SaveResult] = []
    saver.save_now(results.append)
    assert disk.writes == 0 and heard.said == []
    assert results == [filling.last]


def test_every_way_out_saves_and_nothing_runs_after(filling: Filling, disk: Disk) -> None:
    clock, heard = Clock(), Heard()
    saver = AutoSaver(filling, clock.later, events=heard.events(), now=clock.now)
    type_(filling, saver, "beim Beenden")
    assert saver.finish().error is None
    assert on_disk(filling) == "beim Beenden"
    type_(filling, saver, "nach dem Ende")
    clock.advance(5)
    assert disk.writes == 1 and heard.said == []


# -- one at a time ----------------------------------------------------------------------------


def test_a_slow_save_is_not_overlapped_and_what_came_meanwhile_follows(
    filling: Filling, disk: Disk
) -> None:
    clock, held = Clock(), Held()
    saver = AutoSaver(filling, clock.later, held, now=clock.now)
    type_(filling, saver, "eins")
    clock.advance(1)
    assert len(held.waiting) == 1  # the disk is slow
    type_(filling, saver, "eins zwei")
    clock.advance(1)
    saver.save()  # Ctrl+S as well
    assert len(held.waiting) == 1  # no second save beside the first
    held.finish()
    assert on_disk(filling) == "eins" and filling.dirty
    clock.advance(1)
    held.finish()  # the change made meanwhile is saved after it
    assert on_disk(filling) == "eins zwei" and not filling.dirty


def test_the_older_copy_never_overwrites_the_newer(filling: Filling, disk: Disk) -> None:
    clock, held, heard = Clock(), Held(), Heard()
    saver = AutoSaver(filling, clock.later, held, heard.events(), now=clock.now)
    type_(filling, saver, "alt")
    clock.advance(1)  # a background save takes its copy and is slow …
    type_(filling, saver, "neu")
    saved: list[SaveResult] = []
    saver.save_now(saved.append)  # … when quitting saves the newer answers
    held.finish(1)
    assert saved and saved[0].error is None and on_disk(filling) == "neu"
    held.finish(0)  # then the background save gets its turn: dropped
    assert on_disk(filling) == "neu" and not filling.dirty
    assert heard.kinds() == ["saved"]
    clock.advance(5)
    assert held.waiting == []


# -- failure ----------------------------------------------------------------------------------


def test_a_failure_keeps_the_answers_and_is_tried_again_until_it_works(
    filling: Filling, disk: Disk
) -> None:
    clock, heard = Clock(), Heard()
    saver = AutoSaver(filling, clock.later, events=heard.events(), now=clock.now)
    disk.full = True
    type_(filling, saver, "Wichtig")
    clock.advance(1)
    assert heard.said == [("failed", True)] and saver.failing
    assert filling.session.answers[KEY] == "Wichtig" and filling.dirty
    assert filling.last.error is not None and filling.last.error.code == "save_failed"
    clock.advance(1)  # tried again without a key pressed, said as the same failure
    assert heard.said[-1] == ("failed", False) and disk.writes == 2
    disk.full = False
    clock.advance(1)
    assert heard.said[-1:] == [("saved", None)] and not saver.failing
    assert filling.last.error is None and on_disk(filling) == "Wichtig"
    writes = disk.writes
    clock.advance(5)
    assert disk.writes == writes  # saved: no more tries
    disk.full = True  # and failing again later is a new failure, said again
    type_(filling, saver, "Wichtig 2")
    clock.advance(1)
    assert heard.said[-1] == ("failed", True)


def test_a_failed_quit_save_says_so_and_keeps_trying(filling: Filling, disk: Disk) -> None:
    clock, heard = Clock(), Heard()
    saver = AutoSaver(filling, clock.later, events=heard.events(), now=clock.now)
    disk.full = True
    type_(filling, saver, "x")
    results: list[SaveResult] = []
    saver.save_now(results.append, always=True)
    assert results[0].error is not None and heard.said == [("failed", True)]
    disk.full = False
    saver.save_now(results.append, always=True)  # "retry" in the dialog
    assert results[1].error is None and on_disk(filling) == "x"


def test_a_failed_save_now_or_save_as_goes_on_trying_by_itself(
    filling: Filling, disk: Disk, tmp_path: Path
) -> None:
    # The quit save fails and the person stays (Escape in the dialog), or saving elsewhere is
    # refused: the saver keeps trying the draft's file without a key pressed.
    clock, heard = Clock(), Heard()
    saver = AutoSaver(filling, clock.later, events=heard.events(), now=clock.now)
    disk.full = True
    type_(filling, saver, "x")
    saver.save_now(always=True)
    assert heard.said == [("failed", True)]
    disk.full = False
    clock.advance(2)
    assert on_disk(filling) == "x" and not filling.dirty and not saver.failing
    blocker = tmp_path / "datei"
    blocker.write_text("keine Mappe")
    disk.full = True
    filling.set_answer(KEY, "y")
    saver.save_as(blocker / "entwurf.yaml")
    disk.full = False
    clock.advance(2)
    assert on_disk(filling) == "y" and not filling.dirty


# -- others' changes --------------------------------------------------------------------------


def test_answers_changed_in_the_file_are_merged_and_said(filling: Filling, disk: Disk) -> None:
    clock, heard = Clock(), Heard()
    saver = AutoSaver(filling, clock.later, events=heard.events(), now=clock.now)
    edit_elsewhere(filling.path, **{OTHER: "Von dort"})
    type_(filling, saver, "Von hier")
    clock.advance(1)
    assert heard.said == [("merged", {OTHER}), ("saved", None)]
    assert filling.session.answers[OTHER] == "Von dort"
    assert on_disk(filling) == "Von hier" and on_disk(filling, OTHER) == "Von dort"


def test_a_conflict_is_kept_both_ways_queued_and_settled(filling: Filling, disk: Disk) -> None:
    clock, heard = Clock(), Heard()
    saver = AutoSaver(filling, clock.later, events=heard.events(), now=clock.now)
    type_(filling, saver, "hier")
    clock.advance(1)
    edit_elsewhere(filling.path, **{KEY: "dort"})
    type_(filling, saver, "hier weiter")
    clock.advance(1)
    copy = saver.conflict_copy
    assert copy is not None and load_draft(copy).answers[KEY] == "dort"
    assert heard.said[-2:] == [("conflict", [KEY]), ("saved", copy)]
    assert on_disk(filling) == "hier weiter"
    (conflict,) = saver.conflicts
    assert (conflict.ours, conflict.theirs) == ("hier weiter", "dort")
    saver.settle(conflict, take_theirs=True)  # F3: the person takes the other version
    assert saver.conflicts == []
    clock.advance(1)
    assert on_disk(filling) == "dort"


def test_where_someone_can_decide_a_conflict_is_asked(filling: Filling, disk: Disk) -> None:
    heard = Heard()
    asked: list[list[Conflict]] = []

    def ask(conflicts: list[Conflict]) -> dict[str, bool]:
        asked.append(conflicts)
        return {c.key: False for c in conflicts}  # takes the file's

    saver = AutoSaver(filling, events=heard.events(ask=ask))
    filling.set_answer(KEY, "hier")
    saver.save_now()
    edit_elsewhere(filling.path, **{KEY: "dort"})
    filling.set_answer(KEY, "hier weiter")
    saver.save_now()
    assert [c.key for c in asked[0]] == [KEY]
    assert on_disk(filling) == "dort" and filling.session.answers[KEY] == "dort"
    assert heard.kinds()[-1] == "saved" and saver.conflict_copy is None


def test_nobody_left_to_ask_keeps_both(filling: Filling, disk: Disk) -> None:
    heard = Heard()

    def gone(_conflicts: list[Conflict]) -> dict[str, bool]:
        raise EOFError

    saver = AutoSaver(filling, events=heard.events(ask=gone))
    filling.set_answer(KEY, "hier")
    saver.save_now()
    edit_elsewhere(filling.path, **{KEY: "dort"})
    filling.set_answer(KEY, "hier weiter")
    with pytest.raises(EOFError):
        saver.save_now()
    assert on_disk(filling) == "hier weiter"
    assert (
        saver.conflict_copy is not None and load_draft(saver.conflict_copy).answers[KEY] == "dort"
    )


# -- elsewhere --------------------------------------------------------------------------------


def test_save_as_switches_the_file_for_later_saves(
    filling: Filling, disk: Disk, tmp_path: Path
) -> None:
    clock, heard = Clock(), Heard()
    saver = AutoSaver(filling, clock.later, events=heard.events(), now=clock.now)
    old = filling.path
    type_(filling, saver, "vorher")
    elsewhere = tmp_path / "sicher" / "entwurf.yaml"
    results: list[SaveResult] = []
    saver.save_as(elsewhere, results.append)
    assert results[0].error is None and filling.path == elsewhere
    assert heard.said == [("saved", None)] and on_disk(filling) == "vorher"
    type_(filling, saver, "nachher")
    clock.advance(1)
    assert load_draft(elsewhere).answers[KEY] == "nachher"
    assert load_draft(old).answers.get(KEY) is None


def test_a_refused_save_as_keeps_the_draft_where_it_was(
    filling: Filling, disk: Disk, tmp_path: Path
) -> None:
    heard = Heard()
    saver = AutoSaver(filling, events=heard.events())
    old = filling.path
    blocker = tmp_path / "datei"
    blocker.write_text("keine Mappe")
    filling.set_answer(KEY, "x")
    saver.save_as(blocker / "entwurf.yaml")  # a folder that is a file: cannot be created
    assert heard.said == [("failed", True)]
    assert filling.path == old  # later saves try the draft's own file again
    saver.save_now()
    assert heard.said[-1] == ("saved", None) and on_disk(filling) == "x"


def test_save_as_to_the_drafts_own_file_is_a_save_not_a_conflict(
    filling: Filling, disk: Disk
) -> None:
    # `:w FOLDER` with the draft's own folder, or F2 keeping the name: the answers typed since the
    # last save are not "changed here and in the file" against the person's own earlier ones.
    heard = Heard()
    saver = AutoSaver(filling, events=heard.events())
    filling.set_answer(KEY, "vorher")
    saver.save_now()
    filling.set_answer(KEY, "nachher")
    results: list[SaveResult] = []
    saver.save_as(filling.path.parent / "." / filling.path.name, results.append)
    assert results[0].error is None and results[0].copy is None and not results[0].conflicts
    assert saver.conflicts == [] and on_disk(filling) == "nachher"
    assert list(filling.path.parent.glob("*konflikt*")) == []


def test_the_emergency_copy_is_a_new_draft_in_the_drafts_folder(
    filling: Filling, disk: Disk
) -> None:
    from kosi_tui.paths import drafts_dir

    saver = AutoSaver(filling)
    filling.set_answer(KEY, "gerettet")
    copy = saver.rescue()  # where the draft's own file takes nothing (test_plain_full_disk)
    assert copy is not None and copy.parent == drafts_dir() and copy != filling.path
    assert load_draft(copy).answers[KEY] == "gerettet"
