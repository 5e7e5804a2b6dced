"""A mark beside a draft while it is open, so a second window can say where it is open already.

The mark (`.NAME.lock`, JSON) names the computer, the process and since when. It is advice, not a
lock: saving is conflict-aware anyway, so opening twice never loses answers; the mark only lets
kosi say so. A mark whose process is gone on this computer is stale and is ignored.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import socket
from dataclasses import dataclass
from pathlib import Path

from kosi_tui.storage.atomic import WriteError, real_target, write_atomic
from kosi_tui.storage.processes import process_alive

_MAX_BYTES = 4096


@dataclass(frozen=True)
class Holder:
    """Who has a draft open: computer, process id, since when."""

    host: str
    pid: int
    since: dt.datetime

    @property
    def here(self) -> bool:
        """Whether the holder runs on this computer (only then can kosi check it still runs)."""
        return self.host == socket.gethostname()


def lock_path(draft: Path) -> Path:
    """Where the mark of `draft` lives (beside the real file, also for a linked draft)."""
    target = real_target(draft)
    return target.with_name(f".{target.name}.lock")


def holder(draft: Path) -> Holder | None:
    """Who else has `draft` open now, if anybody (stale and unreadable marks count as nobody)."""
    try:
        with open(lock_path(draft), "rb") as fh:
            data = json.loads(fh.read(_MAX_BYTES).decode("utf-8"))
        found = Holder(
            str(data["host"])[:200], int(data["pid"]), dt.datetime.fromisoformat(data["since"])
        )
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None
    if found.here and (found.pid == os.getpid() or not process_alive(found.pid)):
        return None
    return found


def claim(draft: Path) -> Holder | None:
    """Marks `draft` as open here; returns who else had it open (they keep working)."""
    other = holder(draft)
    mark = {
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "since": dt.datetime.now().astimezone().replace(microsecond=0).isoformat(),
    }
    # A folder that cannot take the mark can still take the draft, or fail with its own message.
    with contextlib.suppress(WriteError):
        write_atomic(lock_path(draft), json.dumps(mark).encode("utf-8"), backup=False)
    return other


def release(draft: Path) -> None:
    """Removes the mark if it is still this process's."""
    path = lock_path(draft)
    try:
        with open(path, "rb") as fh:
            data = json.loads(fh.read(_MAX_BYTES).decode("utf-8"))
        if data.get("host") == socket.gethostname() and data.get("pid") == os.getpid():
            path.unlink()
    except (OSError, ValueError, AttributeError, RecursionError):
        pass
