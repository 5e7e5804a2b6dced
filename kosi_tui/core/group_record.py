"""The game's record as data: when the board saw each offer submitted, or changed after
submitting. Reading and appending the record file is the board's (`faces/board/record.py`); the
debrief reads the entries to tell who moved when.
"""

from __future__ import annotations

from dataclasses import dataclass

from kosi_tui.core.answers import now
from kosi_tui.core.group import RoundResult, offer_fingerprint
from kosi_tui.core.group_canvas import GameEvent, Group

SUBMITTED, CHANGED, EVENT = "submitted", "changed", "event"


@dataclass(frozen=True)
class Entry:
    """One thing the board saw: a member's offer submitted, or changed after submitting."""

    time: str
    round: str
    member: str
    event: str
    fingerprint: str
    early: bool = False
    """Submitted while a role that commits first in the round had not yet."""


def observe(record: list[Entry], result: RoundResult, group: Group) -> list[Entry]:
    """What to add to the record for what the round shows now."""
    last: dict[str, str] = {}
    for entry in record:
        if entry.round == result.round.id:
            last[entry.member] = entry.fingerprint
    early = bool(result.waiting_for(group))
    first = set(result.round.first)
    time = now().isoformat()
    new = []
    for row in result.rows:
        if not row.submitted:
            continue
        fingerprint = offer_fingerprint(row.member, result.round)
        seen = last.get(row.member.key)
        if seen is None:
            before = early and (row.role is None or row.role.id not in first)
            new.append(Entry(time, result.round.id, row.member.key, SUBMITTED, fingerprint,
                             before))  # fmt: skip
        elif seen != fingerprint:
            new.append(Entry(time, result.round.id, row.member.key, CHANGED, fingerprint))
    return new


@dataclass(frozen=True)
class Marks:
    """What the record says about the round: who changed after submitting, who went early."""

    changed: frozenset[str]
    early: frozenset[str]


def marks(record: list[Entry], round_id: str) -> Marks:
    """The members (keys) whose offer changed after submitting, and who submitted early."""
    mine = [e for e in record if e.round == round_id]
    return Marks(
        frozenset(e.member for e in mine if e.event == CHANGED),
        frozenset(e.member for e in mine if e.event == SUBMITTED and e.early),
    )


def played_events(group: Group, record: list[Entry]) -> list[tuple[Entry, GameEvent]]:
    """The event cards played so far, in order, with the record's entry (time and round)."""
    by_id = {event.id: event for event in group.events}
    return [
        (e, by_id[e.fingerprint]) for e in record if e.event == EVENT and e.fingerprint in by_id
    ]


def next_event(group: Group, record: list[Entry], index: int) -> GameEvent | None:
    """The next card that may be played in round `index` (0-based): in the canvas's order, not
    played yet, its round reached."""
    played = {event.id for _, event in played_events(group, record)}
    for event in group.events:
        if event.id not in played and event.from_round <= index + 1:
            return event
    return None


def event_entry(group: Group, index: int, event: GameEvent) -> Entry:
    """The record's entry for playing `event` now in round `index`."""
    return Entry(now().isoformat(), group.rounds[index].id, "", EVENT, event.id)
