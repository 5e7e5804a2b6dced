"""A date no calendar has gets its own message, not the generic "please enter a date"."""

from __future__ import annotations

from kosi_tui.core.numbers import impossible_date
from kosi_tui.core.session import Session
from kosi_tui.paths import bundled_canvases
from kosi_tui.storage.canvas_file import load_canvas


def messages(text: str, lang: str = "de") -> list[str]:
    session = Session(load_canvas(bundled_canvases() / "innovationslabor.yaml").compiled)
    return [i.message(lang) for i in session.check_value("basis.datum", text)]


def test_the_31st_of_february() -> None:
    assert messages("31.02.2026") == [
        "Diesen Tag gibt es nicht: Der Monat hat nur 28 Tage, nicht 31."
    ]
    assert impossible_date("29.02.2028") is None  # a leap year
    assert impossible_date("29.02.2027") == (29, 2, 2027)


def test_a_thirteenth_month() -> None:
    assert messages("12.13.2026", "en") == ["There is no month 13; months go from 1 to 12."]


def test_text_that_is_no_date_keeps_the_generic_message() -> None:
    assert messages("morgen") == ["Bitte geben Sie ein Datum ein, z. B. 24.12.2026."]
