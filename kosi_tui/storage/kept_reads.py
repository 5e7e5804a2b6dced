"""What was read from files, kept until a file changes, so that a list shown again (the start page
coming back into view) reads only the files that changed.

A file counts as unchanged while its size, modification time (in nanoseconds) and inode stay the
same: kosi replaces files atomically (a new inode), editors and other programs change the time.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class FileState:
    """What tells whether a file changed since it was read."""

    mtime_ns: int
    size: int
    inode: int

    @classmethod
    def of(cls, path: Path) -> FileState | None:
        """The file's state now; None if it cannot be looked at (then it is always read)."""
        try:
            st = os.stat(path)
        except OSError:
            return None
        return cls(st.st_mtime_ns, st.st_size, st.st_ino)


class KeptReads(Generic[T]):
    """`read(path)` for each file, done again only when the file changed; safe across threads."""

    def __init__(self, read: Callable[[Path], T]) -> None:
        self._read = read
        self._kept: dict[Path, tuple[FileState, T]] = {}
        self._lock = threading.Lock()

    def get(self, path: Path) -> T:
        """What `read` gave for the file as it is now."""
        # The state is taken before reading: a change during the read is seen next time.
        state = FileState.of(path)
        with self._lock:
            kept = self._kept.get(path)
        if state is not None and kept is not None and kept[0] == state:
            return kept[1]
        value = self._read(path)
        with self._lock:
            if state is None:
                self._kept.pop(path, None)
            else:
                self._kept[path] = (state, value)
        return value

    def keep_only(self, paths: Iterable[Path]) -> None:
        """Forgets files no longer listed (deleted or moved away)."""
        wanted = set(paths)
        with self._lock:
            for gone in self._kept.keys() - wanted:
                del self._kept[gone]
