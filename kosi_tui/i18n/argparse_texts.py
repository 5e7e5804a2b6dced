"""argparse's own texts ("usage:", "options", "show this help message and exit", its error
messages) in German, so that `kosi --help` speaks one language.

argparse looks its texts up through gettext at the moment it prints them; `speaking()` swaps in
this table for that moment and restores gettext afterwards.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

GERMAN: dict[str, str] = {
    "usage: ": "Aufruf: ",
    "positional arguments": "Argumente",
    "options": "Optionen",
    "optional arguments": "Optionen",
    "show this help message and exit": "diese Hilfe zeigen und beenden",
    "show program's version number and exit": "Versionsnummer zeigen und beenden",
    "%(prog)s: error: %(message)s\n": "%(prog)s: Fehler: %(message)s\n",
    "the following arguments are required: %s": "diese Angaben fehlen: %s",
    "unrecognized arguments: %s": "unbekannte Angaben: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "%(value)r gibt es nicht (möglich: %(choices)s)",
    "argument %(argument_name)s: %(message)s": "Angabe %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "%(value)r ist kein gültiger Wert (%(type)s)",
    "expected one argument": "erwartet einen Wert",
    "expected at most one argument": "erwartet höchstens einen Wert",
    "expected at least one argument": "erwartet mindestens einen Wert",
    "ambiguous option: %(option)s could match %(matches)s": "mehrdeutige Option %(option)s: passt zu %(matches)s",
    "not allowed with argument %s": "nicht zusammen mit %s möglich",
    "one of the arguments %s is required": "eine dieser Angaben ist nötig: %s",
    "expected %s argument": "erwartet %s Wert",
    "expected %s arguments": "erwartet %s Werte",
}  # fmt: skip


def _german(text: str) -> str:
    return GERMAN.get(text, text)


def _german_n(singular: str, plural: str, count: int) -> str:
    return _german(singular if count == 1 else plural)


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """argparse's texts in `lang` (German; English is argparse's own) for the `with` block."""
    if lang != "de":
        yield
        return
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _german, _german_n  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]
