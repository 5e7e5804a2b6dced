"""What every question kind has: the parts of its model all kinds share, and what each kind must
say about its answers (their schema, their type in expressions, their issues, how typed text is
read, how they are shown and what shape they take on paper).

Each kind is one module beside this one; `kinds/__init__.py` registers them by their `type:` key.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Protocol

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictFloat,
    StrictInt,
    StringConstraints,
    TypeAdapter,
    model_validator,
)
from pydantic_core import PydanticCustomError

from kosi_tui.core.expr.types import Type
from kosi_tui.core.findings import DataPath
from kosi_tui.core.kinds.forms import Form
from kosi_tui.core.kinds.issue import Issue
from kosi_tui.core.numbers import format_date, format_number, is_money
from kosi_tui.core.numbers import is_number as is_number  # faces ask the answer kinds
from kosi_tui.core.text import localize
from kosi_tui.core.text_type import Text
from kosi_tui.core.units import unit_for
from kosi_tui.i18n import t

Ident = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
"""Ids of canvases, sections, questions, columns, scores and flags: lower case, digits, `_`."""

ChoiceId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64)]
"""Choice ids may start with a digit (`1`, `2025`) and contain `-`."""

Expression = Annotated[str, StringConstraints(min_length=1, max_length=1000)]
"""Source text of an expression; parsed when the canvas is checked."""

Number_ = StrictInt | Annotated[StrictFloat, Field(allow_inf_nan=False)]
"""A number as an answer holds it: no bool, no NaN, no infinity."""


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


@dataclass(frozen=True)
class Parsed:
    """What typed text meant: an answer (None: no answer), or the issue that it cannot be read."""

    value: Any = None
    issue: Issue | None = None


class Findings(Protocol):
    """Where a kind reports what is wrong with its own settings in a canvas (bounds the wrong
    way round, repeated ids); paths are relative to the question."""

    def add(self, path: DataPath, code: str, **args: Any) -> None:
        """A finding at `path`, with the arguments of its message."""

    def duplicates(self, ids: list[str], path: DataPath, what: str) -> None:
        """A finding for each id in `ids` (at `path`) that repeats an earlier one."""

    def bounds(self, path: DataPath, low: float, high: float) -> None:
        """A finding unless `low` lies below `high`."""


class QuestionBase(Model, ABC):
    """What every question that takes an answer has, and what each kind must say about it."""

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
    identifies: bool = False
    """The answer names a person or an organisation: anonymous summaries leave it out."""

    model_config = ConfigDict(populate_by_name=True)

    RULES: ClassVar[frozenset[str]] = frozenset({"rule"})
    """The kinds of `validate:` rules that can check this kind's answers (expressions fit all)."""

    @property
    def answerable(self) -> bool:
        """Whether the question takes an answer (`info` does not)."""
        return True

    @abstractmethod
    def answer_schema(self) -> Any:
        """The Pydantic type an answer must have (checked strictly)."""

    @abstractmethod
    def expr_type(self, name: str) -> Type:
        """The type an answer has in expressions (`name` is how the expression refers to it)."""

    @abstractmethod
    def shape_issue(self, value: Any) -> Issue:
        """What to tell about an answer that does not have the schema's shape."""

    @abstractmethod
    def bounds(self, value: Any) -> list[Issue]:
        """What is wrong with an answer of the right shape: outside its bounds, too many, ..."""

    @abstractmethod
    def display(self, value: Any, lang: str) -> list[str]:
        """The answer as people read it (several texts for lists); a value of the wrong type is
        said to be unreadable, never shown as Python writes it."""

    @abstractmethod
    def form(self, lang: str) -> Form:
        """The shape the answer takes, with its options and labels in `lang`."""

    HOLDS_STEPS: ClassVar[bool] = False
    """Whether `evaluation.checklist` may name a question of this kind (its answer lists the
    person's own next steps)."""

    def steps(self, value: Any) -> list[str]:
        """The person's own next steps in an answer, for the checklist (see `HOLDS_STEPS`)."""
        return []

    def check(self, findings: Findings) -> None:
        """Reports what is wrong with this kind's own settings; a kind with settings that can
        contradict each other says so here (kinds without such settings have nothing to say)."""


class Typed(ABC):
    """A kind whose answer can be typed as one text (all but tables: their cells are)."""

    @abstractmethod
    def parse(self, text: str, lang: str) -> Parsed:
        """The answer typed as `text` (empty: no answer), or why it cannot be read."""


_ADAPTERS: dict[str, TypeAdapter[Any]] = {}


def adapter_for(answer_type: Any) -> TypeAdapter[Any]:
    """One adapter per answer type, shared by all questions of that type in every canvas.

    Building an adapter is the costly part of validating; most questions share a handful of
    types (text, number, the same choices), so opening a draft builds a few instead of dozens.
    """
    key = repr(answer_type)  # Literal[...] and Annotated[...] are not always hashable
    adapter = _ADAPTERS.get(key)
    if adapter is None:
        adapter = _ADAPTERS[key] = TypeAdapter(answer_type)
    return adapter


def unreadable(lang: str) -> str:
    """What is shown for an answer of the wrong type (a draft edited by hand)."""
    return t("answer.unreadable", lang)


def scalar_text(value: Any, lang: str, unit: str | dict[str, str] | None = None) -> str:
    """A single value as text: a number with its unit, a date, a text as typed; anything else
    (true/false, a mapping, not-a-number) as unreadable."""
    if is_number(value):
        unit_text = unit_for(localize(unit, lang), value) if unit else ""
        # Sums of money always with cents (18.500,50, not 18.500,5); other numbers as precise
        # as they were given, an integer question's without decimals.
        text = format_number(value, lang, 2 if is_money(unit_text) else None)
        return f"{text} {unit_text}" if unit_text else text
    if isinstance(value, dt.date):
        return format_date(value, lang)
    if isinstance(value, str):
        return value
    return unreadable(lang)


def choice_label(choices: list[Choice] | None, choice_id: Any, lang: str) -> str:
    """The label of a choice, the id itself when the canvas no longer offers it, or unreadable
    when it is no id at all."""
    if not isinstance(choice_id, str):
        return unreadable(lang)
    for choice in choices or []:
        if choice.id == choice_id:
            return localize(choice.label, lang)
    return choice_id


def pick(choices: list[Choice], text: str) -> str | None:
    """A choice by its number (1-based) or by its id, as typed."""
    text = text.strip()
    # isdecimal, not isdigit: "²" is a digit that int() refuses; and no more digits than a
    # number of choices can have (int() refuses thousands of them, too).
    if text.isdecimal() and len(text) <= 9 and 1 <= int(text) <= len(choices):
        return choices[int(text) - 1].id
    for choice in choices:
        if choice.id == text.lower():
            return choice.id
    return None


def pick_several(choices: list[Choice], text: str) -> list[str] | None:
    """Choices typed by number or id, separated by commas or semicolons, in the canvas's order;
    None when any part names no choice."""
    picked = [pick(choices, part) for part in text.replace(";", ",").split(",") if part.strip()]
    if not picked or None in picked:
        return None
    order = [c.id for c in choices]
    return sorted({p for p in picked if p}, key=order.index)


def picked(value: Any, choices: list[Choice]) -> Parsed:
    """What `pick` or `pick_several` found, or that the text named no choice."""
    if value is None:
        return Parsed(issue=Issue("choice_number", {"max": len(choices)}))
    return Parsed(value)


def max_length(rules: list[Rule]) -> int | None:
    """The longest text the `length` rules allow, if any sets a maximum."""
    limits = [r.length.max for r in rules if r.length and r.length.max]
    return int(min(limits)) if limits else None
