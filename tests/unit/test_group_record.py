"""The game's record: lines that cannot be read are skipped, never a reason to stop the board."""

from __future__ import annotations

from pathlib import Path

from kosi_tui.faces.board.record import (
    CHANGED,
    RECORD_FILE,
    SUBMITTED,
    Entry,
    append_record,
    marks,
    read_record,
)


def test_a_record_with_broken_lines_is_read_as_far_as_it_goes(tmp_path: Path) -> None:
    good = Entry("2026-12-07T10:00:00+01:00", "r1", "abc", SUBMITTED, "f1")
    assert append_record(tmp_path, [good])
    with (tmp_path / RECORD_FILE).open("a", encoding="utf-8") as f:
        f.write('{"time": 1}\n[1, 2]\n{"round": "r1", "evil": "\\u001b[2J"}\n{"time": "x", "rou')
    assert read_record(tmp_path) == [good]
    later = Entry("2026-12-07T10:05:00+01:00", "r1", "abc", CHANGED, "f2")
    assert append_record(tmp_path, [later])
    # The line cut off by a crash is ended before the next entry, which is read.
    assert read_record(tmp_path) == [good, later]
    assert marks([good, later], "r1").changed == frozenset({"abc"})


def test_a_folder_that_cannot_be_written_keeps_the_board_going(tmp_path: Path) -> None:
    missing = tmp_path / "gone"
    assert not append_record(missing, [Entry("t", "r1", "abc", SUBMITTED, "f")])
    assert read_record(missing) == []
