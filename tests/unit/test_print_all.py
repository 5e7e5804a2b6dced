"""The print test: every kind of paper kosi writes (the decision paper too), read back with pypdf and pdfplumber – fonts
embedded, no character outside its page or over its table cell's rules, no type smaller than its
paper allows (8 pt on A4, 14 pt on A1), no page less than a quarter full but the last
(tests/print_checks.py says how each is measured).

The report is the daily case; the other documents take a second or more each and run in the full
tier."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kosi_tui.cli import main
from tests.conftest import ROOT
from tests.print_checks import MM, print_problems

pdfplumber = pytest.importorskip("pdfplumber", reason="the test extra brings pdfplumber")
pytest.importorskip("typst", reason="the pdf extra brings typst")

EXAMPLES = ROOT / "examples"
LAB = str(EXAMPLES / "innovationslabor.answers.yaml")
GAME = "planspiel_fahrradgarage"

DOCUMENTS: dict[str, list[str]] = {
    "report": ["report", LAB],
    "report-koinvestition": ["report", str(EXAMPLES / "koinvestition-fahrradgarage.answers.yaml")],
    "report-reifegrad": ["report", str(EXAMPLES / "labor-reifegrad.answers.yaml")],
    "decision-paper": ["report", LAB, "--vorlage"],
    "poster-A4": ["report", LAB, "--poster", "--paper", "A4"],
    "poster-A3": ["report", LAB, "--poster", "--paper", "A3"],
    "poster-A1": ["report", LAB, "--poster", "--paper", "A1"],
    "blank": ["report", "--blank", "innovationslabor"],
    "blank-koinvestition": ["report", "--blank", "koinvestition-fahrradgarage"],
    "trainer": ["report", "--blank", "innovationslabor", "--trainer"],
    "trainer-koinvestition": ["report", "--blank", "koinvestition-fahrradgarage", "--trainer"],
    "role-cards-A6": ["board", GAME, "--cards"],
    "role-cards-A4": ["board", GAME, "--cards", "--paper", "A4"],
    "negotiation-table": ["board", GAME, "--poster"],
    "negotiation-table-A4": ["board", GAME, "--poster", "--paper", "A4"],
    "negotiation-table-A1": ["board", GAME, "--poster", "--paper", "A1"],
    "negotiation-table-played": ["board", "{game}", "--poster"],
    "run-sheet": ["board", GAME, "--run-sheet"],
    "debrief": ["board", "{game}"],
    "summary": ["summary", "{workshop}"],
    "summary-game": ["summary", "{game}"],
}
DAILY = {"report"}


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    from tests.group_play import play_all

    base = tmp_path_factory.mktemp("print")
    workshop = base / "workshop"
    workshop.mkdir()
    for name in ("a", "b", "c"):
        shutil.copy(LAB, workshop / f"{name}.yaml")
    play_all(base / "game")
    return {"workshop": str(workshop), "game": str(base / "game")}


@pytest.mark.parametrize(
    "name",
    [n if n in DAILY else pytest.param(n, marks=pytest.mark.full) for n in DOCUMENTS],
)
def test_every_document_prints_cleanly(
    name: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    out = tmp_path / f"{name}.pdf"
    args = DOCUMENTS[name]
    if any("{" in a for a in args):
        # Playing the game and copying the drafts only for the documents that read them.
        folders = request.getfixturevalue("folders")
        args = [a.format(**folders) for a in args]
    assert main([*args, "-o", str(out)]) == 0
    assert print_problems(out) == []


def test_role_cards_on_a4_four_to_a_sheet_with_cut_lines(tmp_path: Path) -> None:
    """`--paper A4`: four A6 cards on each sheet (it printed A6 pages whatever the paper), the
    backs on the following page with left and right swapped, so that printed on both sides each
    back lies behind its front; dashed lines to cut along, and no card's text across them."""
    out = tmp_path / "karten.pdf"
    assert main(["board", GAME, "--cards", "--paper", "A4", "-o", str(out)]) == 0
    with pdfplumber.open(out) as pdf:
        pages = list(pdf.pages)
        # Six roles: two sheets, each front and back.
        assert len(pages) == 4
        assert all(round(p.width / MM) == 210 and round(p.height / MM) == 297 for p in pages)
        middle_x, middle_y = 105 * MM, 148.5 * MM
        for page in pages:
            cuts = [line for line in page.lines if line["width"] < 1 or line["height"] < 1]
            assert len(cuts) >= 2, "a line to cut along each way"
            crossing = [
                c["text"]
                for c in page.chars
                if c["x0"] < middle_x < c["x1"] or c["top"] < middle_y < c["bottom"]
            ]
            assert crossing == []

        def names(page: object) -> dict[tuple[bool, bool], str]:
            # The role's name heads each card in large type: per quarter of the sheet.
            found: dict[tuple[bool, bool], str] = {}
            for c in page.chars:  # type: ignore[attr-defined]
                if c["size"] > 12:
                    where = (c["x0"] > middle_x, c["top"] > middle_y)
                    found[where] = found.get(where, "") + c["text"]
            return found

        front, back = names(pages[0]), names(pages[1])
        assert len(front) == 4 and front[(False, False)] != front[(True, False)]
        for right in (False, True):
            for low in (False, True):
                assert front[(right, low)] == back[(not right, low)]


@pytest.mark.full
def test_the_question_before_a_landscape_page_comes_along_rather_than_alone(
    tmp_path: Path,
) -> None:
    """The co-investment's facilitator copy: question 1.5 no longer fits on page 1; it stood
    alone on a page 8 % full before the landscape table of section 2, and now opens that page."""
    out = tmp_path / "moderation.pdf"
    assert (
        main(["report", "--blank", "koinvestition-fahrradgarage", "--trainer", "-o", str(out)]) == 0
    )
    with pdfplumber.open(out) as pdf:
        texts = [" ".join((page.extract_text() or "").split()) for page in pdf.pages]
        with_it = [i for i, text in enumerate(texts) if "1.5 Geplante Inbetriebnahme" in text]
        assert len(with_it) == 1
        page = pdf.pages[with_it[0]]
        assert page.width > page.height and "2. Parteien und Beiträge" in texts[with_it[0]]
    everything = " ".join(texts)
    assert all(f"1.{n} " in everything for n in range(1, 6))
