"""The game's record as the boards keep it: on each reading, what the round shows new is added
(`storage/game_record.py` reads and appends the file). Participants' drafts are never touched:
what was submitted when is what the board saw, within a second of the save.
"""

from __future__ import annotations

from pathlib import Path

from kosi_tui.core.group import RoundResult, role_name
from kosi_tui.core.group_canvas import GameEvent, Group
from kosi_tui.core.group_record import CHANGED, SUBMITTED, Entry, Marks, marks, observe
from kosi_tui.core.text import localize
from kosi_tui.i18n import t
from kosi_tui.report.game import Game
from kosi_tui.storage.game_record import RECORD_FILE, append_record, read_record
from kosi_tui.storage.round_state import RoundState

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
