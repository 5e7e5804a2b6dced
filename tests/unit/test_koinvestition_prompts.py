"""The co-investment canvas: its example's annual balance worked out by hand, fees counted once,
and each tension prompt speaking where two answers pull apart and silent otherwise."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from kosi_tui.core.compiled import CompiledCanvas
from kosi_tui.core.evaluation import Result, evaluate_session
from kosi_tui.core.session import Session
from kosi_tui.paths import bundled_canvases
from kosi_tui.storage.canvas_file import load_canvas
from kosi_tui.storage.draft_file import load_draft
from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "koinvestition-fahrradgarage.answers.yaml"
DATA = ROOT / "tests" / "data" / "coproduction"


@cache
def compiled() -> CompiledCanvas:
    return load_canvas(bundled_canvases() / "koinvestition-fahrradgarage.yaml").compiled


def evaluate(changes: dict[str, Any], draft: Path = EXAMPLE) -> Result:
    """The draft with `changes` (None removes an answer), evaluated."""
    answers = dict(load_draft(draft).answers)
    answers.update(changes)
    session = Session(compiled(), answers)
    assert session.missing_required() == [], session.missing_required()
    return evaluate_session(session)


def prompt_ids(result: Result) -> list[str]:
    return [p.prompt.id for p in result.prompts]


def test_the_examples_balance_worked_out_by_hand() -> None:
    # Read with a plain YAML reader, not kosi's, and add up as on paper.
    answers = yaml.safe_load(EXAMPLE.read_text("utf-8"))["answers"]
    fees = answers["vorhaben.stellplaetze"] * answers["finanzen.auslastung"] / 100
    fees *= answers["finanzen.entgelt"] * 12  # 12 spaces × 90 % × 2 € × 12 months = 259.20 €
    recurring = sum(row.get("geld_laufend", 0) for row in answers["beitraege.tabelle"])  # 60 €
    balance = fees + recurring - answers["finanzen.laufend"]  # − 400 € running costs
    assert balance == pytest.approx(-80.8)
    result = evaluate({})
    scores = {s.score.id: s.value for s in result.scores}
    assert scores["jahresbilanz"] == pytest.approx(balance)
    assert "betrieb_defizitaer" in [f.id for f in result.flags]
    # The users' fee is in the balance once: the table's recurring money has no users' row.
    assert "entgelt_doppelt" not in prompt_ids(result)


def test_a_reserve_for_replacement_comes_off_the_balance() -> None:
    scores = {s.score.id: s.value for s in evaluate({"finanzen.ruecklage": 1200}).scores}
    assert scores["jahresbilanz"] == pytest.approx(-1280.8)


def test_fees_entered_twice_raise_a_prompt() -> None:
    result = evaluate({}, DATA / "entgelte_doppelt.yaml")
    assert "entgelt_doppelt" in prompt_ids(result)
    spoken = next(p for p in result.prompts if p.prompt.id == "entgelt_doppelt")
    assert "240 € im Jahr" in spoken.observation["de"]


def test_a_dependence_above_seventy_per_cent_is_a_question_not_a_flag() -> None:
    # Dortmund: the district council gives 6,000 € of 8,000 € (75 %), a model that works.
    dortmund = [
        {"partei": "Bezirksvertretung", "sektor": "politik", "geld_einmalig": 6000},
        {"partei": "Nutzergemeinschaft", "sektor": "buerger", "geld_einmalig": 2000},
        {"partei": "VCD", "sektor": "zivilgesellschaft", "rolle": ["traeger"]},
    ]
    result = evaluate({"beitraege.tabelle": dortmund, "finanzen.investition": 8000})
    assert "abhaengig" not in [f.id for f in result.flags]
    spoken = next(p for p in result.prompts if p.prompt.id == "abhaengig")
    assert spoken.observation["de"] == "Eine Partei bringt 75 % des einmaligen Geldes."
    assert "Betrieb" in spoken.question["de"]


OWN_ONLY = [{"partei": "Quartiersverein", "merkmale": ["setzt_um", "ressourcen"]}]
DORTMUND = [
    {"partei": "Bezirksvertretung", "sektor": "politik", "geld_einmalig": 9000},
    {"partei": "Nutzergemeinschaft", "sektor": "buerger", "geld_einmalig": 3000},
    {"partei": "Verein", "sektor": "zivilgesellschaft", "rolle": ["traeger", "genehmigung"]},
]

# prompt id: (answers with which it speaks, answers with which it is silent), on top of the example.
CASES: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "abhaengig": ({"beitraege.tabelle": DORTMUND}, {}),
    "entgelt_doppelt": (
        {"beitraege.tabelle": [*DORTMUND, {"partei": "Nutzende", "sektor": "buerger",
                                           "rolle": ["nutzende"], "geld_laufend": 240}]},
        {"beitraege.tabelle": [*DORTMUND, {"partei": "Verein", "sektor": "zivilgesellschaft",
                                           "rolle": ["traeger"], "geld_laufend": 240}]},
    ),
    "entgelt_unter_kosten": ({}, {"finanzen.entgelt": 5}),
    "defizit_beim_verein": ({}, {"finanzen.entgelt": 5}),
    "ersatz_fehlt": ({}, {"finanzen.ruecklage": 1200}),
    "nachfrage_ungewiss": ({}, {"risiken.auswahl": ["haftung"]}),
    "ausgewogen_trotz_anteil": ({"nutzen.gleichgewicht": 4}, {"nutzen.gleichgewicht": 3}),
    "zahlt_ohne_mitsprache": (
        {},
        {"kopro.parteien": [{"partei": "Verein", "merkmale": ["entscheidet", "ressourcen"]}]},
    ),
    "umsetzen_ohne_risiko": ({"kopro.parteien": OWN_ONLY}, {}),
    "ausstieg_offen": ({}, {"vereinbarung.laufzeit": "Fünf Jahre; steigt der Verein aus, übernimmt die Genossenschaft."}),
    "stadt_doppelrolle": ({"finanzen.defizit": "kommune"}, {}),
}  # fmt: skip


def test_every_prompt_has_cases_and_there_are_at_least_eight() -> None:
    ids = [p.id for p in compiled().canvas.evaluation.prompts]
    assert sorted(ids) == sorted(CASES)
    assert len(ids) >= 8


@pytest.mark.parametrize("prompt_id", sorted(CASES))
def test_prompt_speaks(prompt_id: str) -> None:
    assert prompt_id in prompt_ids(evaluate(CASES[prompt_id][0]))


@pytest.mark.parametrize("prompt_id", sorted(CASES))
def test_prompt_is_silent(prompt_id: str) -> None:
    assert prompt_id not in prompt_ids(evaluate(CASES[prompt_id][1]))


def test_the_guidance_points_to_the_planspiel_and_the_footprint_is_one() -> None:
    text = (bundled_canvases() / "koinvestition-fahrradgarage.yaml").read_text("utf-8")
    assert "planspiel-fahrradgarage" in text and "Hochschule) und füllt nur die eigene" not in text
    assert "6 m²" in text and "einen Kfz-Stellplatz" in text
