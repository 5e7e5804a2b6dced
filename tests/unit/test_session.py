"""Session state: visibility, the hidden-answer policy, honest progress, scores and flags."""

from __future__ import annotations

import datetime as dt

import pytest

from kosi_tui.core.evaluation import evaluate_session
from kosi_tui.core.expr.nodes import Ref
from kosi_tui.core.session import Session, default_answers
from kosi_tui.paths import bundled_canvases
from kosi_tui.storage.canvas_file import load_canvas
from tests.conftest import DATA


@pytest.fixture
def session() -> Session:
    return Session(load_canvas(DATA / "good" / "minimal.yaml").compiled)


def test_condition_shows_and_hides(session: Session) -> None:
    assert not session.visible["mandat.weg"]
    changed = session.set("mandat.status", "keins")
    assert changed == {"mandat.weg"}
    assert session.visible["mandat.weg"]
    session.set("mandat.status", "rat")
    assert not session.visible["mandat.weg"]


def test_hidden_answer_is_kept_but_left_out(session: Session) -> None:
    session.set("mandat.status", "informell")
    session.set("mandat.weg", "Verwaltungsvorstand überzeugen")
    session.set("mandat.status", "rat")
    assert session.answers["mandat.weg"] == "Verwaltungsvorstand überzeugen"
    assert session.value("mandat.weg") is None
    assert session.issues("mandat.weg") == []
    assert "mandat.weg" not in session.missing_required()
    session.set("mandat.status", "keins")
    assert session.value("mandat.weg") == "Verwaltungsvorstand überzeugen"


def test_progress_counts_visible_questions_only(session: Session) -> None:
    p = session.progress("mandat")
    assert (p.required_answered, p.required_total, p.answered, p.total) == (0, 1, 0, 2)
    session.set("mandat.status", "keins")
    p = session.progress("mandat")
    assert (p.required_answered, p.required_total, p.answered, p.total) == (1, 2, 1, 3)
    session.set("mandat.status", "rat")
    p = session.progress("mandat")
    assert (p.required_answered, p.required_total) == (1, 1)
    assert p.complete
    total = session.progress()
    assert total.total == 2 + 5  # the info block does not count


def test_required_only_on_request(session: Session) -> None:
    assert [i.code for i in session.issues("mandat.status")] == ["required"]
    assert session.issues("mandat.status", include_required=False) == []


def test_messages_for_people_in_both_languages(session: Session) -> None:
    issues = session.check_value("akteure.budget", 6_000_000)
    assert [i.message("de") for i in issues] == [
        "Bitte eine Zahl zwischen 0 und 5.000.000 eingeben."
    ]
    assert [i.message("en") for i in issues] == ["Please enter a number between 0 and 5,000,000."]
    issues = session.check_value("akteure.budget", "viel")
    assert issues[0].message("de").startswith("Bitte geben Sie eine Zahl ein")


def test_rule_expression_with_custom_message(session: Session) -> None:
    issues = session.check_value("akteure.budget", 2_000_000)
    assert [i.message("de") for i in issues] == [
        "Über 1 Mio. € nur mit Partnern aus der Wirtschaft."
    ]
    session.set("akteure.tabelle", [{"name": "Stadtwerke", "sektor": "wirtschaft"}])
    assert session.check_value("akteure.budget", 2_000_000) == []


def test_table_rows_are_checked_cell_by_cell(session: Session) -> None:
    issues = session.check_value("akteure.tabelle", [{"sektor": "kommune", "stunden": -1}])
    messages = [i.message("de") for i in issues]
    assert "Zeile 1: Bitte füllen Sie „Akteur“ aus." in messages
    assert "Zeile 1, „Stunden“: Bitte eine Zahl ab 0 eingeben." in messages
    issues = session.check_value("akteure.tabelle", [{"name": "X", "sektor": "mond"}])
    assert issues[0].message("en") == "Row 1: The entry in “Sector” does not fit the column."


def test_choice_counts(session: Session) -> None:
    assert session.check_value("akteure.themen", ["mobil"]) == []
    assert session.check_value("akteure.themen", ["mobil", "mobil"])[0].code == "choose_listed"
    assert session.check_value("akteure.themen", ["weltraum"])[0].code == "choose_listed"
    assert session.check_value("akteure.ziele", ["a"] * 6)[0].code == "items_max"


def test_scores_and_flags(session: Session) -> None:
    assert session.score("mandat") is None
    assert session.raised_flags() == []
    session.set("mandat.status", "rat")
    session.set("mandat.rueckendeckung", 4)
    assert session.score("mandat") == 5  # round((5 + 4) / 2) = round(4.5) = 5
    assert session.raised_flags() == []
    session.set("mandat.rueckendeckung", 2)
    assert session.raised_flags() == ["kein_mandat"]


def test_defaults() -> None:
    compiled = load_canvas(DATA / "good" / "minimal.yaml").compiled
    assert default_answers(compiled, dt.date(2026, 1, 1)) == {}


@pytest.mark.parametrize("value", [{"stufe": 3}, [{"a": "b"}], [["stufe_3"]]])
def test_a_choice_of_the_wrong_type_scores_nothing(value: object) -> None:
    # A hand-edited draft; the bundled canvas raises a prompt on `score(wirkung.stufe) >= 5`.
    compiled = load_canvas(bundled_canvases() / "innovationslabor.yaml").compiled
    session = Session(compiled, {"wirkung.stufe": value})
    assert session.choice_score(Ref(("wirkung", "stufe"), 0, "wirkung.stufe")) is None
    assert evaluate_session(session).prompts == []


def test_open_required_names_missing_and_wrong_answers(session: Session) -> None:
    # A wrong answer is open too (the progress does not count it): the overview lists both.
    assert ("mandat.status", "missing") in session.open_required()
    session.set("mandat.status", "gibt-es-nicht")
    assert session.issues("mandat.status", include_required=False)
    assert ("mandat.status", "invalid") in session.open_required()
    assert "mandat.status" not in session.missing_required()
    session.set("mandat.status", "rat")
    assert all(key != "mandat.status" for key, _ in session.open_required())
