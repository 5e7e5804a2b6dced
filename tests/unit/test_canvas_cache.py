"""Checked canvases are kept in the user's cache folder: a second start reads them back instead of
checking again, and a damaged, outdated or unwritable cache only costs time, never a result."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kosi_tui.paths import bundled_canvases, cache_dir
from kosi_tui.storage import canvas_cache, canvas_file
from kosi_tui.storage.canvas_file import load_canvas
from tests.conftest import DATA

CANVAS = bundled_canvases() / "innovationslabor.yaml"


def fresh_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forgets what this process already loaded, as a new start would."""
    monkeypatch.setattr(canvas_file, "_LOADED", {})


@pytest.fixture(autouse=True)
def new_start(monkeypatch: pytest.MonkeyPatch) -> None:
    # Other tests loaded the same files into this process, but into another user folder.
    fresh_process(monkeypatch)


def no_checking(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object) -> None:
        raise AssertionError("the canvas was checked again")

    monkeypatch.setattr("kosi_tui.core.checks.check_canvas", fail)


def entries() -> list[Path]:
    return sorted((cache_dir() / "canvases").glob("*.pickle"))


def test_a_second_start_reads_the_checked_canvas_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "labor.yaml"
    shutil.copy(CANVAS, path)
    first = load_canvas(path)
    assert len(entries()) == 1
    fresh_process(monkeypatch)
    no_checking(monkeypatch)
    second = load_canvas(path)
    assert second is not first
    assert second.canvas == first.canvas
    assert list(second.compiled.questions) == list(first.compiled.questions)
    assert second.compiled.order == first.compiled.order


def test_warnings_read_back_name_the_file_they_belong_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = DATA / "bad" / "missing_translation.yaml"
    first = load_canvas(original)
    assert first.warnings
    copy = tmp_path / "kopie.yaml"
    shutil.copy(original, copy)
    fresh_process(monkeypatch)
    no_checking(monkeypatch)
    again = load_canvas(copy)
    assert [(w.line, w.code) for w in again.warnings] == [(w.line, w.code) for w in first.warnings]
    assert {w.file for w in again.warnings} == {copy}


def test_a_changed_file_is_checked_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "labor.yaml"
    shutil.copy(CANVAS, path)
    load_canvas(path)
    path.write_text(path.read_text(encoding="utf-8").replace("minutes: 90", "minutes: 50"))
    fresh_process(monkeypatch)
    assert load_canvas(path).canvas.minutes == 50
    assert len(entries()) == 2


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05K\x01."])
def test_a_damaged_entry_is_checked_again_and_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: bytes
) -> None:
    path = tmp_path / "labor.yaml"
    shutil.copy(CANVAS, path)
    load_canvas(path)
    (entry,) = entries()
    entry.write_bytes(damage)
    fresh_process(monkeypatch)
    assert load_canvas(path).canvas.id == "innovationslabor"
    assert entry.read_bytes() != damage


def test_a_cache_folder_that_cannot_be_written_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the cache folder would be")
    monkeypatch.setattr(canvas_cache, "cache_dir", lambda: blocker)
    assert load_canvas(CANVAS).canvas.id == "innovationslabor"


def test_old_entries_are_pruned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(canvas_cache, "MAX_ENTRIES", 3)
    path = tmp_path / "labor.yaml"
    text = CANVAS.read_text(encoding="utf-8")
    for minutes in range(40, 46):
        path.write_text(text.replace("minutes: 90", f"minutes: {minutes}"), encoding="utf-8")
        load_canvas(path)
    assert len(entries()) == 3


def test_other_kosi_code_does_not_read_old_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "labor.yaml"
    shutil.copy(CANVAS, path)
    load_canvas(path)
    fresh_process(monkeypatch)
    monkeypatch.setattr(canvas_cache, "_code_fingerprint", lambda: "an updated kosi")
    assert canvas_cache.get(load_canvas(path).sha256, path) is not None  # written anew
    assert len(entries()) == 2
