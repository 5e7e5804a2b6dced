"""One writer at a time per folder, across processes: reading, merging and replacing a draft is
one step for everybody else.

Without it, two windows saving in the same millisecond could each read the file before the other
replaced it, and the later one would silently undo the earlier one's answer. The lock is the
operating system's (`flock` on the folder), so a crashed process never leaves it held. Where no
such lock exists (Windows, some network folders) saving goes on without it: the merge still
catches all but simultaneous saves.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]


@contextlib.contextmanager
def folder_locked(folder: Path) -> Iterator[None]:
    """Holds the folder's write lock for the `with` block (best effort, see the module)."""
    fd = -1
    if fcntl is not None:
        with contextlib.suppress(OSError):
            fd = os.open(folder, os.O_RDONLY)
            fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        yield
    finally:
        if fd >= 0:
            with contextlib.suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
