"""Pydantic models of a canvas template: sections, evaluation rules, documents; the questions are
in `kinds/`, one module per type, and re-exported here.

These models check shape only. Cross-references, expressions and translations are checked in
`checks/`, phase by phase, which knows the whole canvas.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StringConstraints

from kosi_tui.core.group_canvas import (  # their names are canvas keys too
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
from kosi_tui.core.kinds import (  # the question kinds, one module each, are canvas names too
    KINDS,
    QUESTION_TYPES,
    AnswerQuestion,
    AnyQuestion,
    Column,
    Date,
    Info,
    ListQuestion,
    LongText,
    MultiChoice,
    Number,
    Question,
    QuestionBase,
    Scale,
    ShortText,
    SingleChoice,
    Table,
)
from kosi_tui.core.kinds.base import (
    Bounds,
    Choice,
    ChoiceId,
    Expression,
    Ident,
    Model,
    Rule,
)
from kosi_tui.core.text_type import LANG_PATTERN, Text

__all__ = [
    "FORMAT_TAG",
    "KINDS",
    "QUESTION_TYPES",
    "SECTION_RESERVED",
    "AnswerQuestion",
    "AnyQuestion",
    "Bounds",
    "Canvas",
    "ChartSpec",
    "Choice",
    "ChoiceId",
    "Column",
    "Constant",
    "Date",
    "DecisionPaper",
    "Evaluation",
    "Expression",
    "Flag",
    "Glance",
    "GlanceItem",
    "Group",
    "GroupFigure",
    "GroupFlag",
    "Ident",
    "Info",
    "Lang",
    "ListQuestion",
    "LongText",
    "Model",
    "MultiChoice",
    "Number",
    "PaperFinance",
    "PaperText",
    "Phase",
    "Poster",
    "PosterBox",
    "Prompt",
    "Question",
    "QuestionBase",
    "QuestionKey",
    "Role",
    "RoleCard",
    "Round",
    "Rule",
    "Scale",
    "Score",
    "Section",
    "ShortText",
    "SingleChoice",
    "Table",
    "TableColumn",
]

FORMAT_TAG = "kosi-canvas/1"

Lang = Annotated[str, StringConstraints(pattern=LANG_PATTERN)]

SECTION_RESERVED = frozenset({"scores", "value"})
"""Section ids that would clash with names of the expression language."""


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
            "oneOf": [{"required": [k]} for k in ("answer", "score", "chart", "flags", "finance")]
        },
    )

    answer: QuestionKey | None = None
    score: Ident | None = None
    chart: Ident | None = None
    flags: bool | None = None
    finance: bool | None = None
    """The decision paper's figures in brief: total cost, staff cost, own budget and grants."""
    label: Text | None = None
    """The heading shown; default: the question's or score's own label."""
    missing: Ident | None = None
    """For a table answer: only its rows whose column `missing` is empty (risks without a
    countermeasure), each by its first cell."""

    @property
    def kinds(self) -> list[str]:
        """Which of answer, score, chart, flags and finance are set (the checks want one)."""
        return [
            k
            for k in ("answer", "score", "chart", "flags", "finance")
            if getattr(self, k) is not None
        ]


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


class PaperText(Model):
    """One entry of the decision paper: an answer as the person wrote it, or a text whose
    `{expression}` placeholders are filled in from the answers; `label` names it in a list of
    facts."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        json_schema_extra={"oneOf": [{"required": ["answer"]}, {"required": ["text"]}]},
    )

    answer: QuestionKey | None = None
    text: Text | None = None
    label: Text | None = None


class PaperFinance(Model):
    """The paper's "Finanzielle Auswirkungen": a table of costs by year, and how they are met."""

    costs: QuestionKey
    """The table question with one row per budget year."""
    year: Ident
    """Its column naming the year."""
    amounts: Annotated[list[Ident], Field(min_length=1)]
    """Its number columns, each a line of the finance table (material, staff, follow-up)."""
    staff: Ident | None = None
    """Which of `amounts` is the staff cost (named on the report's first page)."""
    grants: QuestionKey | None = None
    """A number question: the grants over the whole period; the rest is the own budget."""
    notes: list[PaperText] = Field(default_factory=list)
    """Further facts stated under the table: budget line, end of funding, budget situation."""


class DecisionPaper(Model):
    """Which answers feed which part of the decision paper (`kosi report --vorlage`)."""

    title: Text | None = None
    head: list[PaperText] = Field(default_factory=list)
    """Facts at the head of the paper, label and value (who decides, by when)."""
    subject: PaperText
    """The Betreff: one line."""
    resolution: Annotated[list[PaperText], Field(min_length=1)]
    """The Beschlussvorschlag, a paragraph each."""
    facts: list[PaperText] = Field(default_factory=list)
    """The Sachverhalt, a paragraph each, in this order."""
    finance: PaperFinance | None = None
    consultation: QuestionKey | None = None
    """A table question: the bodies that discuss the paper, with their meeting dates."""


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
    decision_paper: DecisionPaper | None = None
    """Which answers feed which part of a decision paper; without it there is none."""

    def iter_questions(self) -> Iterator[tuple[Section, AnyQuestion]]:
        """Every question with its section, in document order."""
        for section in self.sections:
            for question in section.questions:
                yield section, question

    def question_count(self) -> int:
        """How many questions take an answer."""
        return sum(1 for _, q in self.iter_questions() if q.answerable)
