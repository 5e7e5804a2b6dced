"""Small JSON files kosi keeps in a shared folder (the Planspiel's round, a draft's open-mark)
read as 'none' when damaged – even nested deeper than json can read – never as a traceback."""

from __future__ import annotations

from pathlib import Path

from kosi_tui.storage.draft_lock import holder, lock_path, release
from kosi_tui.storage.round_state import STATE_FILE, read_state

DEEP = "[" * 4000


def test_a_round_file_nested_too_deep_is_no_round(tmp_path: Path) -> None:
    (tmp_path / STATE_FILE).write_text(DEEP, encoding="utf-8")
    assert read_state(tmp_path) is None


def test_an_open_mark_nested_too_deep_is_nobody(tmp_path: Path) -> None:
    draft = tmp_path / "entwurf.yaml"
    draft.write_text("answers: {}\n", encoding="utf-8")
    lock_path(draft).write_text(DEEP, encoding="utf-8")
    assert holder(draft) is None
    release(draft)
    assert lock_path(draft).exists()  # not ours: left alone
