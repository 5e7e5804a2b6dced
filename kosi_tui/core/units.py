"""A unit as written beside a number. "Sektor|Sektoren" names the singular and the plural, so a
report reads "1 Sektor" and "2 Sektoren"; a unit without "|" is the same for every number."""

from __future__ import annotations

from typing import Any


def unit_for(unit: str, value: Any) -> str:
    """The form of `unit` that goes with `value`: the singular for exactly one (German and
    English alike), the plural otherwise, also for 0 and for 1.5."""
    if "|" not in unit:
        return unit
    one, _, other = unit.partition("|")
    exactly_one = not isinstance(value, bool) and isinstance(value, int | float) and value == 1
    return one.strip() if exactly_one else other.strip()


def unit_name(unit: str) -> str:
    """The unit shown without a number (beside an input, in a heading): its plural."""
    return unit_for(unit, None)
