"""The hint under a form field: what a number is counted in and an example, each readable."""

from __future__ import annotations

import re

import pytest

from kosi_tui.core.canvas import Number, Table
from kosi_tui.faces.web.fields import Shown, question_html


def hint_of(html: str) -> str:
    found = re.search(r'<p class="hint" id="[^"]+">([^<]*)</p>', html)
    assert found is not None, html
    return found.group(1)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("de", "Einheit: Einwohnerinnen und Einwohner · z. B. 120.000"),
        ("en", "Unit: residents · e.g. 120,000"),
    ],
)
def test_the_unit_and_the_example_do_not_run_into_one_phrase(lang: str, expected: str) -> None:
    # "Einheit: Einwohnerinnen und Einwohner z. B. 120.000" read as one unit on the phone.
    question = Number.model_validate(
        {
            "id": "einwohner",
            "type": "number",
            "label": {"de": "Wie viele Einwohner?", "en": "How many residents?"},
            "unit": {"de": "Einwohnerinnen und Einwohner", "en": "residents"},
            "example": {"de": "120.000", "en": "120,000"},
        }
    )
    assert hint_of(question_html(Shown("basis.einwohner", question, None, lang))) == expected


def test_a_unit_without_an_example_stands_alone() -> None:
    question = Number.model_validate(
        {"id": "n", "type": "number", "label": {"de": "Wie viele?"}, "unit": {"de": "Personen"}}
    )
    assert hint_of(question_html(Shown("a.n", question, None, "de"))) == "Einheit: Personen"


def test_a_unit_with_singular_and_plural_shows_its_plural_not_the_bar() -> None:
    # "Einheit: Stunde pro Monat|Stunden pro Monat" stood under the Planspiel's hours question.
    question = Number.model_validate(
        {
            "id": "stunden",
            "type": "number",
            "label": {"de": "Wie viele Stunden?"},
            "unit": {"de": "Stunde pro Monat|Stunden pro Monat"},
        }
    )
    hint = hint_of(question_html(Shown("a.stunden", question, None, "de")))
    assert hint == "Einheit: Stunden pro Monat"


def test_a_table_column_with_singular_and_plural_shows_its_plural_not_the_bar() -> None:
    table = Table.model_validate(
        {
            "id": "akteure",
            "type": "table",
            "label": {"de": "Wer macht mit?"},
            "columns": [
                {"id": "wer", "type": "text", "label": {"de": "Wer"}},
                {
                    "id": "stunden",
                    "type": "number",
                    "label": {"de": "Stunden"},
                    "unit": {"de": "Stunde pro Monat|Stunden pro Monat"},
                },
            ],
        }
    )
    html = question_html(Shown("a.akteure", table, [{"wer": "Bauamt", "stunden": 2}], "de"))
    assert "Einheit: Stunden pro Monat" in html and "|" not in html.split("Einheit:")[1][:40]
