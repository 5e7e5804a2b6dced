"""Two writers on one draft never silently overwrite each other; new drafts never share a file;
files stay what they are (links, devices); what is written can always be read back."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kosi_tui.core.answers import Draft, new_draft
from kosi_tui.core.merge import Conflict, merge_answers
from kosi_tui.faces.filling import Filling
from kosi_tui.storage.atomic import WriteError, write_atomic
from kosi_tui.storage.canvas_file import load_canvas
from kosi_tui.storage.draft_file import DraftWriter, load_draft, read_draft
from kosi_tui.storage.draft_lock import claim, holder, lock_path, release
from kosi_tui.storage.yaml_source import MAX_BYTES
from tests.conftest import ROOT

CANVAS = ROOT / "canvases" / "innovationslabor.yaml"


def make_draft(answers: dict[str, Any]) -> Draft:
    return new_draft("innovationslabor", "1.0.0", "abc", "T", "de", "Erika", "Stadt", answers)


def opened(path: Path) -> DraftWriter:
    """A writer as a second window has it after opening the file."""
    draft, raw = read_draft(path)
    return DraftWriter(path, "innovationslabor", draft.id, raw, draft.answers)


# -- the merge itself --------------------------------------------------------------------------


def test_merge_takes_each_side_where_only_it_changed() -> None:
    base = {"a.x": 1, "a.y": 2, "a.z": 3}
    ours = {"a.x": 10, "a.y": 2, "a.z": 3}
    theirs = {"a.x": 1, "a.y": 20}
    merged = merge_answers(base, ours, theirs)
    assert merged.answers == {"a.x": 10, "a.y": 20}
    assert merged.taken == {"a.y": 20, "a.z": None}
    assert merged.conflicts == []


def test_merge_reports_answers_changed_on_both_sides() -> None:
    merged = merge_answers({"a.x": "alt"}, {"a.x": "meins"}, {"a.x": "deins"})
    assert merged.conflicts == [Conflict("a.x", "meins", "deins")]
    assert merged.answers == {"a.x": "meins"}
    # The same change on both sides is no conflict.
    assert merge_answers({"a.x": 1}, {"a.x": 2}, {"a.x": 2}).conflicts == []


# -- two writers -------------------------------------------------------------------------------


def test_a_second_writer_merges_instead_of_overwriting(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    first = DraftWriter(path, "innovationslabor")
    mine = make_draft({"a.eins": "1"})
    first.save(mine.model_copy(deep=True))
    second = opened(path)
    theirs = load_draft(path)
    theirs.answers["a.zwei"] = "2"
    second.save(theirs)
    mine.answers["a.drei"] = "3"
    outcome = first.save(mine)
    assert outcome.taken == {"a.zwei": "2"}
    assert load_draft(path).answers == {"a.eins": "1", "a.zwei": "2", "a.drei": "3"}


def test_conflicts_are_asked_or_both_versions_kept(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    first = DraftWriter(path, "innovationslabor")
    mine = make_draft({"a.x": "alt"})
    first.save(mine.model_copy(deep=True))
    other = opened(path)
    theirs = load_draft(path)
    theirs.answers["a.x"] = "deins"
    other.save(theirs)
    before = path.read_bytes()

    mine.answers["a.x"] = "meins"
    asked = first.save(mine.model_copy(deep=True), "ask")
    assert not asked.written and asked.conflicts == [Conflict("a.x", "meins", "deins")]
    assert path.read_bytes() == before  # nothing written while the person decides

    kept = first.save(mine.model_copy(deep=True), "keep_both")
    assert kept.copy is not None and kept.copy.exists()
    assert load_draft(kept.copy).answers["a.x"] == "deins"
    assert load_draft(path).answers["a.x"] == "meins"


def test_a_different_draft_under_the_same_name_is_not_written_over(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    DraftWriter(path, "innovationslabor").save(make_draft({"a.x": "Annas"}))
    before = path.read_bytes()
    with pytest.raises(WriteError) as err:
        DraftWriter(path, "innovationslabor").save(make_draft({"a.x": "Bernds"}))
    assert err.value.code == "save_foreign"
    assert path.read_bytes() == before


def test_app_and_a_changed_file_through_filling(tmp_path: Path) -> None:
    canvas = load_canvas(CANVAS)
    filling = Filling.start(canvas, "Stadt", "Erika", "de", folder=tmp_path)
    filling.set_answer("anlass.herausforderung", "Von hier")
    assert filling.save().error is None
    # Someone edits the file (a second window, plain mode, a text editor).
    elsewhere = opened(filling.path)
    theirs = load_draft(filling.path)
    theirs.answers["anlass.ausloeser"] = "Von dort"
    elsewhere.save(theirs)
    filling.set_answer("anlass.herausforderung", "Von hier, weiter")
    pending = filling.write(filling.snapshot())
    changed = filling.apply(pending)
    assert changed == {"anlass.ausloeser"}
    assert filling.session.answers["anlass.ausloeser"] == "Von dort"
    saved = load_draft(filling.path).answers
    assert saved["anlass.herausforderung"] == "Von hier, weiter"
    assert saved["anlass.ausloeser"] == "Von dort"
    assert not filling.dirty


def test_deciding_a_conflict_saves_the_choice(tmp_path: Path) -> None:
    canvas = load_canvas(CANVAS)
    filling = Filling.start(canvas, "Stadt", "Erika", "de", folder=tmp_path)
    filling.set_answer("anlass.herausforderung", "alt")
    filling.save()
    elsewhere = opened(filling.path)
    theirs = load_draft(filling.path)
    theirs.answers["anlass.herausforderung"] = "aus dem anderen Fenster"
    elsewhere.save(theirs)
    filling.set_answer("anlass.herausforderung", "aus diesem Fenster")
    pending = filling.write(filling.snapshot(), "ask")
    filling.apply(pending)
    assert [c.key for c in filling.last.conflicts] == ["anlass.herausforderung"]
    filling.decide(pending, {"anlass.herausforderung": False})
    assert filling.save("ask").error is None
    assert load_draft(filling.path).answers["anlass.herausforderung"] == "aus dem anderen Fenster"


# -- new drafts --------------------------------------------------------------------------------

RACER = """
import sys
from pathlib import Path
from kosi_tui.faces.filling import Filling
from kosi_tui.storage.canvas_file import load_canvas
import kosi_tui.core.answers as answers
import datetime as dt

# Both processes believe it is the same second, as two people pressing Enter together.
answers.now = lambda: dt.datetime(2027, 3, 1, 10, 0, 0).astimezone()
canvas = load_canvas(Path(sys.argv[1]))
print("ready", flush=True)
sys.stdin.readline()
filling = Filling.start(canvas, "Stadt", sys.argv[3], "de", folder=Path(sys.argv[2]))
filling.set_answer("anlass.herausforderung", "von " + sys.argv[3])
assert filling.save().error is None
print(filling.path, flush=True)
"""


@pytest.mark.process
def test_two_starts_with_the_same_name_get_a_file_each(tmp_path: Path) -> None:
    folder = tmp_path / "werkstatt"
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", RACER, str(CANVAS), str(folder), name],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for name in ("Anna", "Anna")
    ]
    for racer in racers:
        assert racer.stdout is not None and racer.stdout.readline() == "ready\n"
    for racer in racers:  # released together
        assert racer.stdin is not None
        racer.stdin.write("go\n")
        racer.stdin.flush()
    paths = []
    for racer in racers:
        out, _ = racer.communicate(timeout=60)
        assert racer.returncode == 0
        paths.append(Path(out.strip()))
    assert len(set(paths)) == 2
    assert {p.name for p in folder.glob("*.yaml")} == {p.name for p in paths}


def test_a_taken_name_is_reported(tmp_path: Path) -> None:
    canvas = load_canvas(CANVAS)
    first = Filling.start(canvas, "Stadt", "Anna", "de", folder=tmp_path, named_after_author=True)
    second = Filling.start(canvas, "Stadt", "Anna", "de", folder=tmp_path, named_after_author=True)
    if first.draft.created == second.draft.created:
        assert second.named_like == first.path
    assert first.path != second.path
    assert first.path.exists() and second.path.exists()


# -- files stay what they are ------------------------------------------------------------------


def test_saving_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real" / "d.yaml"
    real.parent.mkdir()
    DraftWriter(real, "innovationslabor").save(make_draft({"a.x": "1"}))
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    writer = opened(link)
    draft = load_draft(link)
    draft.answers["a.x"] = "2"
    writer.save(draft)
    assert link.is_symlink()
    assert load_draft(real).answers["a.x"] == "2"


def test_a_device_is_written_to_not_replaced() -> None:
    write_atomic(Path("/dev/null"), b"anything")
    assert Path("/dev/null").is_char_device()


def test_a_device_is_no_draft(tmp_path: Path) -> None:
    with pytest.raises(WriteError) as err:
        DraftWriter(Path("/dev/null"), "innovationslabor").save(make_draft({}))
    assert err.value.code == "save_not_regular"


def test_temp_files_of_crashed_writers_are_removed(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    dead = tmp_path / ".d.yaml.999999999.abcd.tmp"
    dead.write_text("half")
    os.utime(dead, (1, 1))
    write_atomic(path, b"ganz")
    assert not dead.exists()


# -- what is written reads back ----------------------------------------------------------------


def test_a_draft_too_large_to_open_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    with pytest.raises(WriteError) as err:
        DraftWriter(path, "innovationslabor").save(make_draft({"a.x": "x" * (MAX_BYTES + 10)}))
    assert err.value.code == "save_too_large"
    assert not path.exists()


def test_lone_surrogates_are_written_as_replacement_characters(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    # What a Latin-1 byte becomes when a terminal's input is decoded with surrogateescape.
    DraftWriter(path, "innovationslabor").save(make_draft({"a.x": "Stra\udcdfe"}))
    assert load_draft(path).answers["a.x"] == "Stra\ufffde"


# -- open in two places ------------------------------------------------------------------------


@pytest.mark.process
def test_a_draft_open_elsewhere_is_named(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    DraftWriter(path, "innovationslabor").save(make_draft({}))
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        lock_path(path).write_text(
            f'{{"host": "{os.uname().nodename}", "pid": {other.pid}, "since": "2027-03-01T10:00:00+01:00"}}'
        )
        found = holder(path)
        assert found is not None and found.pid == other.pid
    finally:
        other.kill()
        other.wait()
    assert holder(path) is None  # its process is gone: a stale mark


def test_claim_and_release(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    assert claim(path) is None
    assert lock_path(path).exists()
    assert holder(path) is None  # our own mark is nobody else
    release(path)
    assert not lock_path(path).exists()
    lock_path(path).write_text("\x1b]0;kaputt\x07 {")  # unreadable marks count as nobody
    assert holder(path) is None


@pytest.mark.process
def test_standard_output_is_written_as_a_stream_also_into_a_pipe(tmp_path: Path) -> None:
    # /dev/stdout resolves to /proc/…/pipe:[…] when stdout is a pipe: it has no real path.
    script = (
        "from pathlib import Path; from kosi_tui.storage.atomic import write_atomic; "
        "write_atomic(Path('/dev/stdout'), b'durch die Leitung')"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, cwd=ROOT, check=True, timeout=60
    )
    assert result.stdout == b"durch die Leitung"


def test_the_header_says_own_comments_are_not_kept_and_they_are_not(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    DraftWriter(path, "innovationslabor").save(make_draft({"a.x": "1"}))
    text = path.read_text(encoding="utf-8")
    assert "Eigene Kommentare (#) übernimmt kosi beim nächsten Speichern nicht." in text
    assert "kosi does not keep comments of your own (#)" in text
    # Someone adds a comment by hand; the next save does as the header says.
    path.write_text(text.replace("answers:", "# Notiz von Hand\nanswers:"), encoding="utf-8")
    writer = opened(path)
    draft = load_draft(path)
    draft.answers["a.x"] = "2"
    writer.save(draft)
    assert "Notiz von Hand" not in path.read_text(encoding="utf-8")


def test_an_older_background_copy_never_overwrites_a_newer_save(tmp_path: Path) -> None:
    canvas = load_canvas(CANVAS)
    filling = Filling.start(canvas, "Stadt", "Erika", "de", folder=tmp_path)
    filling.set_answer("anlass.herausforderung", "alt")
    older = filling.snapshot()  # a background save has taken its copy …
    filling.set_answer("anlass.herausforderung", "neu")
    assert filling.save().error is None  # … when quitting saves the newer answers first
    filling.apply(filling.write(older))  # then the background save gets its turn
    assert load_draft(filling.path).answers["anlass.herausforderung"] == "neu"
    assert not filling.dirty


def test_an_unexpected_failure_while_saving_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    canvas = load_canvas(CANVAS)
    filling = Filling.start(canvas, "Stadt", "Erika", "de", folder=tmp_path)
    filling.set_answer("anlass.herausforderung", "x")

    def broken(*_args: object) -> None:
        raise RuntimeError("kaputt")

    monkeypatch.setattr(filling.writer, "save", broken)
    result = filling.save()
    assert result.error is not None and "kaputt" in result.error.reason
    assert filling.dirty


def test_two_saves_at_the_same_moment_do_not_undo_each_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    path = tmp_path / "d.yaml"
    DraftWriter(path, "innovationslabor").save(make_draft({"a.x": "1"}))
    first, second = opened(path), opened(path)
    mine, theirs = load_draft(path), load_draft(path)
    mine.answers["a.mine"] = "A"
    theirs.answers["a.theirs"] = "B"
    has_read, go_on = threading.Event(), threading.Event()
    real_current = DraftWriter._current

    def pausing(self: DraftWriter) -> bytes | None:
        data = real_current(self)
        if self is first:  # the first writer has read the file and is about to replace it
            has_read.set()
            go_on.wait(30)
        return data

    monkeypatch.setattr(DraftWriter, "_current", pausing)
    a = threading.Thread(target=first.save, args=(mine,))
    a.start()
    assert has_read.wait(30)
    b = threading.Thread(target=second.save, args=(theirs,))
    b.start()
    b.join(1.0)  # with the folder's write lock it waits for the first writer
    go_on.set()
    a.join(30)
    b.join(30)
    assert load_draft(path).answers == {"a.x": "1", "a.mine": "A", "a.theirs": "B"}


def test_a_conflict_copy_is_not_another_participant(tmp_path: Path) -> None:
    from kosi_tui.report.collect import collect_workshop

    path = tmp_path / "anna.yaml"
    first = DraftWriter(path, "innovationslabor")
    mine = make_draft({"anlass.herausforderung": "alt"})
    first.save(mine.model_copy(deep=True))
    theirs = load_draft(path)
    theirs.answers["anlass.herausforderung"] = "deins"
    opened(path).save(theirs)
    mine.answers["anlass.herausforderung"] = "meins"
    assert first.save(mine).copy is not None
    workshop = collect_workshop([tmp_path], "de")
    assert len(workshop.participants) == 1
