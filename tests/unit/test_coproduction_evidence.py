"""Co-production counted from evidence: a sector counts only where the actor table has a partner of
it who brings money, time or space and shares decisions; claims without that evidence become
prompts, token texts do not silence them, and raising a self-rating never removes a prompt."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

from kosi_tui.core.canvas import Scale
from kosi_tui.core.compiled import CompiledCanvas
from kosi_tui.core.evaluation import Result, evaluate_session
from kosi_tui.core.session import Session
from kosi_tui.paths import bundled_canvases
from kosi_tui.storage.canvas_file import load_canvas
from kosi_tui.storage.draft_file import load_draft
from tests.conftest import ROOT

DATA = ROOT / "tests" / "data" / "coproduction"
EXAMPLE = ROOT / "examples" / "innovationslabor.answers.yaml"
CONTRADICTORY = DATA / "widerspruechlich.yaml"  # inflated claims and token texts
HONEST = DATA / "ehrlich.yaml"  # the same lab, early and honest
NO_SAY = DATA / "ohne_mitsprache.yaml"  # partners who do the work and decide nothing
DRAFTS = [EXAMPLE, CONTRADICTORY, HONEST, NO_SAY]

CLAIMS = {
    "koproduktion_ohne_beleg_zivil", "koproduktion_ohne_beleg_wirtschaft",
    "koproduktion_ohne_beleg_wissenschaft", "kernteam_allein", "umsetzen_ohne_mitsprache",
    "verwaltung_entscheidet_und_moderiert", "augenhoehe_ohne_beleg", "kriterien_ohne_beleg",
    "letztes_wort",
}  # fmt: skip


@cache
def compiled() -> CompiledCanvas:
    return load_canvas(bundled_canvases() / "innovationslabor.yaml").compiled


def evaluate(draft: Path, changes: dict[str, Any] | None = None) -> Result:
    answers = dict(load_draft(draft).answers)
    answers.update(changes or {})
    session = Session(compiled(), answers)
    assert session.missing_required() == [], session.missing_required()
    return evaluate_session(session)


def spoken(result: Result) -> set[str]:
    return {p.prompt.id for p in result.prompts}


def koproduktion(result: Result) -> Any:
    return next(s.value for s in result.scores if s.score.id == "koproduktion")


def test_inflated_claims_earn_no_points_and_raise_the_prompts() -> None:
    result = evaluate(CONTRADICTORY)
    assert koproduktion(result) == 0  # was 3, the top, on claims alone
    assert spoken(result) >= CLAIMS


def test_the_honest_counterpart_raises_none_of_them() -> None:
    result = evaluate(HONEST)
    assert spoken(result) & CLAIMS == set()
    assert spoken(result) & {"wer_kommt_nicht", "rathaus_neutral"} == set()


def test_token_texts_do_not_silence_a_prompt() -> None:
    token = evaluate(CONTRADICTORY)
    assert {"wer_kommt_nicht", "rathaus_neutral"} <= spoken(token)
    answered = evaluate(
        CONTRADICTORY,
        {
            "methoden.nicht_erreicht": "Menschen ohne Verein und mit wenig Deutsch; wir gehen "
            "mit den Sprachcafés in die Höfe und fragen dort.",
            "methoden.moderation_wer": "extern",
        },
    )
    assert spoken(answered) & {"wer_kommt_nicht", "rathaus_neutral"} == set()


def test_partners_who_do_the_work_without_a_say_raise_a_question() -> None:
    result = evaluate(NO_SAY)
    assert "umsetzen_ohne_mitsprache" in spoken(result)
    question = next(p for p in result.prompts if p.prompt.id == "umsetzen_ohne_mitsprache")
    assert question.question["de"] == (
        "Worüber dürfen die mitentscheiden, die die Arbeit machen – und was haben sie davon?"
    )
    rows = [dict(r, mitsprache="mit") if r["sektor"] == "zivilgesellschaft" else r
            for r in load_draft(NO_SAY).answers["akteure.tabelle"]]  # fmt: skip
    assert "umsetzen_ohne_mitsprache" not in spoken(evaluate(NO_SAY, {"akteure.tabelle": rows}))


BUSINESS = {"akteur": "Genossenschaft", "sektor": "wirtschaft", "beitrag": ["geld"]}


@pytest.mark.parametrize(
    ("rows", "counted"),
    [
        ([dict(BUSINESS, mitsprache="mit")], 1),
        ([dict(BUSINESS, mitsprache="letztes")], 1),
        ([dict(BUSINESS, mitsprache="gehoert")], 0),
        ([dict(BUSINESS, beitrag=["legitimation"], mitsprache="mit")], 0),
        # One partner pays, another decides: no single partner does both.
        ([BUSINESS, dict(BUSINESS, beitrag=["wissen"], mitsprache="mit")], 0),
    ],
)
def test_a_sector_counts_with_one_partner_who_brings_and_decides(
    rows: list[dict[str, Any]], counted: int
) -> None:
    result = evaluate(
        HONEST,
        {"kopro.stufe_wirtschaft": "koproduktion", "akteure.tabelle": [
            {"akteur": "Amt", "sektor": "kommune"}, {"akteur": "Verein", "sektor": "zivilgesellschaft"},
            *rows]},
    )  # fmt: skip
    assert koproduktion(result) == counted
    assert ("koproduktion_ohne_beleg_wirtschaft" in spoken(result)) is (counted == 0)


def _ratings() -> list[tuple[str, int, int]]:
    out = []
    for key, located in compiled().questions.items():
        if isinstance(located.question, Scale):
            out.append((key, located.question.min, located.question.max))
    return out


@pytest.mark.parametrize("draft", DRAFTS, ids=[d.stem for d in DRAFTS])
def test_raising_a_self_rating_never_removes_a_prompt(draft: Path) -> None:
    ratings = _ratings()
    assert {key for key, _, _ in ratings} >= {"mandat.rueckendeckung", "mandat.freiraum",
                                              "kopro.augenhoehe"}  # fmt: skip
    for key, low, high in ratings:
        before = spoken(evaluate(draft, {key: low}))
        for value in range(low + 1, high + 1):
            after = spoken(evaluate(draft, {key: value}))
            assert before <= after, (key, value, before - after)
            before = after
