"""A participant's side of a group game, for every face that fills a draft (the terminal app,
plain mode, the browser form): the game read from the draft's folder, and a new round's section
prefilled from the last round's offer.

What to show is decided in `core/group_player.py`; this only reads the board's files (never
writes them) and puts carried-over answers into the draft through `Filling`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kosi_tui.core.group_canvas import Role
from kosi_tui.core.group_player import PlayerView, carry_over, player_view
from kosi_tui.core.group_record import Entry
from kosi_tui.core.text import localize
from kosi_tui.faces.filling import Filling
from kosi_tui.i18n import t
from kosi_tui.storage.game_record import read_record
from kosi_tui.storage.round_state import current_round


@dataclass(frozen=True)
class GameNow:
    """What the board has written to the draft's folder: its round and its record."""

    round: int | None = None
    record: list[Entry] = field(default_factory=list)


def read_game_now(folder: Path, canvas_id: str) -> GameNow:
    """The board's round and record in `folder` (nothing while no board runs there); never
    raises, so a screen can ask it every few seconds in a thread."""
    return GameNow(current_round(folder, canvas_id), read_record(folder))


def is_game(filling: Filling) -> bool:
    """Whether the draft is played in a group game."""
    return filling.canvas.canvas.group is not None


def view_of(filling: Filling, section_id: str, now: GameNow) -> PlayerView | None:
    """The participant's view beside `section_id`; None outside a group game."""
    return player_view(filling.session, section_id, now.round, now.record)


def carry_into(filling: Filling, section_id: str) -> list[str]:
    """Prefills a new round's empty section with the offer the participant gave in the round
    before; the keys filled (the caller saves)."""
    values = carry_over(filling.session, section_id)
    for key, value in values.items():
        filling.set_answer(key, value)
    return sorted(values)


def card_lines(role: Role, lang: str) -> list[str]:
    """A role card as lines of plain text: the public side, then the private one."""
    card = role.card
    lines = [
        f"{t('cards.who', lang)}: {localize(card.who, lang)}",
        f"{t('cards.interests', lang)}: {localize(card.interests, lang)}",
        f"{t('cards.resources', lang)}: {localize(card.resources, lang)}",
        f"{t('cards.constraints', lang)}: {localize(card.constraints, lang)}",
        f"{t('cards.walk_away', lang)}: {localize(card.walk_away, lang)}",
    ]
    if card.private is not None:
        lines.append(f"{t('cards.private', lang)}: {localize(card.private, lang)}")
    return lines


def event_lines(view: PlayerView, lang: str) -> list[str]:
    """The event cards played for the role, one line each."""
    return [
        t("game.event", lang, n=played.round + 1, title=localize(played.event.title, lang),
          text=localize(played.event.text, lang))
        for played in view.events
    ]  # fmt: skip


def round_notes(view: PlayerView, lang: str) -> list[str]:
    """Whether the board has not reached the section's round yet or has moved past it: said
    beside the round's questions in every face."""
    if view.section_round is None or view.board_round is None:
        return []
    if view.section_round > view.board_round:
        return [t("game.not_yet", lang)]
    if view.section_round < view.board_round:
        return [t("game.round_over", lang)]
    return []


class PlainGame:
    """The game in plain mode, said in lines: when a section starts, the role, the board's round,
    the card once per sitting, the event cards and what was carried over; after an answer, a
    limit of the card the offer now goes beyond (a note, once per limit)."""

    def __init__(self, filling: Filling, lang: str, say: Callable[[str], None]) -> None:
        self.filling, self.lang, self.say = filling, lang, say
        self._card_said = False
        self._beyond: set[int] = set()

    def section(self, section_id: str) -> list[str]:
        """Says the game at the start of section `section_id`; the keys carried over into it
        (the caller saves them)."""
        if not is_game(self.filling):
            return []
        lang = self.lang
        carried = carry_into(self.filling, section_id)
        now = read_game_now(self.filling.path.parent, self.filling.canvas.canvas.id)
        view = view_of(self.filling, section_id, now)
        if view is None or view.role is None:
            return carried
        line = t("game.your_role", lang, role=localize(view.role.name, lang))
        if view.board_round is not None:
            line += " · " + t("game.board_round", lang, n=view.board_round + 1, total=view.rounds)
        self.say(line)
        if view.section_round is None:
            return carried
        for text in round_notes(view, lang):
            self.say(text)
        if not self._card_said:
            self._card_said = True
            self.say(t("plain.game_card", lang))
            for text in card_lines(view.role, lang):
                self.say("  " + text)
        for text in event_lines(view, lang):
            self.say(text)
        if carried and view.section_round:
            self.say(t("plain.game_carried", lang, n=view.section_round, count=len(carried)))
        self._beyond = {id(limit) for limit in view.beyond}
        return carried

    def answered(self, section_id: str) -> None:
        """Says the card's limits the offer goes beyond since the last answer."""
        if not is_game(self.filling):
            return
        view = view_of(self.filling, section_id, GameNow())
        if view is None:
            return
        now = {id(limit): limit for limit in view.beyond}
        for key, limit in now.items():
            if key not in self._beyond:
                self.say(t("game.beyond", self.lang, message=localize(limit.message, self.lang)))
                self.say(t("game.beyond_note", self.lang))
        self._beyond = set(now)
