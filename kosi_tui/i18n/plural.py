"""Singular or plural, chosen by a number: `{count:Pflichtfrage|Pflichtfragen}` in a message.

German and English both use the singular for exactly one and the plural otherwise (also for 0),
so one rule serves both catalogs; no message needs to write "Pflichtfrage(n)".
"""

from __future__ import annotations

import string
from typing import Any


def plural(count: Any, one: str, other: str) -> str:
    """`one` for exactly 1 (also "1" or 1.0), `other` for every other count."""
    try:
        return one if float(count) == 1 else other
    except (TypeError, ValueError):
        return other


class PluralFormatter(string.Formatter):
    """`str.format` plus the form `{name:one|other}`, which prints the word for the number."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if "|" in format_spec:
            one, other = format_spec.split("|", 1)
            return plural(value, one, other)
        return str(super().format_field(value, format_spec))
