"""The game's record: lines that cannot be read are skipped, never a reason to stop the board."""

from __future__ import annotations

from pathlib import Path

from kosi_tui.faces.board.record import (
    CHANGED,
    RECORD_FILE,
    SUBMITTED,
    Entry,
    append_record,
    marks,
    read_record,
)


def test_a_record_with_broken_lines_is_read_as_far_as_it_goes(tmp_path: Path) -> None:
    good = Entry("2026-12-07T10:00:00+01:00", "r1", "abc", SUBMITTED, "f1")
    assert append_record(tmp_path, [good])
    with (tmp_path / RECORD_FILE).open("a", encoding="utf-8") as f:
        f.write('{"time": 1}\n[1, 2]\n{"round": "r1", "evil": "\\u001b[2J"}\n{"time": "x", "rou')
    assert read_record(tmp_path) == [good]
    later = Entry("2026-12-07T10:05:00+01:00", "r1", "abc", CHANGED, "f2")
    assert append_record(tmp_path, [later])
    # The line cut off by a crash is ended before the next entry, which is read.
    assert read_record(tmp_path) == [good, later]
    assert marks([good, later], "r1").changed == frozenset({"abc"})


def test_a_folder_that_cannot_be_written_keeps_the_board_going(tmp_path: Path) -> None:
    missing = tmp_path / "gone"
    assert not append_record(missing, [Entry("t", "r1", "abc", SUBMITTED, "f")])
    assert read_record(missing) == []


def test_the_debrief_tells_who_submitted_when(tmp_path: Path) -> None:
    from kosi_tui.core.group_record import observe
    from kosi_tui.report.debrief import build_debrief
    from kosi_tui.report.formats import write_document
    from kosi_tui.report.game import load_game
    from tests import group_play

    fillings = {role: group_play.join(tmp_path, role) for role in ("stadt", "verein")}
    record: list[Entry] = []

    def board_looks() -> None:
        game = load_game(tmp_path, "de")
        assert game.compiled.canvas.group is not None
        record.extend(observe(record, game.rounds(1)[1], game.compiled.canvas.group))

    group_play.offer(fillings["verein"], 1, {"stand": "angebot", "geld_einmalig": 500})
    board_looks()
    group_play.offer(fillings["stadt"], 1, {"stand": "angebot", "geld_einmalig": 2000})
    board_looks()
    group_play.offer(fillings["stadt"], 1, {"geld_einmalig": 2500})
    board_looks()
    board_looks()  # nothing new
    assert [(e.event, e.early) for e in record] == [
        (SUBMITTED, True), (SUBMITTED, False), (CHANGED, False)
    ]  # fmt: skip
    game = load_game(tmp_path, "de")
    text = write_document(build_debrief(game, "de", record=record), "md")
    assert isinstance(text, str)
    assert "Wer wann abgab" in text
    assert "Runde 2: Verein (Vera Verein) gibt ab (vor Stadt)" in text
    assert "Runde 2: Stadt (Erika Amt) gibt ab\n" in text
    assert "Runde 2: Stadt (Erika Amt) ändert nach der Abgabe" in text
    # A debrief of round 1 only holds no later record.
    assert "Wer wann abgab" not in str(
        write_document(build_debrief(game, "de", 0, record=record), "md")
    )


def test_kosi_board_o_reads_the_record_from_the_folder(tmp_path: Path) -> None:
    from kosi_tui.faces.board.record import keep_record
    from kosi_tui.faces.commands.board import run_board
    from kosi_tui.report.game import load_game
    from kosi_tui.storage.round_state import RoundState
    from tests import group_play

    folder = tmp_path / "ws"
    folder.mkdir()
    verein = group_play.join(folder, "verein")
    group_play.offer(verein, 0, {"stand": "angebot", "geld_einmalig": 500})
    keep_record(folder, load_game(folder, "de"), RoundState("planspiel_fahrradgarage"))
    out = tmp_path / "auswertung.md"
    assert run_board(str(folder), None, out, "md", False, "de") == 0
    assert "Runde 1: Verein (Vera Verein) gibt ab" in out.read_text(encoding="utf-8")


def test_kosi_board_o_anonymous_names_no_player(tmp_path: Path) -> None:
    from kosi_tui.cli import main
    from tests import group_play

    folder = tmp_path / "ws"
    folder.mkdir()
    group_play.play_all(folder)
    out = tmp_path / "auswertung.md"
    assert main(["board", str(folder), "-o", str(out), "--anonymous", "--lang", "de"]) == 0
    text = out.read_text(encoding="utf-8")
    for name in ("Erika Amt", "Vera Verein", "Mobiles Viertel e. V.", "Nils Nutzer"):
        assert name not in text, name
    assert "Verein (Person " in text and "14.000" in text


def test_a_record_line_nested_too_deep_is_skipped_like_any_broken_line(tmp_path: Path) -> None:
    good = Entry("2026-12-07T10:00:00+01:00", "r1", "abc", SUBMITTED, "f1")
    with (tmp_path / RECORD_FILE).open("w", encoding="utf-8") as f:
        f.write("[" * 200_000 + "\n")
    assert append_record(tmp_path, [good])
    assert read_record(tmp_path) == [good]


def test_the_debrief_tells_how_far_each_moved_and_names_nobody_when_anonymous(
    tmp_path: Path,
) -> None:
    from kosi_tui.core.group_record import observe
    from kosi_tui.report.debrief import build_debrief
    from kosi_tui.report.formats import write_document
    from kosi_tui.report.game import load_game
    from tests import group_play

    fillings = {role: group_play.join(tmp_path, role) for role in ("wohnen", "verein")}
    record: list[Entry] = []

    def board_looks(index: int) -> None:
        game = load_game(tmp_path, "de")
        assert game.compiled.canvas.group is not None
        result = game.rounds(index)[index]
        record.extend(observe(record, result, game.compiled.canvas.group))

    for index in (0, 1):
        for role, filling in fillings.items():
            group_play.offer(filling, index, group_play.OFFERS[index][role])
            board_looks(index)
    # The association gives 100 € more after submitting: its move is on that line.
    group_play.offer(fillings["verein"], 1, {"geld_einmalig": 600})
    board_looks(1)
    for anonymous in (False, True):
        game = load_game(tmp_path, "de", anonymous=anonymous)
        text = write_document(build_debrief(game, "de", record=record), "md")
        assert isinstance(text, str)
        assert "Wer wann abgab und wie weit" in text
        name = {r.role.id: r.member.name for r in game.rounds(0)[0].rows if r.role is not None}
        if anonymous:  # numbered in the files' order
            assert sorted(name.values()) == ["Person 1", "Person 2"]
        wohnen, verein = f"Genossenschaft ({name['wohnen']})", f"Verein ({name['verein']})"
        # Hand-computed from the offers: 2,000 → 2,500 € once, a 30 % deficit share.
        assert f"Runde 2: {wohnen} gibt ab – einmalig 2.000 → 2.500 €; Defizit 0 → 30 %" in text
        # Round 1 has nothing before it; the association's submission is not its last line.
        assert f"Runde 1: {verein} gibt ab\n" in text
        assert f"Runde 2: {verein} gibt ab\n" in text
        # 4 → 6 hours a month at 20 € are 960 → 1,440 € a year in kind.
        assert (
            f"Runde 2: {verein} ändert nach der Abgabe – einmalig 500 → 600 €; "
            "Sachwert/Jahr 960 → 1.440 €; Defizit 0 → 40 %" in text
        )
        if anonymous:
            assert "Wiebke" not in text and "Vera" not in text
