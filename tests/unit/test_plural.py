"""Counts come with the right word form: "1 Pflichtfrage ist", "2 Pflichtfragen sind", never
"Pflichtfrage(n)"."""

from __future__ import annotations

import re

import pytest

from kosi_tui.i18n import CATALOGS, t
from kosi_tui.i18n.plural import plural


@pytest.mark.parametrize(("count", "word"), [(0, "Fragen"), (1, "Frage"), (2, "Fragen")])
def test_plural(count: int, word: str) -> None:
    assert plural(count, "Frage", "Fragen") == word


def test_messages_choose_the_form_by_the_count() -> None:
    assert t("report.draft_note", "de", count=1) == "Entwurf: 1 Pflichtfrage ist noch offen."
    assert t("report.draft_note", "de", count=3) == "Entwurf: 3 Pflichtfragen sind noch offen."
    assert t("report.draft_note", "en", count=1) == "Draft: 1 required question is still open."
    assert t("cli.validate_total", "en", count=2, failed=0) == "2 files checked, 0 with problems."
    ok = {"file": "ja_nein.yaml", "sections": 1, "questions": 3}
    assert t("cli.valid_summary", "de", **ok) == "ja_nein.yaml: in Ordnung (1 Abschnitt, 3 Fragen)"
    assert t("cli.valid_summary", "en", **ok) == "ja_nein.yaml: OK (1 section, 3 questions)"
    # The progress line and the report's completeness: "1 von 1 Pflichtfragen" read wrong.
    assert t("ui.progress", "de", done=1, total=1) == "1 von 1 Pflichtfrage beantwortet"
    assert t("ui.progress", "de", done=0, total=2) == "0 von 2 Pflichtfragen beantwortet"
    assert t("ui.progress", "en", done=1, total=1) == "1 of 1 required question answered"
    done = {"required": 1, "required_total": 1, "answered": 1, "total": 1}
    assert t("report.completeness_value", "de", **done) == (
        "1 von 1 Pflichtfrage beantwortet, 1 von 1 Frage insgesamt"
    )
    assert t("report.completeness_value", "en", **done) == (
        "1 of 1 required question answered, 1 of 1 question in all"
    )


@pytest.mark.parametrize("lang", list(CATALOGS))
def test_no_message_writes_a_plural_in_brackets(lang: str) -> None:
    bracketed = re.compile(r"\w\((n|en|e|s)\)")
    assert [key for key, text in CATALOGS[lang].items() if bracketed.search(text)] == []
