"""The game's record file: when the board saw each offer submitted, or changed after submitting,
and which event cards it played, kept as JSON lines in the workshop folder beside the round file.

The board appends; it never rewrites a line, so a board started again (or the served board
beside the terminal one) reads what was seen before and goes on from there. A line that cannot be
read (a crash mid-write, a hand edit) is skipped. Participants' screens only ever read it (the
event cards played for them).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path

from kosi_tui.core.group_record import Entry

RECORD_FILE = "kosi-planspiel-log.jsonl"


def read_record(folder: Path) -> list[Entry]:
    """The record so far; lines that cannot be read are left out."""
    try:
        text = (folder / RECORD_FILE).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    entries = []
    for line in text.splitlines():
        try:
            data = json.loads(line)
            entry = Entry(**data) if isinstance(data, dict) else None
        except (ValueError, TypeError, RecursionError):  # RecursionError: nested too deep
            continue
        if entry is not None and all(
            isinstance(v, str) for v in (entry.time, entry.round, entry.member, entry.event)
        ):
            entries.append(entry)
    return entries


def append_record(folder: Path, entries: list[Entry]) -> bool:
    """Appends `entries` as whole lines; False when the folder cannot be written."""
    if not entries:
        return True
    text = "".join(json.dumps(asdict(e), ensure_ascii=False) + "\n" for e in entries)
    try:
        flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0)
        fd = os.open(folder / RECORD_FILE, flags, 0o644)
        try:
            # A line cut off by a crash is ended first, so the new entries stay readable.
            # (lseek and read, not pread, which Windows lacks; O_APPEND writes at the end.)
            size = os.fstat(fd).st_size
            if size:
                os.lseek(fd, size - 1, os.SEEK_SET)
                if os.read(fd, 1) != b"\n":
                    text = "\n" + text
            os.write(fd, text.encode("utf-8"))
        finally:
            os.close(fd)
    except OSError:
        return False
    return True
