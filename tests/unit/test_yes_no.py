"""The `yes_no` kind, added as docs/adding-a-question-type.md describes: its answers are checked,
read from typed text, shown, evaluated as truth values, printed blank and asked in plain mode."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from kosi_tui.cli import main
from kosi_tui.core.evaluation import evaluate_session
from kosi_tui.core.kinds.yes_no import YesNo
from kosi_tui.core.session import Session
from kosi_tui.faces.plain import start_plain
from kosi_tui.paths import drafts_dir
from kosi_tui.report.blank import blank_document, render_blank
from kosi_tui.report.markdown import render_markdown
from kosi_tui.report.write_pdf import typst_source
from kosi_tui.storage.canvas_file import LoadedCanvas, load_canvas
from kosi_tui.storage.draft_file import load_draft
from kosi_tui.storage.problems import ProblemsError
from tests.conftest import DATA

CANVAS = DATA / "good" / "ja_nein.yaml"


@pytest.fixture(scope="module")
def loaded() -> LoadedCanvas:
    return load_canvas(CANVAS)


def question(loaded: LoadedCanvas) -> YesNo:
    found = loaded.compiled.questions["mandat.beschluss"].question
    assert isinstance(found, YesNo)
    return found


@pytest.mark.parametrize(
    ("value", "messages"),
    [
        (True, []),
        (False, []),
        ("ja", ["Bitte antworten Sie mit Ja oder Nein."]),
        (1, ["Bitte antworten Sie mit Ja oder Nein."]),
        (None, ["Bitte beantworten Sie diese Frage."]),
    ],
)
def test_answers_are_true_or_false(loaded: LoadedCanvas, value: Any, messages: list[str]) -> None:
    session = Session(loaded.compiled, {"mandat.beschluss": value})
    assert [i.message("de") for i in session.issues("mandat.beschluss")] == messages


@pytest.mark.parametrize(
    ("text", "value"),
    [("j", True), ("Ja", True), (" yes ", True), ("1", True), ("N", False), ("nein", False),
     ("2", False), ("no", False), ("", None)],
)  # fmt: skip
def test_typed_yes_and_no_in_either_language(loaded: LoadedCanvas, text: str, value: Any) -> None:
    parsed = question(loaded).parse(text, "de")
    assert parsed.issue is None and parsed.value is value


def test_anything_else_typed_is_refused(loaded: LoadedCanvas) -> None:
    parsed = question(loaded).parse("vielleicht", "en")
    assert parsed.value is None and parsed.issue is not None
    assert parsed.issue.message("en") == "Please answer yes or no."


def test_shown_in_the_readers_language(loaded: LoadedCanvas) -> None:
    q = question(loaded)
    assert q.display(True, "de") == ["Ja"] and q.display(False, "en") == ["No"]
    assert q.display({"ja": 1}, "de") == ["(nicht lesbar)"]


def test_expressions_see_a_truth_value(loaded: LoadedCanvas) -> None:
    assert question(loaded).expr_type("x").kind == "bool"
    yes = evaluate_session(Session(loaded.compiled, {"mandat.beschluss": True}))
    no = evaluate_session(
        Session(loaded.compiled, {"mandat.beschluss": False, "mandat.befristet": True})
    )
    assert [s.value for s in yes.scores] == [2]  # befristet keeps its default, false
    assert [s.value for s in no.scores] == [0]
    assert [f.id for f in yes.flags] == [] and [f.id for f in no.flags] == ["ohne_beschluss"]
    # A question shown only after a yes.
    assert Session(loaded.compiled, {"mandat.beschluss": True}).visible["mandat.datum"]
    assert not Session(loaded.compiled, {"mandat.beschluss": False}).visible["mandat.datum"]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            "mandat.beschluss == false",
            "Schreiben Sie „mandat.beschluss“ für Ja oder „mandat.beschluss == false“ für Nein.",
        ),
        ("default: false", "Schreiben Sie ihn so, ohne Anführungszeichen: true"),
    ],
)
def test_a_canvas_using_it_wrongly_is_refused(tmp_path: Path, edit: str, message: str) -> None:
    wrong = {
        "mandat.beschluss == false": "mandat.beschluss == 'ja'",
        "default: false": "default: ja",
    }[edit]
    canvas = tmp_path / "falsch.yaml"
    canvas.write_text(CANVAS.read_text(encoding="utf-8").replace(edit, wrong), encoding="utf-8")
    with pytest.raises(ProblemsError) as refused:
        load_canvas(canvas)
    assert any(message in p.message("de") for p in refused.value.problems)


def test_report(loaded: LoadedCanvas) -> None:
    answers = {"mandat.beschluss": True, "mandat.befristet": False}
    report = render_markdown(Session(loaded.compiled, answers), None, "de")
    assert "**Gibt es einen Ratsbeschluss?**\n\nJa\n" in report
    assert "**Ist das Labor befristet?**\n\nNein\n" in report
    english = render_markdown(Session(loaded.compiled, answers), None, "en")
    assert "**Is there a council decision?**\n\nYes\n" in english


def test_blank_copy_words_not_as_not_answered_yes(tmp_path: Path) -> None:
    # `not x` holds while x is unanswered too (the app shows the question then), so the paper
    # must not say "answered no" – it would ask people to skip a question the app asks.
    canvas = tmp_path / "nicht.yaml"
    text = CANVAS.read_text(encoding="utf-8")
    condition = 'show_if: "mandat.beschluss"'
    assert condition in text
    canvas.write_text(text.replace(condition, 'show_if: "not mandat.beschluss"'), encoding="utf-8")
    compiled = load_canvas(canvas).compiled
    assert Session(compiled, {}).visible["mandat.datum"]
    markdown = " ".join(render_blank(compiled, "de").split())
    assert "wenn „Gibt es einen Ratsbeschluss?“ nicht mit „Ja“ beantwortet ist." in markdown
    english = " ".join(typst_source(blank_document(compiled, "en")).split())
    assert "is not “Yes”" in english


def test_blank_copy_offers_yes_and_no_on_one_line(loaded: LoadedCanvas, tmp_path: Path) -> None:
    markdown = render_blank(loaded.compiled, "de")
    assert "\n○ Ja\u2003○ Nein\n" in markdown
    assert "Nur beantworten, wenn „Gibt es einen Ratsbeschluss?“ mit „Ja“ beantwortet ist." in (
        " ".join(markdown.split())
    )
    source = typst_source(blank_document(loaded.compiled, "en"))
    assert 'options(("Yes", "No", ), several: false, columns: 2)' in source
    out = tmp_path / "blanko.pdf"
    assert main(["report", "--blank", str(CANVAS), "-o", str(out)]) == 0
    with pdfplumber.open(out) as pdf:
        lines = (pdf.pages[0].extract_text() or "").splitlines()
    assert any("Ja" in line and "Nein" in line for line in lines), lines


def feed(lines: list[str]):  # type: ignore[no-untyped-def]
    queue = [line + "\n" for line in lines]
    return lambda: queue.pop(0) if queue else None


def test_plain_mode_through_a_pipe(loaded: LoadedCanvas) -> None:
    script = [
        "Stadt", "Erika",      # new draft: organisation, name
        "vielleicht", "j",     # beschluss: refused, then yes
        "24.12.2026",          # datum, shown after a yes
        "2",                   # befristet: no (its default, typed again)
    ]  # fmt: skip
    out = io.StringIO()
    # Typed at a terminal: the refused line is asked again (a pipe would stop there).
    assert start_plain(loaded, "de", feed(script), out, interactive=True) == 2  # one refused
    text = out.getvalue()
    assert "  1. Ja\n  2. Nein\nBitte die Nummer einer Antwort eingeben." in text
    assert "Bitte korrigieren: Bitte antworten Sie mit Ja oder Nein." in text
    assert "✓ Erfasst: Ja" in text and "Bisherige Antwort: Nein" in text
    (path,) = drafts_dir().glob("*.yaml")
    assert load_draft(path).answers == {
        "mandat.beschluss": True,
        "mandat.datum": dt.date(2026, 12, 24),
        "mandat.befristet": False,
    }
    assert "mandat.beschluss: true" in path.read_text(encoding="utf-8")


def summary_rows(loaded: LoadedCanvas, tmp_path: Path, given: list[tuple[Any, Any]]) -> list[str]:
    """The lines of a workshop summary over drafts with these (beschluss, befristet) answers."""
    from kosi_tui.core.answers import Draft
    from kosi_tui.report.summary import render_summary
    from kosi_tui.report.workshop import Workshop, add_participant

    workshop = Workshop(loaded.compiled)
    for n, (beschluss, befristet) in enumerate(given):
        answers = {"mandat.beschluss": beschluss, "mandat.befristet": befristet}
        draft = Draft.model_validate(
            {
                "format": "kosi-answers/1",
                "canvas": {"id": "ja_nein", "version": "1.0.0"},
                "lang": "de",
                "author": f"P{n}",
                "created": "2027-03-01T09:00:00+01:00",
                "updated": f"2027-03-0{n + 1}T09:00:00+01:00",
                "answers": answers,
            }
        )
        add_participant(workshop, tmp_path / f"p{n}.yaml", draft)
    return [" ".join(line.split()) for line in render_summary(workshop, "de").splitlines()]


def test_workshop_summary_counts_yes_and_no(loaded: LoadedCanvas, tmp_path: Path) -> None:
    rows = summary_rows(loaded, tmp_path, [(True, False), (True, True), (False, False)])
    # beschluss: yes twice, no once; befristet: yes once, no twice.
    for row in (
        "| Ja | 2 | 67 % |",
        "| Nein | 1 | 33 % |",
        "| Ja | 1 | 33 % |",
        "| Nein | 2 | 67 % |",
    ):
        assert rows.count(row) == 1, row


def test_workshop_summary_counts_no_number_as_yes_or_no(
    loaded: LoadedCanvas, tmp_path: Path
) -> None:
    # A draft edited by hand to 1 and 0: 1 == True in Python, but it is no answer of this kind.
    rows = summary_rows(loaded, tmp_path, [(True, False), (1, 0)])
    assert rows.count("| Ja | 1 | 50 % |") == 1 and rows.count("| Nein | 1 | 50 % |") == 1
