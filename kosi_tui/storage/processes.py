"""Whether a process still runs on this computer: tells a crashed writer's leftovers (temporary
files, open-draft marks) from a live one's.

POSIX asks with signal 0. Windows has no such signal (`os.kill(pid, 0)` there sends Ctrl+C to the
process), so it opens the process for a query and reads its exit code. Chosen over psutil by
measurement (commit message): the standard library asks in 0.6 µs with nothing to import, psutil
took 21–41 ms to import and 52 µs to ask.
"""

from __future__ import annotations

import os
import sys
from typing import Protocol

MAX_PID = 2**31 - 1
"""No system gives larger ids; a larger number (from a hand-edited mark) names no process."""

STILL_ACTIVE = 259
"""The exit code Windows reports for a process that has not ended."""
ERROR_ACCESS_DENIED = 5
PROCESS_QUERY_LIMITED_INFORMATION = 0x1000


class ProcessQuery(Protocol):
    """The three Windows calls the check needs (ctypes on Windows; a stand-in in tests)."""

    def open(self, pid: int) -> int:
        """A handle for querying `pid`, or 0 (then `last_error` says why)."""

    def exit_code(self, handle: int) -> int | None:
        """The exit code, STILL_ACTIVE while it runs; None if it cannot be read."""

    def close(self, handle: int) -> None:
        """Gives the handle back."""

    def last_error(self) -> int:
        """The error of the last failed call."""


def process_alive(pid: int) -> bool:
    """Whether a process of that id runs on this computer (one we may not ask about counts)."""
    if pid == os.getpid():
        return True
    if not 0 < pid <= MAX_PID:
        # 0 and -1 would ask about process groups and every process; a huge id overflows.
        return False
    if sys.platform == "win32":
        return windows_process_alive(pid, _windows_query())
    return posix_process_alive(pid)


def posix_process_alive(pid: int) -> bool:
    """Signal 0: nothing is sent, only whether it could be."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, but belongs to someone else
    return True


def windows_process_alive(pid: int, query: ProcessQuery) -> bool:
    """Opens the process for a query and reads whether it has ended."""
    handle = query.open(pid)
    if not handle:
        # Denied: it runs, as another user or a service. Anything else: no such process.
        return query.last_error() == ERROR_ACCESS_DENIED
    try:
        code = query.exit_code(handle)
    finally:
        query.close(handle)
    # An unreadable exit code counts as running: a live holder is never taken for a dead one.
    return code is None or code == STILL_ACTIVE


def _windows_query() -> ProcessQuery:  # pragma: no cover - runs on Windows only
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
    kernel32.OpenProcess.argtypes = [wintypes.DWORD, wintypes.BOOL, wintypes.DWORD]
    kernel32.OpenProcess.restype = wintypes.HANDLE
    kernel32.GetExitCodeProcess.argtypes = [wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD)]
    kernel32.GetExitCodeProcess.restype = wintypes.BOOL
    kernel32.CloseHandle.argtypes = [wintypes.HANDLE]
    kernel32.CloseHandle.restype = wintypes.BOOL

    class Kernel32:
        def open(self, pid: int) -> int:
            return int(kernel32.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, False, pid) or 0)

        def exit_code(self, handle: int) -> int | None:
            code = wintypes.DWORD()
            if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
                return None
            return int(code.value)

        def close(self, handle: int) -> None:
            kernel32.CloseHandle(handle)

        def last_error(self) -> int:
            return int(ctypes.get_last_error())  # type: ignore[attr-defined,unused-ignore]

    return Kernel32()
