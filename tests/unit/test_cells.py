"""Table cells are checked one by one, and every message says which column it is about."""

from __future__ import annotations

from kosi_tui.core.canvas import Column
from kosi_tui.core.session import Session
from kosi_tui.core.validation import cell_issues
from kosi_tui.storage.canvas_file import load_canvas
from tests.conftest import DATA

RATING = Column(id="bewertung", label={"de": "Bewertung", "en": "Rating"}, type="number",
                integer=True, min=1, max=5)  # fmt: skip


def messages(column: Column, value: object, lang: str = "de") -> list[str]:
    return [issue.message(lang) for issue in cell_issues(column, value)]


def test_a_number_outside_the_column_range_names_the_column() -> None:
    assert messages(RATING, 7) == ["„Bewertung“: Bitte eine Zahl zwischen 1 und 5 eingeben."]
    assert messages(RATING, 7, "en") == ["“Rating”: Please enter a number between 1 and 5."]


def test_a_word_in_a_number_column_names_the_column() -> None:
    assert messages(RATING, "vier") == [
        "„Bewertung“: Bitte geben Sie eine ganze Zahl ein, z. B. 12."
    ]


def test_a_fitting_cell_has_no_issue() -> None:
    assert messages(RATING, 4) == []
    assert messages(RATING, None) == []


def test_the_table_message_names_row_and_column() -> None:
    session = Session(load_canvas(DATA / "good" / "minimal.yaml").compiled)
    rows = [{"name": "Stadt", "stunden": 3}, {"name": "Verein", "stunden": "drei"}]
    session.set("akteure.tabelle", rows)
    assert [i.message("de") for i in session.issues("akteure.tabelle")] == [
        "Zeile 2, „Stunden“: Bitte geben Sie eine Zahl ein, z. B. 1.500 oder 12,5."
    ]
