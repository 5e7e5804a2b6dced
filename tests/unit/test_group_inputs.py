"""Clean inputs to the group: a hand-edited value outside its question's bounds or of the wrong
type is left out of the sums and named; two files with one draft id are both shown and named;
unreadable and foreign files are named; a canvas given takes its drafts from a mixed folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kosi_tui.core.group import RoundResult
from kosi_tui.faces.filling import Filling
from kosi_tui.paths import bundled_canvases
from kosi_tui.report.debrief import build_debrief
from kosi_tui.report.formats import write_document
from kosi_tui.report.game import Game, load_game, notices
from kosi_tui.report.group_summary import group_lines
from kosi_tui.storage.canvas_file import load_canvas
from tests import group_play

# Constants of the Planspiel, read off the canvas by hand: investment 14,000 €, land 30 € per m²
# a year, 20 € an hour.
INVESTMENT = 14000


def round_one(folder: Path) -> dict[str, Filling]:
    """Every role joins and submits round 1 (one-off money: district 4,000, housing 2,000,
    association 500 → 6,500 €)."""
    fillings = {role: group_play.join(folder, role) for role in group_play.PLAYERS}
    for role, answers in group_play.OFFERS[0].items():
        group_play.offer(fillings[role], 0, answers)
    return fillings


def edit(filling: Filling, line: str, replacement: str) -> None:
    """Changes one line of a saved draft, as someone with a text editor would."""
    path = filling.path
    assert path is not None
    text = path.read_text(encoding="utf-8")
    assert f"\n  {line}\n" in text, line
    path.write_text(text.replace(f"\n  {line}\n", f"\n  {replacement}\n"), encoding="utf-8")


def by_role(result: RoundResult) -> dict[str, dict[str, object]]:
    return {r.role.id: r.cells for r in result.rows if r.role is not None}


@pytest.fixture
def edited(tmp_path: Path) -> Game:
    fillings = round_one(tmp_path)
    edit(fillings["wohnen"], "runde_1.geld_einmalig: 2000", "runde_1.geld_einmalig: -5000")
    edit(fillings["bezirk"], "runde_1.geld_einmalig: 4000", "runde_1.geld_einmalig: 1000000000")
    edit(fillings["nutzende"], "runde_1.geld_laufend: 1152", "runde_1.geld_laufend: viel")
    return load_game(tmp_path, "de")


def test_values_outside_the_bounds_or_of_the_wrong_type_are_left_out_of_the_sums(
    edited: Game,
) -> None:
    r1 = edited.rounds(0)[0]
    # Only the association's 500 € is a valid one-off offer.
    assert r1.totals["einmalig"] == 500
    assert r1.figures["einmalig"] == 500
    assert r1.figures["luecke_einmalig"] == INVESTMENT - 500 == 13500
    cells = by_role(r1)
    assert cells["wohnen"]["einmalig"] is None and cells["bezirk"]["einmalig"] is None
    # The text where a number belongs: nobody pays yearly, the annual gap is still a number and
    # its flag still stands (it vanished without a word before).
    assert r1.figures["laufend"] == 0
    assert isinstance(r1.figures["luecke_jaehrlich"], int | float)
    assert r1.figures["luecke_jaehrlich"] == r1.figures["jahreskosten"] - r1.figures["sachwert"]
    assert "luecke_jaehrlich" in {f.id for f in r1.flags}
    left_out = {(r.member.name, r.key, r.value) for r in r1.rejected}
    assert left_out == {
        ("Wiebke Wohnen", "runde_1.geld_einmalig", -5000),
        ("Bernd Bezirk", "runde_1.geld_einmalig", 1000000000),
        ("Nils Nutzer", "runde_1.geld_laufend", "viel"),
    }


def test_the_values_left_out_are_named_with_draft_question_and_value(edited: Game) -> None:
    lines = notices(edited, edited.rounds(0)[0], "de")
    text = "\n".join(lines)
    assert "Wiebke Wohnen – „Wie viel Geld geben Sie einmalig für den Bau?“: -5.000" in text
    assert "Bernd Bezirk" in text and "1.000.000.000" in text
    assert "Nils Nutzer – „Wie viel Geld geben Sie jedes Jahr für den Betrieb?“: viel" in text
    # A later round of the same drafts has nothing left out.
    assert notices(edited, edited.rounds(1)[1], "de") == []


def test_the_debrief_and_the_summary_name_the_values_left_out(edited: Game, tmp_path: Path) -> None:
    debrief = write_document(build_debrief(edited, "de", upto=0), "md")
    assert isinstance(debrief, str)
    assert "Nicht mitgezählt: Bernd Bezirk" in debrief and "1.000.000.000" in debrief
    assert "Nicht mitgezählt: Nils Nutzer" in debrief
    from kosi_tui.report.collect import collect_workshop

    summary = "\n".join(group_lines(collect_workshop([tmp_path], "de"), "de"))
    assert "Nicht mitgezählt: Wiebke Wohnen" in summary and "-5.000" in summary


def test_two_files_with_one_draft_id_are_both_shown_and_named(tmp_path: Path) -> None:
    fillings = round_one(tmp_path)
    original = fillings["verein"].path
    assert original is not None
    shutil.copy(original, tmp_path / "kopie.yaml")
    game = load_game(tmp_path, "de")
    assert len(game.members) == 6
    assert len({m.key for m in game.members}) == 6
    r1 = game.rounds(0)[0]
    assert [r.member.name for r in r1.rows].count("Vera Verein") == 2
    assert [d.paths for d in game.duplicates] == [sorted([original, tmp_path / "kopie.yaml"])]
    text = "\n".join(notices(game, r1, "de"))
    assert "kopie.yaml" in text and original.name in text


def test_unreadable_and_foreign_files_are_named_and_a_mixed_folder_gives_the_game(
    tmp_path: Path,
) -> None:
    round_one(tmp_path)
    lab = load_canvas(bundled_canvases() / "innovationslabor.yaml")
    for n in range(6):  # more self-reflection drafts than players: the majority is not the game
        Filling.start(lab, f"Stadt {n}", f"Person {n}", "de", folder=tmp_path).save()
    (tmp_path / "kaputt.yaml").write_text("answers: [\n", encoding="utf-8")
    game = load_game(tmp_path, "de", group_play.CANVAS)
    assert game.compiled.canvas.id == "planspiel_fahrradgarage"
    assert sorted(m.name for m in game.members) == sorted(a for _, a in group_play.PLAYERS.values())
    assert game.rounds(0)[0].totals["einmalig"] == 6500
    text = "\n".join(notices(game, None, "de"))
    assert "kaputt.yaml" in text
    assert "Nicht im Spiel: kaputt.yaml – Zeile 2" in text
    assert text.count("anderen Canvas (innovationslabor") == 6
    # `kosi board FOLDER` finds the game in the mixed folder by itself.
    from kosi_tui.faces.commands.game_canvas import game_canvas

    found = game_canvas(tmp_path, None)
    assert found is not None and load_canvas(found).canvas.id == "planspiel_fahrradgarage"


def test_a_folder_with_only_the_self_reflection_so_far_gives_the_game(tmp_path: Path) -> None:
    # The training day's folder before anyone has started the Planspiel: `kosi board FOLDER` said
    # "Der Canvas „innovationslabor“ ist kein Planspiel" and ended, where an empty folder shows
    # the board of the bundled game.
    from kosi_tui.faces.commands.game_canvas import game_canvas

    lab = load_canvas(bundled_canvases() / "innovationslabor.yaml")
    for n in range(2):
        Filling.start(lab, f"Stadt {n}", f"Person {n}", "de", folder=tmp_path).save()
    found = game_canvas(tmp_path, None)
    assert found is not None and load_canvas(found).canvas.id == "planspiel_fahrradgarage"


@pytest.mark.parametrize(
    ("lang", "said"), [("de", "1 Datei nicht im Spiel"), ("en", "1 file not in the game")]
)
def test_the_status_line_does_not_call_another_canvas_draft_unreadable(
    tmp_path: Path, lang: str, said: str
) -> None:
    # The morning's self-reflection beside the game is readable; the line said "1 Datei nicht
    # lesbar" while the note under the table said "gehört zu einem anderen Canvas".
    from kosi_tui.report.game import status_parts

    round_one(tmp_path)
    lab = load_canvas(bundled_canvases() / "innovationslabor.yaml")
    Filling.start(lab, "Stadt X", "Ada", "de", folder=tmp_path).save()
    game = load_game(tmp_path, lang, group_play.CANVAS)
    parts = status_parts(game, game.rounds(0)[0], lang)
    assert said in parts, parts
