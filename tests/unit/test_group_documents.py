"""A group game on paper: role cards, the negotiation table (blank and filled), the run sheet,
the debrief in every format, and the workshop summary that shows the group's figures."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from kosi_tui.cli import main
from kosi_tui.report.debrief import build_debrief
from kosi_tui.report.game import Game, load_game
from kosi_tui.report.negotiation_poster import fixed_figures, write_negotiation_poster
from kosi_tui.report.role_cards import write_role_cards
from kosi_tui.report.run_sheet import build_run_sheet
from kosi_tui.report.write_markdown import write_markdown
from tests.group_play import canvas, play_all

pypdf = pytest.importorskip("pypdf")


@pytest.fixture
def game(tmp_path: Path) -> Game:
    play_all(tmp_path / "ws")
    return load_game(tmp_path / "ws", "de")


def pdf_pages(data: bytes) -> list[tuple[str, float, float]]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [
        (
            p.extract_text(),
            float(p.mediabox.width) * 25.4 / 72,
            float(p.mediabox.height) * 25.4 / 72,
        )
        for p in reader.pages
    ]


def test_role_cards_front_and_back_per_role() -> None:
    compiled = canvas().compiled
    pages = pdf_pages(write_role_cards(compiled, "de", "A6"))
    assert len(pages) == 2 * 6
    assert all(round(w) == 105 and round(h) == 148 for _, w, h in pages)
    front, back = pages[0][0], pages[1][0]
    assert "Stadt Musterstadt" in front and "Hier steigen Sie aus" in front
    assert "Ohne Trägerin mit Versicherung" in front
    assert "Das wissen nur Sie" in back and "14.000 €" in back
    a5 = pdf_pages(write_role_cards(compiled, "en", "A5"))
    assert round(a5[0][1]) == 148 and "Where you walk away" in a5[0][0]


def test_the_blank_table_prints_the_fixed_figures_only() -> None:
    compiled = canvas().compiled
    assert fixed_figures(compiled) == {"abschreibung", "laufende_kosten", "jahreskosten"}
    ((text, width, height),) = pdf_pages(write_negotiation_poster(compiled, "de", "A3"))
    assert (round(width), round(height)) == (420, 297)
    assert "Fahrradladen" in text and "3.620 €/Jahr" in text and "1.400 €/Jahr" in text
    assert "2.220 €/Jahr" in text  # running costs shown apart from the replacement
    assert "7.500" not in text
    ((_, width, _),) = pdf_pages(write_negotiation_poster(compiled, "de", "A1"))
    assert round(width) == 841


def test_the_filled_table_shows_a_round(game: Game) -> None:
    ((text, _, _),) = pdf_pages(write_negotiation_poster(game.compiled, "de", "A3", game, 0))
    assert "Runde 1 von 3" in text and "6.500" in text and "7.500 €" in text
    assert "Niemand übernimmt die Trägerschaft" in text


def test_the_run_sheet_adds_up_to_30_60_90_minutes() -> None:
    markdown = write_markdown(build_run_sheet(canvas().compiled, "de"))
    for length in (30, 60, 90):
        assert f"Ablauf in {length} Minuten" in markdown
    assert "| 24–30 " in markdown and "| 48–60 " in markdown and "| 70–90 " in markdown
    assert "kosi board planspiel_fahrradgarage --cards" in markdown


def test_the_debrief_in_every_format(game: Game) -> None:
    document = build_debrief(game, "de")
    markdown = write_markdown(document)
    assert "Investitionslücke" in markdown and "7.500 €" in markdown
    assert "Wer hat sich wie weit bewegt" in markdown
    # The city's one-off money from round 1 to round 3.
    assert "0 → 2.000 (+2.000)" in markdown
    assert "Die Stadt war Eigentümerin des Straßenraums" in markdown
    from kosi_tui.report.write_docx import write_docx
    from kosi_tui.report.write_html import write_html
    from kosi_tui.report.write_pdf import write_pdf

    assert "Jährliche Lücke" in write_html(document)
    assert write_docx(document)[:2] == b"PK"
    text = "".join(page for page, _, _ in pdf_pages(write_pdf(document)))
    assert "Auswertung" in text and "200 €/Jahr" in text


def test_no_word_of_the_debrief_breaks_inside_a_table_cell(game: Game) -> None:
    """The rounds' ten columns on landscape pages, each as wide as its longest word: a broken
    word prints as two pieces one after the other ("Angebo", "t")."""
    import itertools

    from kosi_tui.report.document import Grid
    from kosi_tui.report.write_pdf import write_pdf

    document = build_debrief(game, "de")
    words = {
        w.strip("().,;:…")
        for part in document.parts
        for block in part.blocks
        if isinstance(block, Grid)
        for row in [block.header, *block.rows]
        for cell in row
        for w in cell.split()
        if len(w.strip("().,;:…")) >= 5
    }
    assert "Angebot" in words and "Genossenschaft" in words
    pages = pdf_pages(write_pdf(document))
    printed = " ".join(text for text, _, _ in pages).split()
    assert sorted({a + b for a, b in itertools.pairwise(printed)} & words) == []
    # The rounds on landscape pages, the rest upright.
    assert [round(w) for _, w, _ in pages][:3] == [210, 297, 297]


def test_the_run_sheet_takes_two_pages_not_three() -> None:
    """The first timetable follows the preparation on page 1 (it had a page of its own, which
    left page 1 two thirds empty)."""
    from kosi_tui.report.write_pdf import write_pdf

    pages = pdf_pages(write_pdf(build_run_sheet(canvas().compiled, "de")))
    assert len(pages) == 2
    assert "1. Vorbereitung" in pages[0][0] and "Ablauf in 30 Minuten" in pages[0][0]


def test_the_summary_of_a_game_shows_the_group_not_means(game: Game, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    assert main(["summary", str(tmp_path / "ws"), "-o", "-"]) == 0
    out = capsys.readouterr().out
    assert "Der Verhandlungstisch Runde für Runde" in out
    assert "| Investitionslücke" in out and "7.500 €" in out
    assert "Mittel" not in out


def test_the_board_command_writes_paper(game: Game, tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    assert main(["board", "planspiel_fahrradgarage", "--cards", "-o", str(tmp_path / "k.pdf")]) == 0
    assert (
        main(["board", "planspiel_fahrradgarage", "--cards", "-o", str(tmp_path / "k.docx")]) == 2
    )
    assert main(["board", str(folder), "-o", str(tmp_path / "a.md")]) == 0
    assert "Das Ergebnis" in (tmp_path / "a.md").read_text(encoding="utf-8")
    assert main(["board", str(folder), "--poster", "-o", str(tmp_path / "t.pdf")]) == 0
    assert (
        main(["board", "planspiel_fahrradgarage", "--run-sheet", "-o", str(tmp_path / "r.docx")])
        == 0
    )
