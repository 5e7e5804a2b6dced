"""The game's record: when the board saw each offer submitted, or changed after submitting, kept
as JSON lines in the workshop folder beside the round file.

The board appends; it never rewrites a line, so a board started again (or the served board
beside the terminal one) reads what was seen before and goes on from there. A line that cannot be
read (a crash mid-write, a hand edit) is skipped. Participants' drafts are never touched: what was
submitted when is what the board saw, within a second of the save.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path

from kosi_tui.core.group import RoundResult, role_name
from kosi_tui.core.group_canvas import GameEvent, Group
from kosi_tui.core.group_record import CHANGED, SUBMITTED, Entry, Marks, marks, observe
from kosi_tui.core.text import localize
from kosi_tui.faces.board.round_state import RoundState
from kosi_tui.i18n import t
from kosi_tui.report.game import Game

__all__ = [
    "CHANGED",
    "RECORD_FILE",
    "SUBMITTED",
    "Entry",
    "Marks",
    "append_record",
    "event_text",
    "keep_record",
    "marks",
    "observe",
    "read_record",
    "record_parts",
]

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
        except (ValueError, TypeError):
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


def keep_record(folder: Path, game: Game | None, state: RoundState | None) -> list[Entry]:
    """The record after adding what the current round shows new (both boards call this on each
    reading, so the record does not depend on which board the trainer uses)."""
    record = read_record(folder)
    group = game.compiled.canvas.group if game is not None else None
    if game is None or group is None:
        return record
    index = min(state.round if state is not None else 0, len(group.rounds) - 1)
    new = observe(record, game.rounds(index)[-1], group)
    # A folder that cannot be written keeps the board going; the record just misses it.
    if append_record(folder, new):
        record += new
    return record


def record_parts(game: Game, result: RoundResult, record: list[Entry], lang: str) -> list[str]:
    """For the status line: who submitted before the role that commits first, who changed an
    offer after submitting."""
    group = game.compiled.canvas.group
    if group is None:
        return []
    seen = marks(record, result.round.id)
    first = ", ".join(role_name(r, lang, True) for r in group.roles if r.id in result.round.first)
    parts = []
    for keys, key in ((seen.early, "board.before_first"), (seen.changed, "board.changed")):
        rows = [r for r in result.rows if r.member.key in keys]
        if rows:
            roles = ", ".join(role_name(r.role, lang, True) for r in rows)
            parts.append(t(key, lang, roles=roles, first=first))
    return parts


def event_text(group: Group, event: GameEvent, lang: str) -> str:
    """An event card as the board shows it: title, text and the roles it concerns."""
    text = t(
        "board.event", lang, title=localize(event.title, lang), text=localize(event.text, lang)
    )
    roles = [r for r in group.roles if r.id in event.roles]
    if roles:
        text += t("board.event_for", lang, roles=", ".join(role_name(r, lang, True) for r in roles))
    return text
