"""Numbers and dates as people write them: German `1.500,50` and `24.12.2026`, English `1,500.50`."""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from decimal import Decimal
from typing import Any, TypeGuard

from kosi_tui.i18n.locales import locale

_DE_GROUPED = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")
_EN_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^[+-]?\d+([.,]\d+)?$")


def is_number(value: Any) -> TypeGuard[int | float]:
    """Whether `value` is a number one can calculate, draw and write with: not a bool, finite,
    within a float's range. The one guard for every writer, chart, total and mean: integers
    from a hand-edited draft are unbounded, and one beyond ~1.8e308 breaks every float."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def parse_number(text: str, lang: str = "de") -> float | int | None:
    """The number in `text`, or None. Thousands separators are accepted where unambiguous."""
    s = text.strip().replace(" ", "").replace("\u00a0", "").replace("'", "")
    s = s.replace("€", "").replace("%", "")
    if not s:
        return None
    decimal_comma = locale(lang).decimal == ","
    if _DE_GROUPED.match(s) and (decimal_comma or "," in s):
        s = s.replace(".", "").replace(",", ".")
    elif _EN_GROUPED.match(s) and (not decimal_comma or "." in s):
        s = s.replace(",", "")
    elif _PLAIN.match(s):
        s = s.replace(",", ".")
    else:
        return None
    try:
        value = float(s)
    except ValueError:  # pragma: no cover - the patterns admit only digits
        return None
    if value != value or value in (float("inf"), float("-inf")):
        return None
    # A whole number exactly as typed: a float keeps only about 16 digits and would change the
    # last ones of a longer one without a word.
    return int(s) if "." not in s else value


def format_number(value: float | int, lang: str = "de", decimals: int | None = None) -> str:
    """A number as people of `lang` write it: as precise as it is stored, without needless
    decimals, and with at least `decimals` of them when given (cents)."""
    if isinstance(value, float) and value.is_integer() and decimals is None:
        value = int(value)
    if isinstance(value, int):
        # Not through float: an integer too large for one would raise.
        text = f"{value:,}" + ("." + "0" * decimals if decimals else "")
    else:
        # The shortest digits that read back as this float (12.5007 stays 12.5007, not 12.5:
        # what is shown is what is saved); computed values are rounded by their callers.
        text = format(Decimal(repr(value)), ",f")
        whole, _, fraction = text.partition(".")
        fraction = fraction.rstrip("0").ljust(decimals or 0, "0")
        text = f"{whole}.{fraction}" if fraction else whole
    spoken = locale(lang)
    if (spoken.group, spoken.decimal) != (",", "."):
        text = text.replace(",", "\0").replace(".", spoken.decimal).replace("\0", spoken.group)
    return text


_MONEY = re.compile(r"€|\$|£|\b(eur|euros?|chf|usd|gbp)\b", re.IGNORECASE)


def is_money(unit: str) -> bool:
    """Whether a unit names a currency ("Euro pro Jahr", "€", "euros per year")."""
    return bool(_MONEY.search(unit))


_DE_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$")
_EN_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def _full_year(digits: str) -> int:
    """`26` is 2026; four digits are the year as typed (`0099` is the year 99, not 2099)."""
    return int(digits) + (2000 if len(digits) == 2 else 0)


def parse_date(text: str) -> dt.date | None:
    """The date in `text` (`24.12.2026`, `24.12.26`, `2026-12-24`, `12/24/2026`), or None."""
    s = text.strip()
    try:
        if m := _DE_DATE.match(s):
            day, month = int(m.group(1)), int(m.group(2))
            return dt.date(_full_year(m.group(3)), month, day)
        if m := _EN_DATE.match(s):
            month, day, year = (int(g) for g in m.groups())
            return dt.date(year, month, day)
        return dt.date.fromisoformat(s) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s) else None
    except ValueError:
        return None


def impossible_date(text: str) -> tuple[int, int, int] | None:
    """Day, month and year of a text written like a date that no calendar has (31.02.2026,
    12.13.2026); None when it is a real date or not written like one."""
    s = text.strip()
    if m := _DE_DATE.match(s):
        day, month, year = int(m.group(1)), int(m.group(2)), _full_year(m.group(3))
    elif m := _EN_DATE.match(s):
        month, day, year = (int(g) for g in m.groups())
    elif m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s):
        year, month, day = (int(g) for g in m.groups())
    else:
        return None
    # The year 0 is in no calendar either, but its day and month are not what is wrong.
    return None if parse_date(s) is not None or year == 0 else (day, month, year)


def date_mistake(text: str) -> tuple[str, dict[str, Any]] | None:
    """What is wrong with a text written like a date that no calendar has, as a problem code and
    its values (`impossible_date` with the days the month has, or `impossible_month`); None when
    it is a real date or not written like one."""
    wrong = impossible_date(text)
    if wrong is None:
        return None
    day, month, year = wrong
    if not 1 <= month <= 12:
        return "impossible_month", {"value": text, "month": month}
    return "impossible_date", {"value": text, "day": day, "days": days_in_month(month, year)}


def days_in_month(month: int, year: int) -> int:
    """How many days a month of a year has (1 ≤ month ≤ 12)."""
    return calendar.monthrange(year, month)[1]


def format_date(value: dt.date, lang: str = "de") -> str:
    """A date as people of `lang` write it."""
    return locale(lang).format_date(value)
