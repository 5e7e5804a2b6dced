"""The fixed allow-list of functions: name, how many arguments, what they do."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kosi_tui.core.expr.errors import ExprError


@dataclass(frozen=True, slots=True)
class Function:
    """An allow-listed function and the number of arguments it takes."""

    name: str
    min_args: int
    max_args: int
    impl: Callable[..., Any]
    result: str
    """The result type, for the checker: number, bool, text, date or any."""


def is_empty(value: Any) -> bool:
    """Whether a value counts as not answered."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | dict | tuple):
        return len(value) == 0
    return False


def truth(value: Any) -> bool:
    """Whether a value counts as true in a condition: `and`, `or`, `not`, `if()` and `any()`."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0
    return not is_empty(value)


def _flat(values: Any) -> list[Any]:
    if values is None:
        return []
    if not isinstance(values, list):
        return [values]
    out: list[Any] = []
    for v in values:
        if isinstance(v, list):
            out.extend(v)
        elif v is not None:
            out.append(v)
    return out


def _numbers(args: tuple[Any, ...]) -> list[float]:
    items: list[Any] = []
    for a in args:
        items.extend(_flat(a))
    out = []
    for item in items:
        if isinstance(item, bool):
            out.append(float(item))
        elif isinstance(item, int | float):
            out.append(item)
        else:
            raise ExprError("not_a_number", value=str(item))
    return out


def _count(values: Any, match: Any = None) -> int:
    """Items answered; with `match`, items equal to it (or, for lists, containing it)."""
    if values is None:
        return 0
    if not isinstance(values, list):
        values = [values]
    if match is None:
        return sum(1 for v in values if not is_empty(v))
    return sum(1 for v in values if v == match or (isinstance(v, list) and match in v))


def _len(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, str | list):
        return len(value)
    return len(str(value))


def _sum(*args: Any) -> float | int:
    total = sum(_numbers(args))
    return int(total) if float(total).is_integer() else total


def _min(*args: Any) -> float | None:
    nums = _numbers(args)
    return min(nums) if nums else None


def _max(*args: Any) -> float | None:
    nums = _numbers(args)
    return max(nums) if nums else None


def _mean(*args: Any) -> float | None:
    nums = _numbers(args)
    return sum(nums) / len(nums) if nums else None


ROUND_DIGITS = 12
"""Most decimal places `round()` keeps (or, negative, drops): a float holds about 15 digits, and
`10 ** digits` of a digit count from a file must neither take forever nor round to zero."""


def round_digits_fit(places: float | int) -> bool:
    """Whether `round()` can round to `places` digits: a whole number within `ROUND_DIGITS`."""
    # Written so that NaN, too, is refused (every comparison with it is false).
    return -ROUND_DIGITS <= places <= ROUND_DIGITS and places == int(places)


def _round(x: Any, digits: Any = 0) -> float | int | None:
    # Unanswered in, unanswered out, as in arithmetic: the digits may be an answer, too.
    if x is None or digits is None:
        return None
    (value,) = _numbers((x,))
    (places,) = _numbers((digits,))
    if not round_digits_fit(places):
        raise ExprError("round_digits", limit=ROUND_DIGITS)
    # Commercial rounding (2.5 -> 3), as people expect, not Python's banker's rounding.
    factor = 10 ** int(places)
    rounded = math.floor(abs(value) * factor + 0.5) / factor
    rounded = math.copysign(rounded, value)
    return int(rounded) if int(places) == 0 else rounded


def _clamp(x: Any, low: Any, high: Any) -> float | None:
    if x is None or low is None or high is None:
        return None
    value, lo, hi = _numbers((x, low, high))
    return max(lo, min(hi, value))


def _if(cond: Any, then: Any, otherwise: Any = None) -> Any:
    return then if truth(cond) else otherwise


def _any(values: Any) -> bool:
    """Whether any item holds (over a list, a table column or, in a group figure, the roles)."""
    items = values if isinstance(values, list) else [values]
    return any(truth(v) for v in items)


def _answered(value: Any) -> bool:
    return not is_empty(value)


def _days_until(value: Any, today: dt.date | None = None) -> int | None:
    if not isinstance(value, dt.date):
        return None
    return (value - (today or dt.date.today())).days


def _months_until(value: Any) -> float | None:
    days = _days_until(value)
    return None if days is None else round(days / 30.44, 1)


def _today() -> dt.date:
    return dt.date.today()


FUNCTIONS: dict[str, Function] = {
    f.name: f
    for f in (
        Function("count", 1, 2, _count, "number"),
        Function("len", 1, 1, _len, "number"),
        Function("sum", 1, 20, _sum, "number"),
        Function("min", 1, 20, _min, "number"),
        Function("max", 1, 20, _max, "number"),
        Function("mean", 1, 20, _mean, "number"),
        Function("round", 1, 2, _round, "number"),
        Function("clamp", 3, 3, _clamp, "number"),
        Function("if", 2, 3, _if, "any"),
        Function("answered", 1, 1, _answered, "bool"),
        Function("any", 1, 1, _any, "bool"),
        Function("days_until", 1, 1, _days_until, "number"),
        Function("months_until", 1, 1, _months_until, "number"),
        Function("today", 0, 0, _today, "date"),
        # `score` is evaluated by the evaluator itself: it needs the canvas's choice scores.
        Function("score", 1, 1, lambda v: v, "number"),
    )
}

AGGREGATES = frozenset({"sum", "min", "max", "count", "any"})
"""The functions that, in a group figure, take one value per participant (see `core/group.py`)."""
