"""A workshop folder read as a group game: every participant's draft as a member with a role.

The drafts are read like the workshop summary reads them (`collect_workshop`), so a draft that
cannot be used is named and left out the same way. Two files of one draft (a conflict copy
beside the draft) count once: the version saved last.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kosi_tui.core.compiled import CompiledCanvas
from kosi_tui.core.group import Member, RoundResult, play
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


@dataclass
class Game:
    """The members of one group game and the files left out."""

    compiled: CompiledCanvas
    members: list[Member] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def rounds(self, upto: int | None = None) -> list[RoundResult]:
        """The rounds up to `upto` (0-based; default all), each with its table and figures."""
        return play(self.compiled, self.members, upto)


def _name(participant: Participant) -> str:
    draft = participant.draft
    return draft.author or draft.organisation or participant.path.stem


def game_from_workshop(workshop: Workshop) -> Game:
    """The members of a collected workshop; one per draft id, the version saved last."""
    if workshop.compiled.canvas.group is None:
        raise NotAGroup(workshop.compiled.canvas.id)
    newest: dict[str, Participant] = {}
    for participant in workshop.participants:
        key = participant.draft.id or participant.path.name
        known = newest.get(key)
        if known is None or participant.draft.updated > known.draft.updated:
            newest[key] = participant
    members = [
        Member(key, _name(p), p.session, p.draft.updated) for key, p in sorted(newest.items())
    ]
    return Game(workshop.compiled, members, list(workshop.skipped))


def load_game(folder: Path, lang: str, canvas: Path | None = None) -> Game:
    """The game in a workshop folder. With `canvas`, drafts of other canvases are left out and
    a folder without drafts is an empty game; without, the folder's most common canvas counts.

    Raises `ProblemsError` when there is no draft and no canvas given, `NotAGroup` when the
    canvas is not played as a group.
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
    return game_from_workshop(workshop)
