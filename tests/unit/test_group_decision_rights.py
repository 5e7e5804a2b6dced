"""The Planspiel with decision rights: each round asks what a party wants a say in, the board shows
it, the group flags who pays without a say, the running costs stand apart from the replacement,
and the debrief asks who pays without deciding and who decides without paying."""

from __future__ import annotations

from pathlib import Path

from kosi_tui.paths import bundled_canvases
from kosi_tui.report.game import load_game
from kosi_tui.storage.canvas_file import load_canvas
from tests.group_play import join, offer

CANVAS = bundled_canvases() / "planspiel-fahrradgarage.yaml"


def test_every_round_asks_what_a_party_wants_a_say_in() -> None:
    compiled = load_canvas(CANVAS).compiled
    for section in ("runde_1", "runde_2", "runde_3"):
        question = compiled.questions[f"{section}.mitentscheiden"].question
        assert [c.id for c in question.choices] == [  # type: ignore[union-attr]
            "entgelt", "vergabe", "standort", "ausstieg", "ruecklage",
        ]  # fmt: skip
    group = compiled.canvas.group
    assert group is not None
    assert "mitsprache" in [c.id for c in group.table]
    debrief = [q["de"] for q in group.debrief if isinstance(q, dict)]
    assert "Wer zahlt, ohne mitzuentscheiden – und wer entscheidet, ohne zu zahlen?" in debrief


def test_paying_without_a_say_is_flagged_and_a_say_silences_it(tmp_path: Path) -> None:
    district = join(tmp_path, "bezirk")
    offer(district, 0, {"stand": "angebot", "geld_einmalig": 6000})
    assert "zahlt_ohne_mitsprache" in {f.id for f in load_game(tmp_path, "de").rounds()[0].flags}
    offer(district, 0, {"mitentscheiden": ["standort"]})
    assert "zahlt_ohne_mitsprache" not in {
        f.id for f in load_game(tmp_path, "de").rounds()[0].flags
    }


def test_a_gap_in_the_running_costs_is_told_apart_from_the_replacement(tmp_path: Path) -> None:
    users = join(tmp_path, "nutzende")
    offer(users, 0, {"stand": "angebot", "geld_laufend": 600})
    (first,) = load_game(tmp_path, "de").rounds()[:1]
    assert first.figures["luecke_betrieb"] == 2220 - 600 > 0
    assert {"luecke_jaehrlich"} <= {f.id for f in first.flags}
    assert "ersatz_offen" not in {f.id for f in first.flags}
    offer(users, 0, {"geld_laufend": 2300})  # covers running costs, not the 1,400 € replacement
    (first,) = load_game(tmp_path, "de").rounds()[:1]
    assert first.figures["luecke_betrieb"] == 2220 - 2300
    assert {f.id for f in first.flags} >= {"ersatz_offen"}
    assert "luecke_jaehrlich" not in {f.id for f in first.flags}


def test_the_cards_and_the_trainer_say_what_the_issue_found_missing() -> None:
    text = CANVAS.read_text(encoding="utf-8")
    assert "auf Antrag einen Zuschuss zu Reparaturen" in text  # the city's repair grant
    assert "schließt sich nur, wenn alle zwölf Haushalte zahlen" in text  # trainer note
    assert "Die Garage steht auf etwa 6 m²; im Straßenraum belegt sie einen Kfz-Stellplatz" in text
