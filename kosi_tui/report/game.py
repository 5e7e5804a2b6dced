"""A workshop folder read as a group game: every participant's draft as a member with a role.

The drafts are read like the workshop summary reads them (`collect_workshop`), so a draft that
cannot be used is named and left out the same way. Two files with one draft id (a copied file;
conflict copies are already left out) are both shown and named, never one of them silently
dropped: which of them is played only the trainer can tell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kosi_tui.core.compiled import CompiledCanvas
from kosi_tui.core.group import Member, RoundResult, play, rejected_text, role_name
from kosi_tui.core.group_canvas import Role
from kosi_tui.core.text import localize
from kosi_tui.i18n import t
from kosi_tui.report.collect import collect_workshop
from kosi_tui.report.workshop import Participant, Skipped, Workshop, skip
from kosi_tui.storage.canvas_file import load_canvas
from kosi_tui.storage.problems import ProblemsError

GROUP_CANVAS_ID = "planspiel_fahrradgarage"
"""The bundled group canvas, for a board started on a folder with no drafts yet."""


class NotAGroup(Exception):
    """The drafts belong to a canvas that is not played as a group."""

    def __init__(self, canvas_id: str) -> None:
        super().__init__(canvas_id)
        self.canvas_id = canvas_id


@dataclass(frozen=True)
class Duplicate:
    """Files that carry the same draft id: a copied draft, each file a member of its own."""

    draft_id: str
    paths: list[Path]


@dataclass
class Game:
    """The members of one group game and the files left out."""

    compiled: CompiledCanvas
    members: list[Member] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    record_keys: dict[str, str] = field(default_factory=dict)
    """Anonymous: the members' keys in the game's record (draft ids) → their keys here, where
    no draft id is kept; empty otherwise (the keys are the record's)."""

    def rounds(self, upto: int | None = None) -> list[RoundResult]:
        """The rounds up to `upto` (0-based; default all), each with its table and figures."""
        return play(self.compiled, self.members, upto)


def _name(participant: Participant) -> str:
    draft = participant.draft
    return draft.author or draft.organisation or participant.path.stem


def _by_id(workshop: Workshop) -> list[tuple[str, list[Participant]]]:
    """The participants by draft id (their file's name without one), in the board's order."""
    by_id: dict[str, list[Participant]] = {}
    for participant in workshop.participants:
        by_id.setdefault(participant.draft.id or participant.path.name, []).append(participant)
    for participants in by_id.values():
        participants.sort(key=lambda p: p.path.name)
    return sorted(by_id.items())


def _keys(workshop: Workshop) -> dict[int, str]:
    """Each participant's member key (by the participant's `id()`)."""
    return {
        # The board's row keys must differ; the first file keeps the plain id.
        id(p): draft_id if n == 0 else f"{draft_id}:{p.path.name}"
        for draft_id, participants in _by_id(workshop)
        for n, p in enumerate(participants)
    }


def game_from_workshop(workshop: Workshop) -> Game:
    """The members of a collected workshop, one per file; files sharing a draft id are named."""
    if workshop.compiled.canvas.group is None:
        raise NotAGroup(workshop.compiled.canvas.id)
    keys = _keys(workshop)
    members: list[Member] = []
    duplicates: list[Duplicate] = []
    for draft_id, participants in _by_id(workshop):
        if len(participants) > 1:
            duplicates.append(Duplicate(draft_id, [p.path for p in participants]))
        for p in participants:
            members.append(Member(keys[id(p)], _name(p), p.session, p.draft.updated))
    return Game(workshop.compiled, members, list(workshop.skipped), duplicates)


def status_parts(game: Game, result: RoundResult, lang: str) -> list[str]:
    """The board's status line, for the terminal and the served board alike: who has submitted,
    whom the round waits for, who walked away, roles nobody or two play, files left out."""
    group = game.compiled.canvas.group
    assert group is not None

    def names(roles: list[Role | None]) -> str:
        return ", ".join(role_name(r, lang, short=True) for r in roles)

    parts = [t("board.submitted", lang, done=len(result.submitted), total=len(result.rows))]
    waiting = result.waiting_for(group)
    if waiting:
        parts.append(t("board.waiting_for", lang, roles=names(list(waiting))))
    elif result.round.first:
        first = [r for r in group.roles if r.id in result.round.first]
        parts.append(t("board.first", lang, roles=names(list(first))))
    if result.walked_away:
        parts.append(
            t("board.walked_away", lang, roles=names([r.role for r in result.walked_away]))
        )
    if missing := result.missing_roles(group):
        parts.append(t("board.not_played", lang, roles=names(list(missing))))
    if doubled := result.doubled_roles(group):
        parts.append(t("board.doubled", lang, roles=names(list(doubled))))
    if game.skipped:
        parts.append(t("board.skipped", lang, count=len(game.skipped)))
    return parts


def round_notices(game: Game, result: RoundResult, lang: str) -> list[str]:
    """The round's answers left out of the sums and its offers beyond their role's card."""
    lines = [rejected_text(game.compiled, r, lang) for r in result.rejected]
    for row, limit in result.beyond:
        lines.append(t("group.beyond", lang, role=role_name(row.role, lang, short=True),
                       name=row.member.name, message=localize(limit.message, lang)))  # fmt: skip
    return lines


def notices(game: Game, result: RoundResult | None, lang: str) -> list[str]:
    """What the trainer must know beside the figures, each named: the round's answers outside
    their bounds or of the wrong type (left out), offers beyond their role's card (counted),
    files sharing a draft id, files that could not be used."""
    lines = round_notices(game, result, lang) if result else []
    for duplicate in game.duplicates:
        files = ", ".join(path.name for path in duplicate.paths)
        lines.append(t("group.duplicate", lang, files=files))
    for skipped in game.skipped:
        lines.append(t("group.skipped", lang, file=skipped.path.name, reason=skipped.reason))
    return lines


def load_game(folder: Path, lang: str, canvas: Path | None = None, anonymous: bool = False) -> Game:
    """The game in a workshop folder. With `canvas`, drafts of other canvases are left out and
    a folder without drafts is an empty game; without, the folder's most common canvas counts.

    Raises `ProblemsError` when there is no draft and no canvas given, `NotAGroup` when the
    canvas is not played as a group. `anonymous` names nobody (as `kosi summary --anonymous`):
    players are "Person 1", …, names in answers are replaced, files are not named.
    """
    try:
        workshop = collect_workshop([folder], lang, canvas)
    except ProblemsError as err:
        if canvas is None:
            raise
        # Nothing readable yet: an empty game, naming the files that could not be read.
        workshop = Workshop(load_canvas(canvas).compiled)
        for problem in err.problems:
            if problem.code != "no_drafts":
                skip(workshop, problem.file, problem, lang)
    if not anonymous:
        return game_from_workshop(workshop)
    from kosi_tui.report.anonymous import anonymise

    hidden = anonymise(workshop, lang)
    game = game_from_workshop(hidden)
    # `anonymise` keeps the participants' order: the n-th is "Person n" in both.
    was, now = _keys(workshop), _keys(hidden)
    game.record_keys = {
        was[id(a)]: now[id(b)]
        for a, b in zip(workshop.participants, hidden.participants, strict=True)
    }
    return game
