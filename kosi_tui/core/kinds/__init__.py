"""The question kinds, one module each, registered by their `type:` key.

A kind's module holds its Pydantic model together with everything the core says about its
answers (see `base.QuestionBase`). The faces register their widget or prompt for a kind beside
the widget; `docs/adding-a-question-type.md` walks through adding one.
"""

from __future__ import annotations

from typing import Annotated, get_args

from pydantic import Field

from kosi_tui.core.kinds.base import QuestionBase
from kosi_tui.core.kinds.date import Date
from kosi_tui.core.kinds.info import Info
from kosi_tui.core.kinds.list_question import ListQuestion
from kosi_tui.core.kinds.long_text import LongText
from kosi_tui.core.kinds.multi_choice import MultiChoice
from kosi_tui.core.kinds.number import Number
from kosi_tui.core.kinds.scale import Scale
from kosi_tui.core.kinds.short_text import ShortText
from kosi_tui.core.kinds.single_choice import SingleChoice
from kosi_tui.core.kinds.table import Column, Table
from kosi_tui.core.kinds.yes_no import YesNo

# The one list of kinds. Written out as a union, not built from a loop, because mypy and
# Pydantic's discriminated union both need it spelled out; `KINDS` is derived from it.
AnswerQuestion = (
    ShortText
    | LongText
    | SingleChoice
    | MultiChoice
    | Scale
    | Number
    | Date
    | ListQuestion
    | Table
    | YesNo
)
AnyQuestion = AnswerQuestion | Info
Question = Annotated[AnyQuestion, Field(discriminator="type")]
"""A question in a canvas file, told apart by its `type:` key."""


def _type_key(model: type[AnyQuestion]) -> str:
    (key,) = get_args(model.model_fields["type"].annotation)
    return str(key)


KINDS: dict[str, type[AnyQuestion]] = {_type_key(model): model for model in get_args(AnyQuestion)}
"""Each kind's model by its `type:` key, in the order of the union."""

QUESTION_TYPES = tuple(KINDS)

__all__ = [
    "KINDS",
    "QUESTION_TYPES",
    "AnswerQuestion",
    "AnyQuestion",
    "Column",
    "Date",
    "Info",
    "ListQuestion",
    "LongText",
    "MultiChoice",
    "Number",
    "Question",
    "QuestionBase",
    "Scale",
    "ShortText",
    "SingleChoice",
    "Table",
    "YesNo",
]
