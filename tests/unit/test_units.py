"""Units with a singular and a plural ("Sektor|Sektoren"): "1 Sektor", "2 Sektoren", and the
plural where a unit stands without a number; "1 Sektoren" appeared in every report before."""

from __future__ import annotations

from kosi_tui.core.canvas import Number
from kosi_tui.core.evaluation import evaluate_session
from kosi_tui.core.group import amount_text
from kosi_tui.core.kinds.base import scalar_text
from kosi_tui.core.session import Session
from kosi_tui.core.units import unit_for, unit_name
from kosi_tui.paths import bundled_canvases
from kosi_tui.report.score_figures import figure_text
from kosi_tui.storage.canvas_file import load_canvas
from kosi_tui.storage.draft_file import load_draft
from tests.conftest import ROOT


def test_the_form_goes_with_the_number() -> None:
    assert [unit_for("Sektor|Sektoren", n) for n in (0, 1, 1.0, 1.5, 2)] == [
        "Sektoren", "Sektor", "Sektor", "Sektoren", "Sektoren",
    ]  # fmt: skip
    assert unit_for("€", 1) == "€" and unit_name("sector|sectors") == "sectors"
    assert scalar_text(1, "de", {"de": "Organisation|Organisationen"}) == "1 Organisation"
    assert amount_text(3, "en", {"de": "Partei|Parteien", "en": "party|parties"}) == "3 parties"


def test_the_reports_counts_read_right() -> None:
    canvas = load_canvas(bundled_canvases() / "innovationslabor.yaml").compiled
    answers = load_draft(ROOT / "examples" / "innovationslabor.answers.yaml").answers
    result = evaluate_session(Session(canvas, dict(answers)))
    shown = {s.score.id: figure_text(s.score, s.value, "de") for s in result.scores}
    assert shown["koproduktion"] == "1 Sektor"
    assert shown["akteursbreite"] == "3 Sektoren"
    assert shown["wirkung"] == "1 Kennzahl ab Stufe 4"
    english = {s.score.id: figure_text(s.score, s.value, "en") for s in result.scores}
    assert english["koproduktion"] == "1 sector"


def test_a_unit_without_a_number_is_the_plural() -> None:
    canvas = load_canvas(bundled_canvases() / "innovationslabor.yaml").compiled
    question = canvas.questions["akteure.kernteam"].question
    assert isinstance(question, Number)
    assert question.form("de").unit == "Organisationen"
    assert question.display(1, "de") == ["1 Organisation"]
