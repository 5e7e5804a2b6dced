"""One honest count: the start page, the progress line, the overview, plain mode and the report
count the same questions (`Session.progress`, `Session.open_required`), and a required total that
grew with the answers says why."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import yaml

from kosi_tui.core.progress import canvas_line, progress_text
from kosi_tui.core.session import Session, fresh_session
from kosi_tui.faces.filling import Filling
from kosi_tui.faces.plain import start_plain
from kosi_tui.report.markdown import render_markdown
from kosi_tui.storage.canvas_file import load_canvas
from kosi_tui.storage.opening import open_draft
from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "innovationslabor.answers.yaml"
CANVASES = sorted((ROOT / "canvases").glob("*.yaml"))


@pytest.fixture
def half_done(tmp_path: Path) -> Path:
    """The example with one required answer gone and one wrong (a text where a number goes)."""
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    del data["answers"]["anlass.herausforderung"]
    data["answers"]["ressourcen.budget"] = "viel"
    path = tmp_path / "entwurf.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def number(pattern: str, text: str) -> int:
    match = re.search(pattern, " ".join(text.split()))
    assert match, (pattern, text)
    return int(match.group(1))


def test_what_is_open_is_counted_the_same_everywhere(half_done: Path) -> None:
    opened = open_draft(half_done)
    session = Session(opened.canvas.compiled, opened.draft.answers)
    progress = session.progress()
    open_keys = session.open_required()
    assert progress.required_open == len(open_keys) == 2  # one missing, one wrong
    # The progress line, the report's list and plain mode's list: one number.
    line = progress_text(progress, "de")
    assert number(r"(\d+) von 45 Pflichtfragen", line) == progress.required_answered
    report = render_markdown(session, opened.draft, "de")
    assert number(r"Noch offen sind (\d+) Pflichtfragen", report) == 2
    listed = report.split("Noch offen sind", 1)[1].split("\n\n", 2)[1]
    assert "Sachbudget" in listed and "(Antwort ungültig)" in listed
    out = io.StringIO()
    filling = Filling.open(half_done)
    start_plain(filling, "de", lambda: None, out)
    said = out.getvalue()
    assert number(r"Noch offen: (\d+) Pflichtfragen", said) == 2, said
    assert "(Antwort ungültig)" in said


def test_a_total_that_grew_with_the_answers_says_so() -> None:
    opened = open_draft(EXAMPLE)
    compiled = opened.canvas.compiled
    progress = Session(compiled, opened.draft.answers).progress()
    fresh = fresh_session(compiled).progress()
    assert (fresh.required_total, progress.required_total, progress.added) == (41, 45, 4)
    assert progress_text(progress, "de") == (
        "45 von 45 Pflichtfragen beantwortet – 4 kamen durch Ihre Antworten dazu"
    )
    assert progress_text(progress, "en") == (
        "45 of 45 required questions answered – 4 were added by your answers"
    )
    assert fresh.added == 0 and "–" not in progress_text(fresh, "de")
    report = " ".join(render_markdown(Session(compiled, opened.draft.answers), None, "de").split())
    assert "45 von 45 Pflichtfragen beantwortet" in report
    assert "insgesamt; 4 Pflichtfragen kamen durch Ihre Antworten dazu" in report


@pytest.mark.parametrize("path", CANVASES, ids=[p.stem for p in CANVASES])
def test_the_start_page_counts_what_the_report_of_a_new_draft_counts(path: Path) -> None:
    compiled = load_canvas(path).compiled
    shown = number(r"^(\d+) Fragen", canvas_line(compiled, "de"))
    report = render_markdown(fresh_session(compiled), None, "de")
    assert number(r"von (\d+) Fragen", report) == shown
    most = compiled.canvas.question_count()
    if most > shown:
        assert f"je nach Antworten bis zu {most}" in canvas_line(compiled, "de")
        assert f"up to {most} depending on your answers" in canvas_line(compiled, "en")
