"""The process check and the folder lock on every system, tested on this one.

Public behaviour first (a live and an ended process; the lock keeps out a second process). The
Windows branches run here with stand-ins for the two Windows calls they use: `OpenProcess` and
its exit code, and `msvcrt.locking` on a byte, played by `fcntl.lockf` (a byte-range lock between
processes as well). What is tested is kosi's logic around those calls, not the calls themselves.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from kosi_tui.storage import atomic, processes
from kosi_tui.storage.draft_lock import holder, lock_path
from kosi_tui.storage.processes import (
    ERROR_ACCESS_DENIED,
    STILL_ACTIVE,
    process_alive,
    windows_process_alive,
)
from kosi_tui.storage.write_lock import LOCK_FILE, folder_locked, lock_file_held
from tests.conftest import ROOT

# -- the process check ---------------------------------------------------------------------------


@pytest.mark.process
def test_a_running_and_an_ended_process() -> None:
    child = subprocess.Popen([sys.executable, "-c", "input()"], stdin=subprocess.PIPE)
    try:
        assert process_alive(child.pid)
    finally:
        child.communicate(b"\n", timeout=60)
    assert not process_alive(child.pid)  # ended and reaped
    assert process_alive(os.getpid())


@pytest.mark.parametrize("pid", [0, -1, 2**31, 10**20])
def test_ids_that_name_no_single_process(pid: int) -> None:
    # 0 and -1 asked about a process group and every process (alive); 10**20 raised OverflowError.
    assert not process_alive(pid)


def test_a_hand_edited_mark_with_a_huge_process_id_is_nobody(tmp_path: Path) -> None:
    draft = tmp_path / "entwurf.yaml"
    mark = {"host": socket.gethostname(), "pid": 10**20, "since": "2026-01-01T10:00"}
    lock_path(draft).write_text(json.dumps(mark))
    assert holder(draft) is None  # was an OverflowError out of os.kill


class FakeWindows:
    """OpenProcess / GetExitCodeProcess / CloseHandle / GetLastError, answered from a table."""

    def __init__(
        self, processes: dict[int, int | None], denied: frozenset[int] = frozenset()
    ) -> None:
        self.processes, self.denied = processes, denied
        self.error = 0
        self.open_handles: set[int] = set()

    def open(self, pid: int) -> int:
        if pid in self.denied:
            self.error = ERROR_ACCESS_DENIED
            return 0
        if pid not in self.processes:
            self.error = 87  # ERROR_INVALID_PARAMETER: no such process
            return 0
        self.open_handles.add(pid + 1000)
        return pid + 1000

    def exit_code(self, handle: int) -> int | None:
        return self.processes[handle - 1000]

    def close(self, handle: int) -> None:
        self.open_handles.remove(handle)

    def last_error(self) -> int:
        return self.error


def test_the_windows_check_reads_the_exit_code() -> None:
    windows = FakeWindows({10: STILL_ACTIVE, 11: 0, 12: None}, denied=frozenset({13}))
    assert windows_process_alive(10, windows)  # running
    assert not windows_process_alive(11, windows)  # ended with 0
    assert windows_process_alive(12, windows)  # unreadable: taken as running
    assert windows_process_alive(13, windows)  # another user's: running
    assert not windows_process_alive(14, windows)  # no such process
    assert windows.open_handles == set()  # every handle given back


@pytest.mark.process
def test_on_windows_no_signal_is_sent(monkeypatch: pytest.MonkeyPatch) -> None:
    child = subprocess.Popen([sys.executable, "-c", "input()"], stdin=subprocess.PIPE)
    sent: list[tuple[int, int]] = []
    try:
        monkeypatch.setattr(sys, "platform", "win32")
        monkeypatch.setattr(processes, "_windows_query", lambda: FakeWindows({}))
        monkeypatch.setattr(os, "kill", lambda pid, sig: sent.append((pid, sig)))
        # On Windows os.kill(pid, 0) would have sent Ctrl+C; the query says: no such process.
        assert not process_alive(child.pid)
        assert sent == []
    finally:
        monkeypatch.undo()
        child.communicate(b"\n", timeout=60)


# -- the folder lock -----------------------------------------------------------------------------


class LockfBytes:
    """Plays msvcrt.locking on Linux: a byte-range lock that another process cannot take."""

    def try_lock(self, fd: int) -> None:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, 0)

    def unlock(self, fd: int) -> None:
        fcntl.lockf(fd, fcntl.LOCK_UN, 1, 0)


HOLDER = """
import sys
from pathlib import Path
from kosi_tui.storage.write_lock import folder_locked, lock_file_held
from tests.unit.test_portable import LockfBytes

folder, how = Path(sys.argv[1]), sys.argv[2]
lock = folder_locked(folder) if how == "folder" else lock_file_held(folder, LockfBytes())
with lock as held:
    print("held" if held else "not held", flush=True)
    sys.stdin.readline()
"""


@pytest.mark.process
@pytest.mark.parametrize("how", ["folder", "windows"])
def test_the_lock_keeps_out_a_second_process(tmp_path: Path, how: str) -> None:
    def take(wait: float | None) -> contextlib.AbstractContextManager[bool]:
        if how == "folder":
            return folder_locked(tmp_path, wait)
        return lock_file_held(tmp_path, LockfBytes(), wait)

    other = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path), how],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert other.stdout is not None and other.stdin is not None
    try:
        assert other.stdout.readline().strip() == "held"
        with take(wait=0) as held:
            assert not held
        with take(wait=0.05) as held:  # a short wait does not get it either
            assert not held
    finally:
        other.communicate("\n", timeout=60)
    with take(wait=0) as held:
        assert held
    if how == "windows":
        assert (tmp_path / LOCK_FILE).is_file()
    else:
        assert list(tmp_path.iterdir()) == []  # flock on the folder adds no file


def test_a_folder_that_knows_no_locks_is_saved_to_all_the_same(tmp_path: Path) -> None:
    class NoLocks:
        def try_lock(self, fd: int) -> None:
            raise OSError(errno.ENOLCK, "No locks available")

        def unlock(self, fd: int) -> None:
            raise AssertionError("never locked")

    with lock_file_held(tmp_path, NoLocks()) as held:
        assert not held  # and it did not wait


def test_saving_works_without_fchmod(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Python on Windows has no os.fchmod before 3.13: every save failed with AttributeError.
    monkeypatch.delattr(os, "fchmod")
    target = tmp_path / "entwurf.yaml"
    atomic.write_atomic(target, b"a: 1\n")
    atomic.write_atomic(target, b"a: 2\n")
    assert target.read_bytes() == b"a: 2\n"
    assert atomic.create_exclusive(tmp_path / "neu.yaml", b"b: 1\n")
