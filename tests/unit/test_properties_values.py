"""Property-based tests of typed answers, per kind, over every question of the bundled canvases:
any text is read or refused with an issue (never an exception), and a valid answer written the
way kosi writes it into a field reads back as the same answer, in German and English."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kosi_tui.core.canvas import (
    AnswerQuestion,
    ListQuestion,
    LongText,
    MultiChoice,
    Number,
    Scale,
    ShortText,
    SingleChoice,
)
from kosi_tui.core.canvas import Date as DateQuestion
from kosi_tui.core.kinds.base import Typed
from kosi_tui.core.kinds.yes_no import YesNo
from kosi_tui.core.numbers import format_date, format_number, parse_date, parse_number
from kosi_tui.storage.canvas_file import load_canvas
from tests.conftest import ROOT

QUESTIONS: list[AnswerQuestion] = [
    located.question
    for path in sorted((ROOT / "canvases").glob("*.yaml"))
    for located in load_canvas(path).compiled.questions.values()
    if isinstance(located.question, Typed)
]
LANGS = st.sampled_from(["de", "en"])
NUMBERS = st.one_of(
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.floats(-1e6, 1e6, allow_nan=False).map(lambda f: round(f, 2)),
)
LINES = st.text(
    st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp"), exclude_characters="\x85"),
    min_size=1,
    max_size=30,
).filter(str.strip)


def valid_answer(question: AnswerQuestion) -> st.SearchStrategy[Any]:
    """Answers of the question's kind (bounds aside: reading does not check them)."""
    match question:
        case Number(integer=True):
            return st.integers(-(10**30), 10**30)
        case Number():
            return NUMBERS
        case DateQuestion():
            return st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))
        case Scale(min=low, max=high):
            return st.integers(int(low), int(high))
        case YesNo():
            return st.booleans()
        case SingleChoice(choices=choices):
            return st.sampled_from([c.id for c in choices])
        case MultiChoice(choices=choices):
            order = [c.id for c in choices]
            return st.lists(st.sampled_from(order), min_size=1, unique=True).map(
                lambda ids: sorted(ids, key=order.index)
            )
        case ListQuestion():
            return st.lists(LINES.map(str.strip), min_size=1, max_size=5)
        case ShortText() | LongText():
            return LINES.map(str.strip)
    raise AssertionError(type(question))


def field_text(question: AnswerQuestion, value: Any, lang: str) -> str:
    """The answer as kosi puts it into a field to be edited."""
    match question:
        case Number():
            return format_number(value, lang)
        case DateQuestion():
            return format_date(value, lang)
        case Scale():
            return str(value)
        case YesNo():
            return question.display(value, lang)[0]
        case MultiChoice():
            return ", ".join(value)
        case ListQuestion():
            return "\n".join(value)
    return str(value)


@st.composite
def question_and_answer(draw: st.DrawFn) -> tuple[AnswerQuestion, Any]:
    question = draw(st.sampled_from(QUESTIONS))
    return question, draw(valid_answer(question))


@settings(deadline=None)
@given(question_and_answer(), LANGS)
def test_a_written_answer_reads_back_the_same(qa: tuple[AnswerQuestion, Any], lang: str) -> None:
    question, value = qa
    assert isinstance(question, Typed)
    text = field_text(question, value, lang)
    parsed = question.parse(text, lang)
    assert parsed.issue is None, (question.id, text)
    assert parsed.value == value, (question.id, text, parsed.value)
    assert type(parsed.value) is type(value) or isinstance(value, float), (text, parsed.value)


@settings(deadline=None)
@given(st.sampled_from(QUESTIONS), st.text(max_size=40), LANGS)
def test_any_text_is_read_or_refused_with_an_issue(
    question: AnswerQuestion, text: str, lang: str
) -> None:
    assert isinstance(question, Typed)
    parsed = question.parse(text, lang)
    if parsed.issue is not None:
        assert parsed.issue.message(lang)
    assert parsed.value is None or parsed.issue is None


@settings(deadline=None)
@given(NUMBERS, LANGS)
def test_numbers_read_back_exactly(value: float, lang: str) -> None:
    assert parse_number(format_number(value, lang), lang) == value


@settings(deadline=None)
@given(st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)), LANGS)
def test_dates_read_back_exactly(day: dt.date, lang: str) -> None:
    assert parse_date(format_date(day, lang)) == day


def test_every_kind_that_is_typed_is_covered() -> None:
    kinds = {type(q) for q in QUESTIONS}
    assert {Number, DateQuestion, Scale, SingleChoice, MultiChoice, ListQuestion} <= kinds
    assert Path(__file__).name.startswith("test_properties_")


def test_a_digit_that_is_no_number_names_no_choice() -> None:
    # '²' is a digit to str.isdigit() but no number to int(): choosing by it raised ValueError,
    # as did 5,000 nines (more digits than Python turns into a number).
    choice = next(q for q in QUESTIONS if isinstance(q, SingleChoice))
    several = next(q for q in QUESTIONS if isinstance(q, MultiChoice))
    for text in ("²", "1²", "9" * 5000):
        assert choice.parse(text, "de").issue is not None
        assert several.parse(f"1, {text}", "de").issue is not None
    assert choice.parse("١", "de").value == choice.choices[0].id
