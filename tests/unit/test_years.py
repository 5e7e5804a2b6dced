"""Four-digit years are kept as typed and written with four digits, so they read back the same:
"02.01.0099" is the year 99, not 2099, and the year 431 is written 0431."""

from __future__ import annotations

import datetime as dt

import pytest

from kosi_tui.core.numbers import format_date, impossible_date, parse_date


@pytest.mark.parametrize(
    ("text", "year"),
    [("02.01.0099", 99), ("02.01.0001", 1), ("08.03.0431", 431), ("08.03.2026", 2026),
     ("08.03.26", 2026), ("08.03.99", 2099), ("0099-01-02", 99), ("01/02/0099", 99)],
)  # fmt: skip
def test_a_four_digit_year_is_kept_as_typed(text: str, year: int) -> None:
    parsed = parse_date(text)
    assert parsed is not None and parsed.year == year


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("year", [1, 99, 431, 999, 1000, 2026, 9999])
def test_every_year_reads_back_as_written(lang: str, year: int) -> None:
    day = dt.date(year, 3, 8)
    written = format_date(day, lang)
    assert parse_date(written) == day, written
    assert written.count(f"{year:04d}") == 1


def test_an_impossible_day_in_a_four_digit_year_names_that_year() -> None:
    assert impossible_date("29.02.0099") == (29, 2, 99)
    assert impossible_date("29.02.99") == (29, 2, 2099)
