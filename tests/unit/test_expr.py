"""The expression language: parsing, bounds, and the calm semantics of unanswered values."""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kosi_tui.core.expr import MAX_DEPTH, MAX_LENGTH, ExprError, evaluate, parse
from kosi_tui.core.expr.nodes import Binary, Call, IsEmpty, Membership, Ref, Unary


def run(source: str, **answers: Any) -> Any:
    values = {k.replace("__", "."): v for k, v in answers.items()}
    return evaluate(parse(source), lambda ref: values.get(ref.text))


def test_precedence_and_or_not() -> None:
    tree = parse("not a.b or c.d and e.f")
    assert isinstance(tree, Binary) and tree.op == "or"
    assert isinstance(tree.left, Unary)
    assert isinstance(tree.right, Binary) and tree.right.op == "and"


def test_arithmetic_precedence() -> None:
    assert run("1 + 2 * 3 - 4 / 2") == 5
    assert run("(1 + 2) * 3") == 9
    assert run("-2 + 5") == 3


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        ("x.y in ['a', 'b']", Membership),
        ("x.y not in ['a']", Membership),
        ("x.y contains 'a'", Membership),
        ("x.y is empty", IsEmpty),
        ("x.y is not empty", IsEmpty),
        ("count(x.y)", Call),
        ("x.y", Ref),
    ],
)
def test_forms(source: str, kind: type) -> None:
    assert isinstance(parse(source), kind)


@pytest.mark.parametrize(
    ("source", "code"),
    [
        ("", "empty"),
        ("a ==", "unexpected_end"),
        ("(a", "expected"),
        ("'open", "unclosed_string"),
        ("a $ b", "bad_character"),
        ("evil(1)", "unknown_function"),
        ("count()", "arity"),
        ("a b", "unexpected"),
        ("__import__('os')", "unknown_function"),
    ],
)
def test_errors(source: str, code: str) -> None:
    with pytest.raises(ExprError) as err:
        parse(source)
    assert err.value.code == code


@pytest.mark.parametrize(
    ("source", "found", "instead", "pos"),
    [
        ("a.b == 1 und c.d", "und", "and", 9),
        ("a.b == 1 oder c.d", "oder", "or", 9),
        ("nicht a.b", "nicht", "not", 0),
        ("a.b = 1", "=", "==", 4),
        ("a.b & c.d", "&", "and", 4),
        ("a.b && c.d", "&&", "and", 4),
        ("a.b | c.d", "|", "or", 4),
        ("a.b || c.d", "||", "or", 4),
        ("!(a.b)", "!", "not", 0),
    ],
)
def test_words_and_signs_from_elsewhere_say_what_to_write(
    source: str, found: str, instead: str, pos: int
) -> None:
    with pytest.raises(ExprError) as err:
        parse(source)
    assert err.value.code == "write_instead"
    assert (err.value.args_, err.value.pos) == ({"found": found, "instead": instead}, pos)


def test_a_german_word_in_quotes_is_just_text() -> None:
    assert run("a.b == 'und' or a.b != 1", a__b="und") is True


def test_dunder_attribute_is_just_an_unknown_reference() -> None:
    # `a.__class__` tokenizes as a reference name, never as attribute access.
    tree = parse("x.__class__ == 1")
    assert isinstance(tree, Binary)
    assert run("x.__class__ == 1") is False


def test_length_and_depth_are_bounded() -> None:
    with pytest.raises(ExprError) as err:
        parse("1 + " * MAX_LENGTH + "1")
    assert err.value.code == "too_long"
    with pytest.raises(ExprError) as err:
        parse("(" * (MAX_DEPTH + 1) + "1" + ")" * (MAX_DEPTH + 1))
    assert err.value.code == "too_deep"
    with pytest.raises(ExprError):
        parse("not " * (MAX_DEPTH + 1) + "true")
    assert run("(" * 10 + "1" + ")" * 10) == 1


def test_unanswered_makes_comparisons_false() -> None:
    assert run("a.b == 'x'") is False
    assert run("a.b != 'x'") is False
    assert run("a.b < 3") is False
    assert run("a.b in ['x']") is False
    assert run("a.b not in ['x']") is False
    assert run("a.b contains 'x'") is False
    assert run("a.b is empty") is True
    assert run("not answered(a.b)") is True
    assert run("a.b + 1") is None
    assert run("count(a.b)") == 0


def test_values() -> None:
    assert run("a.b in ['x', 'y']", a__b="y") is True
    assert run("a.b contains 'x'", a__b=["x", "z"]) is True
    assert run("a.b contains 'Nord'", a__b="Die Nordstadt") is True
    assert run("count(a.b)", a__b=["x", "", "z"]) == 2
    assert run("count(a.b, 'w')", a__b=["w", "k", "w"]) == 2
    assert run("count(a.b, 'w')", a__b=[["w", "k"], ["k"]]) == 1
    assert run("sum(a.b)", a__b=[1, 2, None, 3.5]) == 6.5
    assert run("mean(a.b)", a__b=[2, 4]) == 3
    assert run("max(1, a.b)", a__b=7) == 7
    assert run("round(2.5)") == 3
    assert run("round(-2.5)") == -3
    assert run("round(1.234, 2)") == 1.23
    assert run("clamp(9, 1, 5)") == 5
    assert run("if(a.b > 1, 'viel', 'wenig')", a__b=3) == "viel"
    assert run("1 + (a.b >= 2) + answered(c.d)", a__b=2, c__d="x") == 3
    assert run("len(a.b)", a__b="Hallo") == 5


@pytest.mark.parametrize(
    ("condition", "holds"),
    [
        ("count(a.b)", True),
        ("count(c.d)", False),
        ("a.b", True),
        ("c.d", False),
        ("2", True),
        ("0", False),
        ("'Text'", True),
        ("''", False),
        ("true", True),
    ],
)
def test_if_and_any_take_as_true_what_and_or_and_not_take_as_true(
    condition: str, holds: bool
) -> None:
    assert run(f"{condition} or false", a__b=["x"]) is holds
    assert run(f"if({condition}, 1, 0)", a__b=["x"]) == (1 if holds else 0)
    assert run(f"any({condition})", a__b=["x"]) is holds


def test_dates() -> None:
    day = dt.date(2026, 12, 24)
    assert run("a.b > '2026-01-01'", a__b=day) is True
    assert run("a.b - c.d", a__b=day, c__d=dt.date(2026, 12, 1)) == 23
    assert isinstance(run("days_until(a.b)", a__b=day), int)


def test_runtime_errors_are_expr_errors() -> None:
    with pytest.raises(ExprError) as err:
        run("1 / (a.b - 1)", a__b=1)
    assert err.value.code == "division_by_zero"
    with pytest.raises(ExprError):
        run("a.b + 1", a__b="text")
    with pytest.raises(ExprError):
        run("a.b < 3", a__b="text")


@settings(deadline=None)
@given(st.text(max_size=120))
def test_random_text_parses_or_raises_only_expr_error(source: str) -> None:
    with contextlib.suppress(ExprError):
        parse(source)


TOKENS = st.sampled_from(
    ["a.b", "c", "1", "2.5", "'x'", "(", ")", "[", "]", ",", "and", "or", "not", "in",
     "contains", "is", "empty", "==", "<", "+", "-", "*", "/", "count", "sum", "round",
     "true", "null", "value"]
)  # fmt: skip


@settings(deadline=None)
@given(
    st.lists(TOKENS, max_size=25),
    st.one_of(
        st.none(), st.integers(), st.text(max_size=5), st.lists(st.text(max_size=3), max_size=3)
    ),
)
def test_token_soup_parses_and_evaluates_or_raises_only_expr_error(
    tokens: list[str], answer: Any
) -> None:
    try:
        tree = parse(" ".join(tokens))
        evaluate(tree, lambda ref: answer, value=answer)
    except ExprError:
        pass


@pytest.mark.parametrize("digits", [-400, 1_000_000_000, 10**400, 1.5, -13, 13])
def test_round_digits_from_an_answer_are_bounded(digits: float) -> None:
    # -400 divided by zero, 10**9 computed 10**n for ever: digits may come from an answer.
    with pytest.raises(ExprError) as err:
        run("round(a.b, c.d)", a__b=3.14159, c__d=digits)
    assert err.value.code == "round_digits"


def test_round_digits_within_bounds() -> None:
    assert run("round(a.b, c.d)", a__b=3.14159, c__d=2) == 3.14
    assert run("round(a.b, -12)", a__b=1.5e12) == 2e12
    assert run("round(a.b, 12)", a__b=0.5) == 0.5


def test_an_unanswered_bound_or_digit_count_leaves_the_result_unanswered() -> None:
    # It was "cannot be computed" (a rule error under a valid answer); unanswered is calm.
    assert run("clamp(1, a.b, 5)") is None
    assert run("clamp(a.b, 1, c.d)", a__b=3) is None
    assert run("round(a.b, c.d)", a__b=3.14159) is None
    assert run("clamp(7, a.b, 5)", a__b=1) == 5
