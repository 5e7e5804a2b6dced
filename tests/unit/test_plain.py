"""Plain mode: piped answers fill the default canvas; corrections, a step back, a skipped optional
question; the draft then opens in the Textual app with the same answers."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

import pytest

from kosi_tui.faces.plain import start_plain
from kosi_tui.faces.tui.app import KosiApp, Start
from kosi_tui.faces.tui.screens.fill import FillScreen
from kosi_tui.paths import bundled_canvases, drafts_dir
from kosi_tui.storage.canvas_file import load_canvas
from kosi_tui.storage.draft_file import load_draft
from tests.conftest import ROOT

SCRIPT = [
    "Stadt Musterstadt", "Erika",            # new draft: organisation, name
    "Stadt Musterstadt, Dezernat III",        # basis.organisation (offered: Stadt Musterstadt)
    "12x", "120.000",                         # basis.einwohner: wrong, then corrected
    "",                                       # basis.rolle, required, left empty: asked again
    "3",                                      # basis.rolle
    "<", "2",                                 # back to basis.rolle, changed
    "?", "2",                                 # basis.stand: help, then the answer
    "",                                       # basis.datum keeps today's date
    "Viele Räder stehen im Hausflur; es fehlen sichere Abstellplätze in der Nordstadt.",
    "",                                       # anlass.ausloeser: optional, skipped
    "1, 3",                                   # anlass.themenfelder
    ":q",
]  # fmt: skip


def feed(lines: list[str]):  # type: ignore[no-untyped-def]
    queue = [line + "\n" for line in lines]
    return lambda: queue.pop(0) if queue else None


def test_piped_answers_fill_the_canvas_and_open_in_the_app(kosi_home: Path) -> None:
    out = io.StringIO()
    canvas = load_canvas(bundled_canvases() / "innovationslabor.yaml")
    # Two lines were refused ("12x", an empty required answer): a script learns it from the status.
    assert start_plain(canvas, "de", feed(SCRIPT), out, interactive=True) == 2
    text = out.getvalue()
    assert "Nicht übernommene Eingaben: 2" in text
    assert "Bisherige Antwort: Stadt Musterstadt\n" in text  # taken from starting the draft
    assert "Bitte korrigieren: Bitte beantworten Sie diese Frage." in text
    assert "Bitte korrigieren: Bitte geben Sie eine ganze Zahl ein" in text
    assert "Beispiel: Konzeptphase" in text  # the help asked for with ?
    assert "Abschnitt 2 von 13: Anlass und Herausforderung" in text
    assert "\x1b[" not in text  # no colours, no cursor tricks
    (path,) = drafts_dir().glob("*.yaml")
    assert f"Gespeichert: {path}" in text
    draft = load_draft(path)
    assert draft.answers["basis.organisation"] == "Stadt Musterstadt, Dezernat III"
    assert draft.answers["basis.einwohner"] == 120000
    assert draft.answers["basis.rolle"] == "amtsleitung"
    assert draft.answers["basis.stand"] == "konzept"
    assert draft.answers["basis.datum"] == dt.date.today()
    assert "anlass.ausloeser" not in draft.answers
    assert draft.answers["anlass.themenfelder"] == ["mobilitaet", "arbeit"]
    assert draft.position.question == "themenfelder"
    expected = dict(draft.answers)

    async def check_in_app() -> None:
        app = KosiApp("de", Start("draft", path))
        async with app.run_test(size=(100, 40)) as pilot:
            screen = app.screen
            assert isinstance(screen, FillScreen)
            await screen.ready.wait()
            assert screen.filling.session.answers == expected
            assert screen.current_section.id == "anlass"
            await pilot.press("ctrl+q")

    import asyncio

    asyncio.run(check_in_app())


@pytest.mark.process
def test_plain_mode_from_the_command_line_with_a_pipe(kosi_home: Path) -> None:
    draft = kosi_home / "entwurf.yaml"
    draft.parent.mkdir(parents=True, exist_ok=True)
    draft.write_bytes((ROOT / "examples" / "innovationslabor.answers.yaml").read_bytes())
    # stdout is a pipe, so kosi chooses plain mode by itself; the answer changes one question.
    result = subprocess.run(
        [sys.executable, "-m", "kosi_tui", "fill", str(draft)],
        input="Mit der Beigeordneten sprechen.\n:q\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Bisherige Antwort: Mit der Beigeordneten" in result.stdout
    assert (
        load_draft(draft).answers["schritte.erstes_gespraech"] == "Mit der Beigeordneten sprechen."
    )


def test_new_draft_goes_to_the_named_file(kosi_home: Path, tmp_path: Path) -> None:
    target = tmp_path / "mein-entwurf.yaml"
    canvas = load_canvas(bundled_canvases() / "innovationslabor.yaml")
    out = io.StringIO()
    assert (
        start_plain(
            canvas,
            "de",
            feed(["Stadt Musterstadt", "", "Stadt Musterstadt", ":q"]),
            out,
            draft_path=target,
        )
        == 0
    )
    assert load_draft(target).answers["basis.organisation"] == "Stadt Musterstadt"
    assert not drafts_dir().exists() or not list(drafts_dir().glob("*.yaml"))


@pytest.mark.process
def test_a_latin1_byte_piped_in_is_replaced_and_the_draft_opens_again(kosi_home: Path) -> None:
    draft = kosi_home / "entwurf.yaml"
    draft.parent.mkdir(parents=True, exist_ok=True)
    draft.write_bytes((ROOT / "examples" / "innovationslabor.answers.yaml").read_bytes())
    result = subprocess.run(
        [sys.executable, "-m", "kosi_tui", "fill", "--plain", str(draft)],
        input=b"Mit der Stra\xdfenbauverwaltung.\n:q\n",  # Latin-1, not UTF-8
        capture_output=True,
        cwd=ROOT,
        check=False,
        timeout=60,
    )
    out = result.stdout.decode("utf-8")
    assert result.returncode == 0, out + result.stderr.decode("utf-8", "replace")
    assert "kein UTF-8" in out
    reopened = load_draft(draft)  # and its backup too
    assert reopened.answers["schritte.erstes_gespraech"] == "Mit der Stra\ufffdenbauverwaltung."
    load_draft(draft.with_name(draft.name + ".bak"))


def test_file_text_reaches_the_terminal_harmless(kosi_home: Path) -> None:
    canvas = load_canvas(bundled_canvases() / "innovationslabor.yaml")
    out = io.StringIO()
    start_plain(canvas, "de", feed(["Stadt \x1b]0;PWNED\x07", "Erika", "", ":q"]), out)
    text = out.getvalue()
    assert "\x1b" not in text and "\x07" not in text
    assert "\\x1b]0;PWNED\\x07" in text  # shown, visibly, as it was given back


MINIMAL = ROOT / "tests" / "data" / "good" / "minimal.yaml"
EVERY_TYPE = [
    "Stadt Musterstadt", "Erika",
    "2",                      # single choice: informell, so the long text is asked
    "Die Bürgermeisterin.",   # long text
    "4",                      # scale
    "Stadtwerke",             # table row 1: first column
    "?",                      #   sector: asks for the options again
    "3",                      #   sector: no such option, asked again
    "2",                      #   sector: wirtschaft
    "zwölf",                  #   hours: not a number, asked again
    "12",                     #   hours
    "",                       # no further row
    "1.500,50",               # number
    "1, 2",                   # multi choice
    "24.12.2027",             # date
    "Erstes Ziel", "Zweites Ziel", "",  # list
]  # fmt: skip


def test_every_question_type_through_a_pipe(kosi_home: Path) -> None:
    out = io.StringIO()
    assert start_plain(load_canvas(MINIMAL), "de", feed(EVERY_TYPE), out, interactive=True) == 2
    text = out.getvalue()
    # The choice column lists its options, before and after "?".
    assert text.count("    2. Wirtschaft") == 2
    assert "Bitte korrigieren: Sektor: Bitte eine Nummer von 1 bis 2 eingeben." in text
    assert "Bitte korrigieren: Stunden: " in text
    assert "Zeile übernommen: Stadtwerke | Wirtschaft | 12" in text
    assert "✓ Erfasst: Ziele" not in text and "✓ Erfasst: Erstes Ziel; Zweites Ziel" in text
    assert "✓ Erfasst: 24.12.2027" in text
    (path,) = drafts_dir().glob("*.yaml")
    answers = load_draft(path).answers
    assert answers == {
        "mandat.status": "informell",
        "mandat.weg": "Die Bürgermeisterin.",
        "mandat.rueckendeckung": 4,
        "akteure.tabelle": [{"name": "Stadtwerke", "sektor": "wirtschaft", "stunden": 12}],
        "akteure.budget": 1500.5,
        "akteure.themen": ["mobil", "klima"],
        "akteure.start": dt.date(2027, 12, 24),
        "akteure.ziele": ["Erstes Ziel", "Zweites Ziel"],
    }
    assert "?" not in str(answers)


def test_nothing_refused_means_status_zero(kosi_home: Path) -> None:
    lines = ["Stadt", "Erika", "1", "", "Amt", "1", "", "", "", "", "", ""]
    assert start_plain(load_canvas(MINIMAL), "de", feed(lines), io.StringIO()) == 0


def test_rows_too_few_for_the_table_are_kept_and_more_are_asked(kosi_home: Path) -> None:
    canvas = load_canvas(bundled_canvases() / "innovationslabor.yaml")
    rows = ["Stadtverwaltung", "1", "1", "", "", "", "Nachbarschaftsverein", "3", "", "", "", ""]
    script = ["Stadt", "Erika", ">>", "5", *rows, "", ":q"]
    out = io.StringIO()
    start_plain(canvas, "de", feed(script), out, interactive=True)
    text = out.getvalue()
    assert "mindestens 3" in text.lower() or "at least 3" in text.lower()
    (path,) = drafts_dir().glob("*.yaml")
    kept = load_draft(path).answers["akteure.tabelle"]
    assert [r["akteur"] for r in kept] == ["Stadtverwaltung", "Nachbarschaftsverein"]


def test_required_questions_left_open_are_offered_at_the_end(kosi_home: Path) -> None:
    # The first (required) question is skipped by jumping away, the rest answered.
    lines = ["Stadt", "Erika", ">>", "2", "Amt", "1", "", "", "", "", "", "", "1", ""]
    out = io.StringIO()
    start_plain(load_canvas(MINIMAL), "de", feed(lines), out)
    text = out.getvalue()
    assert "Offene Pflichtfragen: 1." in text
    (path,) = drafts_dir().glob("*.yaml")
    assert load_draft(path).answers["mandat.status"] == "rat"


def test_a_scale_with_two_minus_signs_is_refused_not_a_crash(kosi_home: Path) -> None:
    lines = ["Stadt", "Erika", "1", "--5", "3", ":q"]
    out = io.StringIO()
    assert start_plain(load_canvas(MINIMAL), "de", feed(lines), out) == 2
    assert "Bitte korrigieren" in out.getvalue()


def test_input_ending_at_a_conflict_question_keeps_both_versions(kosi_home: Path) -> None:
    from kosi_tui.faces.filling import Filling
    from kosi_tui.faces.plain import PlainSession
    from kosi_tui.storage.draft_file import DraftWriter, read_draft

    draft = kosi_home / "entwurf.yaml"
    draft.parent.mkdir(parents=True, exist_ok=True)
    draft.write_bytes((ROOT / "examples" / "innovationslabor.answers.yaml").read_bytes())
    filling = Filling.open(draft)
    # Meanwhile another window changes the very question plain mode is about to answer.
    other, raw = read_draft(draft)
    writer = DraftWriter(draft, other.canvas.id, other.id, raw, other.answers)
    other.answers["schritte.erstes_gespraech"] = "Aus dem anderen Fenster."
    writer.save(other)
    out = io.StringIO()
    session = PlainSession(filling, "de", feed(["Aus dem einfachen Modus."]), out, interactive=True)
    assert session.run() == 0  # input ends at the question "which one to keep?"
    assert "Welche behalten?" in out.getvalue()
    assert load_draft(draft).answers["schritte.erstes_gespraech"] == "Aus dem einfachen Modus."
    (copy,) = draft.parent.glob("entwurf.konflikt-*.yaml")
    assert load_draft(copy).answers["schritte.erstes_gespraech"] == "Aus dem anderen Fenster."
    assert not filling.dirty
