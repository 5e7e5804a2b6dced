"""Every language is complete: what docs/adding-a-language.md asks of one, checked for each."""

from __future__ import annotations

import datetime as dt
import string
from typing import get_args

import pytest

from kosi_tui.core.numbers import format_date, format_number, parse_date, parse_number
from kosi_tui.i18n import CATALOGS, LANGUAGES
from kosi_tui.i18n.locales import DEFAULT, LOCALES, Lang, Locale, known, locale, next_language
from tests.conftest import ROOT


def fields(template: str) -> set[str]:
    return {name.split(":")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("spoken", LOCALES.values(), ids=list(LOCALES))
def test_each_language_is_complete(spoken: Locale) -> None:
    assert len(spoken.code) == 2 and spoken.code.islower()
    assert set(spoken.messages) == set(LOCALES[DEFAULT].messages), "every key, no more"
    for key, text in LOCALES[DEFAULT].messages.items():
        assert fields(spoken.messages[key]) == fields(text), key
    assert len(spoken.weekdays) == 7 and len(set(spoken.weekdays)) == 7
    assert spoken.yes_words and spoken.no_words and not spoken.yes_words & spoken.no_words
    assert spoken.decimal != spoken.group
    assert {"{day}", "{month}", "{year}"} <= {f"{{{f}}}" for f in fields(spoken.date_pattern)}
    assert spoken.name and spoken.date_blank


def test_the_type_names_every_language() -> None:
    assert set(get_args(Lang)) == set(LOCALES) == set(LANGUAGES) == set(CATALOGS)


@pytest.mark.parametrize("code", list(LOCALES))
def test_numbers_and_dates_read_back_as_written(code: str) -> None:
    for number in (1500.5, 12, 1234567, 0.25):
        assert parse_number(format_number(number, code), code) == number
    day = dt.date(431, 3, 8)
    assert parse_date(format_date(day, code)) == day


def test_the_palette_goes_round_every_language() -> None:
    seen: list[str] = [DEFAULT]
    while (following := next_language(seen[-1])) != DEFAULT:
        seen.append(following)
    assert sorted(seen) == sorted(LOCALES)


def test_an_unknown_code_speaks_the_default() -> None:
    assert known("fr") == DEFAULT and locale("fr") is LOCALES[DEFAULT]
    assert known("en") == "en"


def test_the_docs_name_each_step() -> None:
    page = (ROOT / "docs" / "adding-a-language.md").read_text(encoding="utf-8")
    for name in ("MESSAGES", "LOCALES", "Lang", "weekdays", "yes and no"):
        assert name in page
