"""What a participant sees of the game on their own screen: their role card, the round the board
is in, the offer carried over from their last round, where it goes beyond their card, and the
event cards played for them.

The same for every face (the terminal app, plain mode, the browser form): the face reads the
board's round (`storage.round_state.current_round`) and the record
(`storage.game_record.read_record`) from the draft's folder and asks `player_view`; a new round
section is prefilled with `carry_over`. Nothing here reads or writes a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kosi_tui.core.expr.nodes import Ref, walk
from kosi_tui.core.group import Member, own_beyond, own_rule
from kosi_tui.core.group_canvas import CardLimit, GameEvent, Group, Role, Round
from kosi_tui.core.group_record import Entry, played_events
from kosi_tui.core.session import Session


@dataclass(frozen=True)
class PlayedEvent:
    """An event card played for the participant: in which round (0-based), when, which."""

    round: int
    time: str
    event: GameEvent


@dataclass(frozen=True)
class PlayerView:
    """The game as one participant sees it beside the section on screen."""

    role: Role | None
    """The role they took (its card), None while not chosen."""
    rounds: int
    """How many rounds the game has."""
    section_round: int | None
    """The round (0-based) the section on screen is filled in; None outside the rounds."""
    board_round: int | None
    """The round (0-based) the board has set; None while no board runs in the folder."""
    carried: list[str] = field(default_factory=list)
    """Answers of the section still as carried over from the last round (question keys)."""
    beyond: list[CardLimit] = field(default_factory=list)
    """The limits of their card that this round's offer goes beyond."""
    events: list[PlayedEvent] = field(default_factory=list)
    """The event cards played so far that concern their role, in order."""


def group_of(session: Session) -> Group | None:
    """The game the draft is played in, None for a canvas that is not a group game."""
    return session.compiled.canvas.group


def role_of(session: Session) -> Role | None:
    """The role the participant took, with its card; None while not chosen."""
    group = group_of(session)
    if group is None:
        return None
    value = session.value(group.role_question)
    return next((role for role in group.roles if role.id == value), None)


def round_of_section(group: Group, section_id: str) -> int | None:
    """The round (0-based) whose section `section_id` is; None for any other section."""
    return next((i for i, rnd in enumerate(group.rounds) if rnd.section == section_id), None)


def _submit_questions(session: Session) -> frozenset[str]:
    """The question ids the canvas's `submitted` rule reads (`abgeben`): never carried over, so a
    new round is not given in before the participant says so."""
    node = session.compiled.group.get("submitted")
    if node is None:
        return frozenset()
    return frozenset(
        n.key.split(".", 1)[1]
        for n in walk(node)
        if isinstance(n, Ref) and n.parts and n.parts[0] == "round" and "." in n.key
    )


def _member(session: Session) -> Member:
    return Member("", "", session)


def _submitted_in(session: Session, rnd: Round) -> bool:
    return own_rule(session.compiled, _member(session), rnd, "submitted")


def _previous(session: Session, section_id: str) -> tuple[Group, Round, Round] | None:
    """The game, the round of `section_id` and the one before, where there is one before."""
    group = group_of(session)
    index = round_of_section(group, section_id) if group is not None else None
    if group is None or not index:
        return None
    return group, group.rounds[index], group.rounds[index - 1]


def carry_over(session: Session, section_id: str) -> dict[str, Any]:
    """The answers to prefill a new round's section with: the participant's offer of the round
    before, to be changed rather than typed again.

    Only into a section with no answer yet, only from an offer given in (the canvas's explicit
    `submitted` rule: without one, a prefilled offer would count as submitted before anyone
    looked at it), and never the submit question itself.
    """
    found = _previous(session, section_id)
    if found is None or found[0].submitted is None:
        return {}
    _group, rnd, before = found
    prefix = f"{rnd.section}."
    if any(key.startswith(prefix) for key in session.answers):
        return {}
    if not _submitted_in(session, before):
        return {}
    skip = _submit_questions(session)
    out = {}
    for key, value in session.answers.items():
        section, _, question = key.partition(".")
        target = f"{rnd.section}.{question}"
        carried = section == before.section and question not in skip and value is not None
        if carried and target in session.compiled.questions:
            out[target] = value
    return out


def carried_over(session: Session, section_id: str) -> list[str]:
    """The section's answers that are still as in the round before (carried over, not changed)."""
    found = _previous(session, section_id)
    if found is None or found[0].submitted is None:
        return []
    _group, rnd, before = found
    skip = _submit_questions(session)
    out = []
    for key, value in session.answers.items():
        section, _, question = key.partition(".")
        if section != rnd.section or question in skip or value is None:
            continue
        if session.answers.get(f"{before.section}.{question}") == value:
            out.append(key)
    return out


def beyond_card(session: Session, section_id: str) -> list[CardLimit]:
    """The limits of the participant's card that the offer in `section_id` goes beyond (as the
    board flags them; nothing for a party that walked away)."""
    group = group_of(session)
    index = round_of_section(group, section_id) if group is not None else None
    if group is None or index is None or not group.limits:
        return []
    return own_beyond(session.compiled, _member(session), group.rounds[index])


def events_for(group: Group, role: Role | None, record: list[Entry]) -> list[PlayedEvent]:
    """The event cards played so far that the role sees: those for everyone and its own."""
    index = {rnd.id: i for i, rnd in enumerate(group.rounds)}
    return [
        PlayedEvent(index.get(entry.round, 0), entry.time, event)
        for entry, event in played_events(group, record)
        if not event.roles or (role is not None and role.id in event.roles)
    ]


def player_view(
    session: Session, section_id: str, board_round: int | None, record: list[Entry]
) -> PlayerView | None:
    """What the participant sees of the game beside section `section_id`; None when the draft's
    canvas is not a group game."""
    group = group_of(session)
    if group is None:
        return None
    role = role_of(session)
    board = board_round if board_round is None else min(board_round, len(group.rounds) - 1)
    return PlayerView(
        role,
        len(group.rounds),
        round_of_section(group, section_id),
        board,
        carried_over(session, section_id),
        beyond_card(session, section_id),
        events_for(group, role, record),
    )
