"""The group part of a canvas (`group:`): a game several people play together, one draft each.

Each participant takes a role (a card: who they are, what they want, bring and must not give
up); the drafts of a workshop are read together, round by round, into one negotiation table and
group figures. These models check shape only; `group_checks.py` checks references and expressions.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from kosi_tui.core.text_type import Text

# The base model and id types are the same as in `canvas.py`, written again here because
# `canvas.py` imports this module for its `group` key.
Ident = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
ChoiceId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64)]
Expression = Annotated[str, StringConstraints(min_length=1, max_length=1000)]
QuestionKey = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")]

RUN_SHEET_LENGTHS = (30, 60, 90)
"""The lengths, in minutes, a run sheet is planned for; each phase gives one duration per length."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class RoleCard(_Model):
    """What a participant reads before the game: printed as a card, shown on the board's print."""

    who: Text
    """Who they are, in two or three sentences."""
    interests: Text
    """What they want from the project."""
    resources: Text
    """What they can bring: money, land, hours, know-how, a permit."""
    constraints: Text
    """What binds them: budgets, rules, a council decision, their members."""
    walk_away: Text
    """The point at which they leave the table."""
    private: Text | None = None
    """Something only this role knows; printed on the back of the card."""


class Role(_Model):
    """A party at the table; its id is a choice of the group's `role_question`."""

    id: ChoiceId
    name: Text
    short: Text | None = None
    """A short name for narrow tables (the board at 80 columns)."""
    card: RoleCard
    sections: list[Ident] | None = None
    """The sections this role fills (default: all); printed on its card."""


class Constant(_Model):
    """A figure of the game everyone plays with (the investment, a rate), named in expressions
    as `constants.id`."""

    id: Ident
    label: Text
    value: float
    unit: Text | None = None
    explain: Text | None = None


class Round(_Model):
    """One round: the section each participant fills in it, and who must commit first."""

    id: Ident
    title: Text
    section: Ident
    """The section filled in this round; every round's section has the same questions, and
    `round.question` in the group's expressions means the question of the round looked at."""
    task: Text | None = None
    """What happens in this round, for the board and the run sheet."""
    first: list[ChoiceId] = Field(default_factory=list)
    """Roles that must commit before the others in this round."""
    sealed: bool = False
    """Sealed offers: the board shows who has submitted but no amounts, sums or flags until the
    trainer reveals the round (simultaneous first offers, with the beamer on)."""


class TableColumn(_Model):
    """A column of the negotiation table: one value per participant, from their own draft."""

    id: Ident
    label: Text
    value: Expression
    """Evaluated in each participant's draft; `round.x` is the round's answer."""
    unit: Text | None = None
    total: bool = False
    """Whether the Σ row adds this column up."""
    narrow: bool = True
    """Whether the column is shown on a narrow board (80 columns); long texts are not."""


class GroupFigure(_Model):
    """A figure over all participants of a round: `sum(round.geld_einmalig)`, a gap."""

    id: Ident
    label: Text
    value: Expression
    unit: Text | None = None
    explain: Text
    """One sentence on how the figure comes about, for the board's print and the debrief."""


class GroupFlag(_Model):
    """Something the group has not settled (nobody carries the operating risk), per round."""

    id: Ident
    when: Expression
    message: Text
    step: Text | None = None


class Phase(_Model):
    """One step of the run sheet, with its minutes in a 30-, 60- and 90-minute game."""

    title: Text
    minutes: Annotated[list[Annotated[int, Field(ge=0, le=90)]], Field(min_length=3, max_length=3)]
    """Minutes in the 30-, 60- and 90-minute version; each version adds up to its length."""
    what: Text
    """What the trainer does and says."""


class CardLimit(_Model):
    """A limit on a role's card (at most 2,000 € once; walks away above 15 € a month): an offer
    beyond it is named on the board, so the trainer can ask whether the role may really give it."""

    role: ChoiceId
    when: Expression
    """Holds when the offer goes beyond the card, evaluated in the participant's draft."""
    message: Text


class GameEvent(_Model):
    """An event card the trainer plays from the board during the game ("Eilmeldung: …")."""

    id: Ident
    title: Text
    text: Text
    from_round: Annotated[int, Field(ge=1)] = 1
    """The first round (1-based) in which it may be played."""
    roles: list[ChoiceId] = Field(default_factory=list)
    """The roles it concerns: named with it on the board, and the only participants who see it
    on their own screen (default: everyone)."""


class Group(_Model):
    """A canvas played as a group: roles, rounds, the table and the figures over all drafts."""

    role_question: QuestionKey
    """The single-choice question with which each participant takes a role."""
    roles: Annotated[list[Role], Field(min_length=2, max_length=12)]
    rounds: Annotated[list[Round], Field(min_length=1, max_length=9)]
    constants: list[Constant] = Field(default_factory=list)
    submitted: Expression | None = None
    """When a participant has submitted their offer in a round (`round.abgeben`, a yes/no
    question they answer once their offer stands); default: when the round's required questions
    are answered."""
    limits: list[CardLimit] = Field(default_factory=list)
    """The roles' limits from their cards, checked against each offer."""
    walked_away: Expression | None = None
    """When a participant has walked away in a round (`round.stand == 'ausstieg'`): their row
    stays, marked, and nothing else of theirs counts in that round's Σ row, figures or flags."""
    table: Annotated[list[TableColumn], Field(min_length=1)]
    figures: list[GroupFigure] = Field(default_factory=list)
    flags: list[GroupFlag] = Field(default_factory=list)
    across: list[Ident] = Field(default_factory=list)
    """Figures followed from round to round on the board (the gaps): who moved how far."""
    events: list[GameEvent] = Field(default_factory=list)
    """Event cards, played in this order from the board, each once."""
    debrief: list[Text] = Field(default_factory=list)
    """Questions for the plenary after the game."""
    run_sheet: list[Phase] = Field(default_factory=list)
