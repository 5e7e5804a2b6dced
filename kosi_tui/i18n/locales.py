"""The languages kosi speaks: for each one, everything that differs by language in one place –
its messages, how numbers and dates are written, the weekdays, the words for yes and no.

Adding a language is one entry here and one catalogue module (docs/adding-a-language.md);
`tests/unit/test_locales.py` checks that every entry is complete.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, cast

from kosi_tui.i18n import de, en


@dataclass(frozen=True)
class Locale:
    """One language."""

    code: str
    """ISO 639-1 code: `lang:` in drafts, `--lang`, KOSI_LANG."""
    name: str
    """The language's name in itself, as the palette offers it (Deutsch, English)."""
    messages: Mapping[str, str]
    """The message catalogue (`i18n/<code>.py`)."""
    decimal: str
    """The decimal mark: 12,5 or 12.5."""
    group: str
    """The thousands separator: 1.500 or 1,500."""
    date_pattern: str
    """A date written out, from `{day}`, `{month}`, `{year}` (always two, two and four digits)."""
    date_blank: str
    """The date's shape on a blank copy, where people write by hand (TT.MM.JJJJ)."""
    weekdays: tuple[str, ...]
    """Monday to Sunday (seven), as the date field names the day it understood."""
    yes_words: frozenset[str]
    """Typed words that answer yes (lower case), besides the option's number."""
    no_words: frozenset[str]
    """Typed words that answer no (lower case)."""

    def format_date(self, value: dt.date) -> str:
        # Not strftime: its %Y writes the year 431 as "431", which no one reads back as that year.
        return self.date_pattern.format(
            day=f"{value.day:02d}", month=f"{value.month:02d}", year=f"{value.year:04d}"
        )


LOCALES: dict[str, Locale] = {
    locale.code: locale
    for locale in (
        Locale(
            code="de",
            name="Deutsch",
            messages=de.MESSAGES,
            decimal=",",
            group=".",
            date_pattern="{day}.{month}.{year}",
            date_blank="TT.MM.JJJJ",
            weekdays=tuple(
                ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
            ),
            yes_words=frozenset({"j", "ja"}),
            no_words=frozenset({"n", "nein"}),
        ),
        Locale(
            code="en",
            name="English",
            messages=en.MESSAGES,
            decimal=".",
            group=",",
            date_pattern="{year}-{month}-{day}",
            date_blank="DD.MM.YYYY",
            weekdays=tuple(
                ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
            ),
            yes_words=frozenset({"y", "yes"}),
            no_words=frozenset({"n", "no"}),
        ),
    )
}

Lang = Literal["de", "en"]
"""A language code as the type checker sees it (a draft's `lang:`); test_locales.py keeps it
equal to the codes of LOCALES, since a Literal cannot be computed."""

DEFAULT: Lang = "de"
"""The language of the project's first users, and the one used when a code is unknown."""
LANGUAGES = tuple(LOCALES)


def locale(code: str) -> Locale:
    """The locale of `code`; the default one for a code kosi does not know."""
    return LOCALES.get(code, LOCALES[DEFAULT])


def known(code: str) -> Lang:
    """`code` if kosi speaks it, else the default language."""
    return cast(Lang, code) if code in LOCALES else DEFAULT


def next_language(code: str) -> str:
    """The language after `code`, round: what "switch language" in the palette offers."""
    order = list(LOCALES)
    index = order.index(code) if code in LOCALES else -1
    return order[(index + 1) % len(order)]
