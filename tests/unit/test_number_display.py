"""Numbers as declared: sums of money with two decimals, other numbers without needless ones."""

from __future__ import annotations

import pytest

from kosi_tui.core.display import scalar_text
from kosi_tui.core.numbers import format_number, is_money, parse_number


@pytest.mark.parametrize(("value", "lang", "unit", "shown"), [
    (18500.5, "de", {"de": "Euro pro Jahr", "en": "euros per year"}, "18.500,50 Euro pro Jahr"),
    (18500.5, "en", {"de": "Euro pro Jahr", "en": "euros per year"}, "18,500.50 euros per year"),
    (50000, "de", "€", "50.000,00 €"),
    (1.5, "de", {"de": "Vollzeitstellen", "en": "full-time equivalents"}, "1,5 Vollzeitstellen"),
    (12000, "de", None, "12.000"),
    # As precise as stored: "verstanden als: 12,5" for 12.5007 hid what was saved.
    (12.5007, "de", None, "12,5007"),
    (1234.125, "en", None, "1,234.125"),
    (0.0000001, "de", None, "0,0000001"),
    (12.5007, "de", "€", "12,5007 €"),
])  # fmt: skip
def test_numbers_are_shown_as_declared(
    value: float, lang: str, unit: str | dict[str, str] | None, shown: str
) -> None:
    assert scalar_text(value, lang, unit) == shown


@pytest.mark.parametrize("unit", ["€", "Euro", "EUR pro Monat", "euros per year", "CHF"])
def test_currencies_are_recognised(unit: str) -> None:
    assert is_money(unit)


@pytest.mark.parametrize("unit", ["Vollzeitstellen", "Einwohner", "Europäer", "Stunden"])
def test_other_units_are_not_money(unit: str) -> None:
    assert not is_money(unit)


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [("9007199254740993", "de", 9007199254740993), ("9.007.199.254.740.993", "de", 9007199254740993),
     ("9,007,199,254,740,993", "en", 9007199254740993), ("-123456789012345678901", "de", -123456789012345678901),
     ("1" + "0" * 300, "de", 10**300)],
)  # fmt: skip
def test_whole_numbers_beyond_float_precision_are_kept_exactly(
    text: str, lang: str, value: int
) -> None:
    # They were read as floats and lost their last digits (…993 became …992) without a word.
    parsed = parse_number(text, lang)
    assert parsed == value and isinstance(parsed, int)
    assert parse_number(format_number(value, lang), lang) == value


def test_numbers_beyond_a_float_are_refused() -> None:
    assert parse_number("1" + "0" * 400) is None
