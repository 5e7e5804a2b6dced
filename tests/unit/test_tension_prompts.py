"""The default canvas's tension prompts and flags: each speaks when two answers pull against each
other and is silent otherwise; and no score rises merely because required questions were answered."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

import pytest

from kosi_tui.core.canvas import (
    Date,
    ListQuestion,
    LongText,
    MultiChoice,
    Number,
    Scale,
    ShortText,
    SingleChoice,
    Table,
)
from kosi_tui.core.compiled import CompiledCanvas
from kosi_tui.core.evaluation import Result, evaluate_session
from kosi_tui.core.session import Session
from kosi_tui.paths import bundled_canvases
from kosi_tui.storage.canvas_file import load_canvas
from kosi_tui.storage.draft_file import load_draft
from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "innovationslabor.answers.yaml"


@cache
def compiled() -> CompiledCanvas:
    return load_canvas(bundled_canvases() / "innovationslabor.yaml").compiled


def evaluate(changes: dict[str, Any]) -> Result:
    """The example draft with `changes` (None removes an answer), evaluated."""
    answers = dict(load_draft(EXAMPLE).answers)
    answers.update(changes)
    session = Session(compiled(), answers)
    assert session.missing_required() == [], session.missing_required()
    return evaluate_session(session)


ROLLEN = (
    "Im Lenkungskreis sitzt das Amt für Mobilität; die Sondernutzungserlaubnis prüft das "
    "Ordnungsamt nach den üblichen Regeln, ohne Absprache im Labor."
)


def actors(**say: str) -> list[dict[str, Any]]:
    """The example's actor table with the say (`mitsprache`) of some rows changed, by sector."""
    rows = [dict(r) for r in load_draft(EXAMPLE).answers["akteure.tabelle"]]
    for row in rows:
        if row["sektor"] in say:
            row["mitsprache"] = say[row["sektor"]]
    return rows


RESEARCH = {"akteur": "Hochschule Nord", "sektor": "wissenschaft", "rolle": "expertise",
            "beitrag": ["zeit", "wissen"], "mitsprache": "mit"}  # fmt: skip
NOBODY_ELSE = actors(zivilgesellschaft="gehoert", wirtschaft="keine")

# prompt id: (answers with which it speaks, answers with which it is silent), both on top of the
# example draft; an empty dict means the example itself.
CASES: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "letztes_wort": ({}, {"akteure.tabelle": actors(kommune="mit")}),
    "koproduktion_ohne_beleg_zivil": ({"akteure.tabelle": actors(zivilgesellschaft="gehoert")}, {}),
    "koproduktion_ohne_beleg_wirtschaft": (
        {"kopro.stufe_wirtschaft": "koproduktion", "akteure.tabelle": actors(wirtschaft="gehoert")},
        {"kopro.stufe_wirtschaft": "koproduktion"},
    ),
    "koproduktion_ohne_beleg_wissenschaft": (
        {"kopro.stufe_wissenschaft": "koproduktion"},
        {"kopro.stufe_wissenschaft": "koproduktion", "akteure.tabelle": [*actors(), RESEARCH]},
    ),
    "kernteam_allein": ({"akteure.kernteam": 1}, {}),
    "umsetzen_ohne_mitsprache": ({"akteure.tabelle": actors(zivilgesellschaft="gehoert")}, {}),
    "verwaltung_entscheidet_und_moderiert": (
        {"methoden.moderation_wer": "labor"},
        {"methoden.moderation_wer": "extern"},
    ),
    "augenhoehe_ohne_beleg": (
        {"kopro.augenhoehe": 4, "akteure.tabelle": NOBODY_ELSE},
        {"kopro.augenhoehe": 4},
    ),
    "kriterien_ohne_beleg": ({"akteure.tabelle": NOBODY_ELSE}, {}),
    "kurze_leine": ({}, {"organisation.form": "verein", "organisation.vereinbarung": "vertrag"}),
    "auftrag_ohne_rueckhalt": ({"risiken.auswahl": ["foerderende", "rueckendeckung"]}, {}),
    "rat_frist": (
        {"mandat.beschluss_gremium": "rat", "mandat.beschluss_bis": dt.date(2027, 5, 1)},
        {"mandat.beschluss_gremium": "rat", "mandat.beschluss_bis": dt.date(2027, 9, 30)},
    ),
    "rat_ohne_bericht": (
        {"mandat.status": "rat", "mandat.bericht": "nie"},
        {"mandat.status": "rat"},
    ),
    "wer_kommt_nicht": ({"methoden.nicht_erreicht": "Das regeln wir schon."}, {}),
    "rathaus_neutral": (
        {"zweck.ausrichtung": "anlaufstelle", "methoden.moderation": "Das regeln wir schon."},
        {"zweck.ausrichtung": "anlaufstelle", "methoden.moderation_wer": "extern"},
    ),
    "koproduktion_ohne_umsetzung": ({"kopro.kriterien": ["entscheiden"]}, {}),
    "planen_ohne_umsetzen": ({"methoden.ko_phasen": ["kodesign"]}, {}),
    "behoerde_und_partner": (
        {"kopro.augenhoehe": 4},
        {"kopro.augenhoehe": 4, "kopro.rollen": ROLLEN},
    ),
    "auftragnehmer_oder_partner": ({"ressourcen.bezahlung": ["auftrag"]}, {}),
    "geld_ohne_menschen": ({"ressourcen.personal": 0.25}, {}),
    "eigenanteil_in_sicherung": ({}, {"ressourcen.eigenanteil_quelle": ["dritte"]}),
    "freiwillig_in_sicherung": ({}, {"ressourcen.haushaltslage": "ausgeglichen"}),
    "dauerhaft_befristet": (
        {"verstetigung.horizont": "dauerhaft"},
        {"verstetigung.horizont": "dauerhaft", "ressourcen.stellen": "unbefristet"},
    ),
    "nur_ein_thema": ({"anlass.weitere_themen": None}, {}),
    "zwei_wege": ({}, {"verstetigung.wege": ["haushalt", "misch"]}),
    "haushalt_vor_foerderende": ({}, {"verstetigung.entscheidung": dt.date(2027, 6, 30)}),
    "traeger_und_ehrenamt": ({}, {"risiken.auswahl": ["foerderende", "recht"]}),
    "ein_jahr_verhalten": (
        {"verstetigung.horizont": "experiment"},
        {"verstetigung.horizont": "experiment", "wirkung.stufe": "s3"},
    ),
    "wirkung_ohne_kennzahl": (
        {"wirkung.indikatoren": [{"indikator": "Belegte Stellplätze", "stufe": "s3"}]},
        {},
    ),
    "koevaluation_nur_befragt": (
        {},
        {"methoden.ko_phasen": ["kodesign", "koproduktion", "koevaluation"]},
    ),
}  # fmt: skip


def test_every_prompt_has_cases_and_there_are_at_least_twelve() -> None:
    ids = [p.id for p in compiled().canvas.evaluation.prompts]
    assert sorted(ids) == sorted(CASES)
    assert len(ids) >= 12


@pytest.mark.parametrize("prompt_id", sorted(CASES))
def test_prompt_speaks(prompt_id: str) -> None:
    result = evaluate(CASES[prompt_id][0])
    assert prompt_id in [p.prompt.id for p in result.prompts]


@pytest.mark.parametrize("prompt_id", sorted(CASES))
def test_prompt_is_silent(prompt_id: str) -> None:
    result = evaluate(CASES[prompt_id][1])
    assert prompt_id not in [p.prompt.id for p in result.prompts]


def test_the_example_shows_several_prompts() -> None:
    assert len(evaluate({}).prompts) >= 5


def test_prompts_show_the_answers_they_set_against_each_other() -> None:
    prompts = {p.prompt.id: p for p in evaluate({}).prompts}
    assert prompts["letztes_wort"].observation["de"] == (
        "Koproduktion angegeben, Augenhöhe 3 von 5; in der Akteurstabelle hat ein Akteur das letzte Wort."
    )
    assert prompts["haushalt_vor_foerderende"].observation["de"] == (
        "Entscheidung über die Fortführung am 31.12.2027, Förderende am 30.06.2028."
    )
    assert "Handover to a civil-society provider" in prompts["zwei_wege"].observation["en"]
    assert prompts["kurze_leine"].keys == ["mandat.rueckendeckung", "organisation.form"]
    spoken = evaluate(
        {"mandat.beschluss_gremium": "rat", "mandat.beschluss_bis": dt.date(2027, 5, 1)}
    )
    rat = next(p for p in spoken.prompts if p.prompt.id == "rat_frist")
    assert "bis zum 01.05.2027, 47 Tage nach" in rat.observation["de"]


FLAG_CASES: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "kein_mandat": ({"mandat.rueckendeckung": 2}, {}),
    "wissenschaft_fehlt": ({"akteure.fehlend": "Das regeln wir schon."}, {}),
    "datenschutz_offen": ({"organisation.datenschutz": "offen"}, {}),
    "personalrat_fehlt": ({"organisation.personalrat": "informiert"}, {}),
    "eigenanteil_offen": ({"ressourcen.eigenanteil_quelle": ["offen"]}, {}),
    "rechtsrahmen_unklar": ({"methoden.rechtsrahmen": "unklar"}, {}),
    "rechtsrahmen_ohne_stelle": ({"methoden.rechtsrahmen_wer": None}, {}),
    "vergabe_fehlt": ({"ressourcen.vergabe_recht": "nein"}, {}),
    "risiken_ohne_massnahme": ({}, {"risiken.top": [{"risiko": "Förderende", "massnahme": "Antrag"}]}),
}  # fmt: skip


@pytest.mark.parametrize("flag_id", sorted(FLAG_CASES))
def test_flag_speaks_and_is_silent(flag_id: str) -> None:
    speaks, silent = FLAG_CASES[flag_id]
    assert flag_id in [f.id for f in evaluate(speaks).flags]
    assert flag_id not in [f.id for f in evaluate(silent).flags]


# -- the least committal answers -------------------------------------------------------------

TEXT = "Das ist noch offen, wir klären es später?"
NONCOMMITTAL = ("offen", "unklar", "keins", "nicht_geplant", "nein", "noch_nicht", "sonstiges")


def least_committal(question: Any, pick: str) -> Any:
    """An answer that commits to as little as the question allows; `pick` says which choice to
    take where no choice means "open": the first, the middle or the last."""

    def choose(ids: list[str]) -> str:
        for open_id in NONCOMMITTAL:
            if open_id in ids:
                return open_id
        return {"first": ids[0], "middle": ids[len(ids) // 2], "last": ids[-1]}[pick]

    match question:
        case ShortText() | LongText():
            return TEXT
        case SingleChoice():
            return choose([c.id for c in question.choices])
        case MultiChoice():
            return [choose([c.id for c in question.choices])]
        case Scale():
            return (question.min + question.max) // 2
        case Number():
            return question.min if question.min is not None else 0
        case Date():
            return dt.date(2027, 3, 1)
        case ListQuestion():
            return [TEXT] * (question.min_items or 1)
        case Table():
            row: dict[str, Any] = {}
            for column in question.columns:
                if column.type == "text":
                    row[column.id] = TEXT
                elif column.type == "choice" and column.required:
                    assert column.choices
                    row[column.id] = column.choices[0].id
            return [dict(row) for _ in range(question.min_rows or 1)]
    raise AssertionError(question)


@pytest.mark.parametrize("pick", ["first", "middle", "last"])
def test_least_committal_answers_reach_no_score_top(pick: str) -> None:
    canvas = compiled()
    answers: dict[str, Any] = {}
    for _ in range(10):  # answering can show further required questions
        session = Session(canvas, answers)
        missing = session.missing_required()
        if not missing:
            break
        for key in missing:
            answers[key] = least_committal(canvas.questions[key].question, pick)
            assert session.check_value(key, answers[key]) == [], key
    session = Session(canvas, answers)
    assert session.missing_required() == []
    for item in evaluate_session(session).scores:
        top = item.score.max
        if item.value is None:
            continue
        if top is None:
            assert item.value == 0, item.score.id
        else:
            assert item.value < top, (item.score.id, item.value)
