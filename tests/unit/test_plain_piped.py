"""Plain mode with piped input never shifts answers: a refused line ends the reading there, with
everything before it saved, the line, its text and the question named, and exit status 2."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from kosi_tui.cli import main
from kosi_tui.faces.plain import start_plain
from kosi_tui.paths import bundled_canvases, drafts_dir
from kosi_tui.storage.canvas_file import LoadedCanvas, load_canvas
from kosi_tui.storage.draft_file import load_draft
from tests.conftest import ROOT

LONG = "Stadt " + "x" * 200  # basis.organisation takes at most 120 characters
SCRIPT = ["Stadt Muster", "Erika", LONG, "120000", "3", "1"]
"""Organisation and name, then: organisation (too long), inhabitants, role, stage."""


def feed(lines: list[str]):  # type: ignore[no-untyped-def]
    queue = [line + "\n" for line in lines]
    return lambda: queue.pop(0) if queue else None


def labor() -> LoadedCanvas:
    return load_canvas(bundled_canvases() / "innovationslabor.yaml")


def the_draft() -> Path:
    (path,) = drafts_dir().glob("*.yaml")
    return path


def test_a_refused_line_stops_the_reading_and_nothing_is_misfiled(kosi_home: Path) -> None:
    out = io.StringIO()
    assert start_plain(labor(), "de", feed(SCRIPT), out) == 2
    text = out.getvalue()
    assert "Zeile 3 der Eingabe („Stadt xxxxx" in text
    assert "für die Frage „Für welche Kommune oder Organisation denken Sie das Labor?“" in text
    draft = load_draft(the_draft())
    # Before: 120000 became the organisation, 3 the inhabitants, 1 the role.
    assert draft.answers["basis.organisation"] == "Stadt Muster"
    assert "basis.einwohner" not in draft.answers
    assert "basis.rolle" not in draft.answers
    # The next run starts at the refused question.
    assert (draft.position.section, draft.position.question) == ("basis", "organisation")


def test_the_rest_of_the_input_goes_on_where_it_stopped(kosi_home: Path) -> None:
    from kosi_tui.faces.filling import Filling

    start_plain(labor(), "de", feed(SCRIPT), io.StringIO())
    path = the_draft()
    out = io.StringIO()
    fixed = ["Stadt Muster, Dezernat III", "120000", "3", "1", ":q"]
    assert start_plain(Filling.open(path), "de", feed(fixed), out) == 0
    answers = load_draft(path).answers
    assert answers["basis.organisation"] == "Stadt Muster, Dezernat III"
    assert answers["basis.einwohner"] == 120000
    assert answers["basis.rolle"] == "stab"
    assert answers["basis.stand"] == "idee"


def test_at_a_terminal_a_refused_line_is_asked_again(kosi_home: Path) -> None:
    out = io.StringIO()
    script = [*SCRIPT[:3], "Stadt Muster, Dezernat III", "120000", ":q"]
    assert start_plain(labor(), "de", feed(script), out, interactive=True) == 2
    assert "nicht weiter" not in out.getvalue()
    answers = load_draft(the_draft()).answers
    assert answers["basis.organisation"] == "Stadt Muster, Dezernat III"
    assert answers["basis.einwohner"] == 120000


def test_rows_read_before_a_refused_cell_are_kept(kosi_home: Path) -> None:
    # Section 5, the actors' table: one whole row, then a second one whose sector is no option.
    row = ["Stadtverwaltung", "1", "1", "", "", ""]  # six columns, the last one the say
    script = ["Stadt", "Erika", ">>", "5", *row, "Nachbarschaftsverein", "99", "Nächste Frage"]
    out = io.StringIO()
    assert start_plain(labor(), "de", feed(script), out) == 2
    assert "Zeile 12 der Eingabe („99“)" in out.getvalue()
    kept = load_draft(the_draft()).answers["akteure.tabelle"]
    assert [r["akteur"] for r in kept] == ["Stadtverwaltung", "Nachbarschaftsverein"]
    assert "Nächste Frage" not in str(load_draft(the_draft()).answers)


def test_too_few_rows_stop_at_the_line_that_ended_the_table(kosi_home: Path) -> None:
    row = ["Stadtverwaltung", "1", "1", "", "", ""]  # six columns, the last one the say
    script = ["Stadt", "Erika", ">>", "5", *row, "", "Meant for the next question"]
    out = io.StringIO()
    assert start_plain(labor(), "de", feed(script), out) == 2
    assert "mindestens 3 Zeilen" in out.getvalue()
    answers = load_draft(the_draft()).answers
    assert [r["akteur"] for r in answers["akteure.tabelle"]] == ["Stadtverwaltung"]
    assert "Meant for" not in str(answers)


def test_an_empty_organisation_line_starts_no_draft(kosi_home: Path) -> None:
    out = io.StringIO()
    assert start_plain(labor(), "de", feed(["", "Stadt", "Erika"]), out) == 2
    assert "Zeile 1 der Eingabe ist leer" in out.getvalue()
    assert not drafts_dir().exists() or not list(drafts_dir().glob("*.yaml"))


def test_fill_help_says_how_piped_input_is_read(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["fill", "--help", "--lang", "en"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "each line answers the next question" in help_text
    assert "kosi stops there" in help_text and "exit status is 2" in help_text


@pytest.mark.process
def test_piped_into_the_command(kosi_home: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kosi_tui", "fill", "--plain", "innovationslabor"],
        input="".join(line + "\n" for line in SCRIPT),
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=60,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Zeile 3 der Eingabe" in result.stdout
    answers = load_draft(the_draft()).answers
    assert answers["basis.organisation"] == "Stadt Muster"
    assert "basis.einwohner" not in answers
