"""Pydantic models of a canvas template: sections, questions by type, evaluation rules.

These models check shape only. Cross-references, expressions and translations are checked in
`checks.py`, which knows the whole canvas.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from kosi_tui.core.group_canvas import (  # noqa: F401 - their names are canvas keys too
    Constant,
    Group,
    GroupFigure,
    GroupFlag,
    Phase,
    Role,
    RoleCard,
    Round,
    TableColumn,
)
from kosi_tui.core.text_type import LANG_PATTERN, Text

FORMAT_TAG = "kosi-canvas/1"

Ident = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
"""Ids of canvases, sections, questions, columns, scores and flags: lower case, digits, `_`."""

ChoiceId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64)]
"""Choice ids may start with a digit (`1`, `2025`) and contain `-`."""

Expression = Annotated[str, StringConstraints(min_length=1, max_length=1000)]
"""Source text of an expression; parsed when the canvas is checked."""

Lang = Annotated[str, StringConstraints(pattern=LANG_PATTERN)]

SECTION_RESERVED = frozenset({"scores", "value"})
"""Section ids that would clash with names of the expression language."""


class Model(BaseModel):
    """Base for canvas parts: unknown keys are errors, parts never change after loading."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Bounds(Model):
    """A lower and/or upper bound."""

    min: float | None = None
    max: float | None = None


class Rule(Model):
    """One validation rule with its own message; exactly one of the checks is set."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        json_schema_extra={
            "oneOf": [{"required": [k]} for k in ("length", "pattern", "range", "rule")]
        },
    )

    length: Bounds | None = None
    pattern: Annotated[str, StringConstraints(max_length=300)] | None = None
    range: Bounds | None = None
    rule: Expression | None = None
    message: Text | None = None

    @model_validator(mode="after")
    def _one_check(self) -> Rule:
        kinds = [k for k in ("length", "pattern", "range", "rule") if getattr(self, k) is not None]
        if len(kinds) != 1:
            raise PydanticCustomError(
                "rule_kind", "a rule needs exactly one of length, pattern, range, rule"
            )
        return self

    @property
    def kind(self) -> str:
        """Which check this rule makes."""
        for k in ("length", "pattern", "range", "rule"):
            if getattr(self, k) is not None:
                return k
        raise AssertionError("validated rule without a kind")


class Choice(Model):
    """One option of a choice question."""

    id: ChoiceId
    label: Text
    help: Text | None = None
    score: float | None = None
    """A number the `score()` function returns for this choice, for evaluation rules."""


class QuestionBase(Model):
    """What every question has."""

    id: Ident
    label: Text
    help: Text | None = None
    example: Text | None = None
    guidance: Text | None = None
    """A note for trainers: printed on blank copies, not shown while filling."""
    required: bool = False
    required_if: Expression | None = None
    show_if: Expression | None = None
    default: Any = None
    validate_: list[Rule] = Field(default_factory=list, alias="validate")

    model_config = ConfigDict(populate_by_name=True)

    @property
    def answerable(self) -> bool:
        """Whether the question takes an answer (`info` does not)."""
        return True


class ShortText(QuestionBase):
    """A single line of text."""

    type: Literal["short_text"]
    placeholder: Text | None = None
    prefill: Literal["organisation", "author"] | None = None
    """Starts a new draft with what the person gave when starting it, so nobody types it twice."""


class LongText(QuestionBase):
    """Several lines of text."""

    type: Literal["long_text"]
    placeholder: Text | None = None


class SingleChoice(QuestionBase):
    """Exactly one of several choices."""

    type: Literal["single_choice"]
    choices: Annotated[list[Choice], Field(min_length=1)]


class MultiChoice(QuestionBase):
    """Any number of choices, optionally bounded."""

    type: Literal["multi_choice"]
    choices: Annotated[list[Choice], Field(min_length=1)]
    min_selected: Annotated[int, Field(ge=0)] | None = None
    max_selected: Annotated[int, Field(ge=1)] | None = None


class Scale(QuestionBase):
    """A whole number from `min` to `max`, with labels for some or all points."""

    type: Literal["scale"]
    min: int = 1
    max: int = 5
    labels: dict[int, Text] = Field(default_factory=dict)


class Number(QuestionBase):
    """An integer or a decimal number, optionally with unit and bounds."""

    type: Literal["number"]
    integer: bool = False
    unit: Text | None = None
    min: float | None = None
    max: float | None = None


class Date(QuestionBase):
    """A calendar date."""

    type: Literal["date"]
    min: dt.date | None = None
    max: dt.date | None = None


class ListQuestion(QuestionBase):
    """A list of short texts."""

    type: Literal["list"]
    min_items: Annotated[int, Field(ge=0)] | None = None
    max_items: Annotated[int, Field(ge=1)] | None = None
    placeholder: Text | None = None


class Column(Model):
    """One column of a table question."""

    id: Ident
    label: Text
    type: Literal["text", "choice", "multi_choice", "number"]
    help: Text | None = None
    required: bool = False
    choices: list[Choice] | None = None
    integer: bool = False
    unit: Text | None = None
    min: float | None = None
    max: float | None = None

    @model_validator(mode="after")
    def _choices_fit_type(self) -> Column:
        wants = self.type in ("choice", "multi_choice")
        if wants and not self.choices:
            raise PydanticCustomError("column_choices_missing", "a choice column needs choices")
        if not wants and self.choices is not None:
            raise PydanticCustomError("column_choices_extra", "only choice columns take choices")
        return self


class Table(QuestionBase):
    """Rows of typed columns, e.g. the stakeholder table."""

    type: Literal["table"]
    columns: Annotated[list[Column], Field(min_length=1)]
    min_rows: Annotated[int, Field(ge=0)] | None = None
    max_rows: Annotated[int, Field(ge=1)] | None = None

    def column(self, column_id: str) -> Column | None:
        """The column with this id, if any."""
        return next((c for c in self.columns if c.id == column_id), None)


class Info(Model):
    """Text between questions; takes no answer."""

    id: Ident
    type: Literal["info"]
    label: Text
    help: Text | None = None
    guidance: Text | None = None
    show_if: Expression | None = None

    @property
    def answerable(self) -> bool:
        """Info blocks take no answer."""
        return False


Question = Annotated[
    ShortText
    | LongText
    | SingleChoice
    | MultiChoice
    | Scale
    | Number
    | Date
    | ListQuestion
    | Table
    | Info,
    Field(discriminator="type"),
]
AnswerQuestion = (
    ShortText | LongText | SingleChoice | MultiChoice | Scale | Number | Date | ListQuestion | Table
)
AnyQuestion = AnswerQuestion | Info
QUESTION_TYPES = (
    "short_text", "long_text", "single_choice", "multi_choice", "scale",
    "number", "date", "list", "table", "info",
)  # fmt: skip


class Section(Model):
    """One block of the canvas, filled on one screen."""

    id: Ident
    title: Text
    intro: Text | None = None
    guidance: Text | None = None
    show_if: Expression | None = None
    questions: list[Question]


class Score(Model):
    """A figure computed from the answers, shown in the report with how it is computed."""

    id: Ident
    label: Text
    value: Expression
    explain: Text
    """One sentence saying how the figure comes about, for the report."""
    min: float = 0
    max: float | None = None
    """With `max`, the report draws the score as a bar from `min` to `max`."""
    unit: Text | None = None
    kind: Literal["rating", "count", "amount", "spread"] | None = None
    """What the figure is, so no report shows a count as a grade (see `shown_as`)."""
    of: list[Ident] | None = None
    """For a spread: the scores it spans; the report names the lowest and the highest."""

    @property
    def shown_as(self) -> str:
        """`kind`, or by default a rating with `max` and an amount without.

        A rating is a position on a scale from `min` to `max` ("3 von 5", a bar). A count is how
        many of something there are ("2 von 4 Sektoren" with `max`; never a bar, since more is
        not simply better). An amount is a number with its `unit`. A spread is the distance
        between the highest and the lowest of the scores in `of`, shown as that range.
        """
        if self.kind is not None:
            return self.kind
        return "rating" if self.max is not None else "amount"


class Flag(Model):
    """A warning raised by a condition, with a suggested next step."""

    id: Ident
    when: Expression
    message: Text
    step: Text | None = None


class Prompt(Model):
    """A question the evaluation asks when two answers pull against each other.

    Not a verdict: the answers may both be right, and the prompt asks how. It is silent unless
    `when` holds.
    """

    id: Ident
    when: Expression
    observation: Text
    """What the answers show, set side by side; `{expression}` is filled in with its value."""
    question: Text
    """The question to think about; may hold `{expression}` placeholders too."""


QuestionKey = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")]
"""A question as `section.question`."""


class ChartSpec(Model):
    """A chart in the report: scores as a radar or bars, or a table's amounts stacked against a
    target (who brings how much, and the gap)."""

    id: Ident
    type: Literal["radar", "bars", "stacked"]
    title: Text
    scores: list[Ident] | None = None
    """For radar and bars: the scores drawn, in this order (default: every score with a `max`)."""
    table: QuestionKey | None = None
    """For stacked: the table question whose rows are the parts."""
    label: Ident | None = None
    """For stacked: the column naming each part."""
    value: Ident | None = None
    """For stacked: the number column with each part's amount."""
    target: QuestionKey | None = None
    """For stacked: the number question the parts should add up to."""


class Evaluation(Model):
    """How a filled canvas is evaluated: scores and red flags."""

    scores: list[Score] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)
    prompts: list[Prompt] = Field(default_factory=list)
    """Tension prompts: questions raised when two answers pull against each other."""
    charts: list[ChartSpec] = Field(default_factory=list)
    """Charts for the report; without any, scores with a `max` are drawn on their own."""
    checklist: (
        Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")] | None
    ) = None
    """A list or table question (`section.question`) whose items open the report's checklist."""


class GlanceItem(Model):
    """One entry of the "Auf einen Blick" page: an answer, a score, a chart or the raised flags."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        json_schema_extra={
            "oneOf": [{"required": [k]} for k in ("answer", "score", "chart", "flags")]
        },
    )

    answer: QuestionKey | None = None
    score: Ident | None = None
    chart: Ident | None = None
    flags: bool | None = None
    label: Text | None = None
    """The heading shown; default: the question's or score's own label."""

    @property
    def kinds(self) -> list[str]:
        """Which of answer, score, chart and flags are set (the checks want exactly one)."""
        return [k for k in ("answer", "score", "chart", "flags") if getattr(self, k) is not None]


class Glance(Model):
    """The report's first page, "Auf einen Blick": what a decision-maker reads in two minutes."""

    title: Text | None = None
    items: Annotated[list[GlanceItem], Field(min_length=1)]


class PosterBox(Model):
    """One box of the poster: a section placed on the grid, counted from 1 at the top left."""

    section: Ident
    column: Annotated[int, Field(ge=1, le=12)]
    row: Annotated[int, Field(ge=1, le=12)]
    width: Annotated[int, Field(ge=1, le=12)] = 1
    height: Annotated[int, Field(ge=1, le=12)] = 1
    answers: list[QuestionKey] | None = None
    """The answers shown in the box (default: the section's questions)."""
    prompt: Text | None = None
    """The guiding question printed on the empty poster (default: the section's first question)."""


class Poster(Model):
    """The one-page wall version of the canvas, a grid of boxes like the Business Model Canvas."""

    columns: Annotated[int, Field(ge=1, le=12)]
    rows: Annotated[int, Field(ge=1, le=12)]
    boxes: Annotated[list[PosterBox], Field(min_length=1)]


class Canvas(Model):
    """A canvas template."""

    format: Literal["kosi-canvas/1"]
    id: Ident
    version: Annotated[str, StringConstraints(pattern=r"^\d+\.\d+(\.\d+)?$")]
    languages: Annotated[list[Lang], Field(min_length=1)]
    title: Text
    description: Text | None = None
    minutes: Annotated[int, Field(ge=1, le=600)] | None = None
    """The estimated time to fill the canvas, in minutes."""
    sections: Annotated[list[Section], Field(min_length=1)]
    evaluation: Evaluation = Field(default_factory=Evaluation)
    glance: Glance | None = None
    """The report's "Auf einen Blick" page; without it the report starts with the sections."""
    poster: Poster | None = None
    """The poster's grid; without it the sections are laid out in reading order."""
    group: Group | None = None
    """Roles, rounds and figures over every participant's draft, for a game played as a group."""

    def iter_questions(self) -> Iterator[tuple[Section, AnyQuestion]]:
        """Every question with its section, in document order."""
        for section in self.sections:
            for question in section.questions:
                yield section, question

    def question_count(self) -> int:
        """How many questions take an answer."""
        return sum(1 for _, q in self.iter_questions() if q.answerable)
