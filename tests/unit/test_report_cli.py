"""`kosi report`, `kosi report --blank` and `kosi summary` from the command line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from kosi_tui.cli import main
from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "innovationslabor.answers.yaml"


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "entwurf.yaml"
    shutil.copy(EXAMPLE, path)
    return path


def test_report_writes_next_to_the_draft_and_refuses_to_overwrite(
    draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(draft)]) == 0
    out = draft.with_suffix(".md")
    assert f"Geschrieben: {out}" in capsys.readouterr().out
    first = out.read_text()
    assert first.startswith("# Innovationslabor aufbauen")
    out.write_text("meine Notizen")
    assert main(["report", str(draft)]) == 1
    assert "--force" in capsys.readouterr().out
    assert out.read_text() == "meine Notizen"
    assert main(["report", str(draft), "--force"]) == 0
    assert out.read_text() == first


def test_report_html_in_english(draft: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "bericht.html"
    assert main(["report", str(draft), "-o", str(target), "--report-lang", "en"]) == 0
    html = target.read_text()
    assert html.startswith("<!DOCTYPE html>") and "<h2" in html and "Evaluation" in html


def test_report_of_a_corrupt_draft_names_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "kaputt.yaml"
    bad.write_text(
        "format: kosi-answers/1\ncanvas: {id: innovationslabor, version: 1.0.0}\ncreated: nie\n"
    )
    assert main(["report", str(bad)]) == 1
    out = capsys.readouterr().out
    assert f"{bad}:3:" in out
    assert "Traceback" not in out


def test_report_of_a_draft_whose_canvas_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(EXAMPLE.read_text().replace("id: innovationslabor", "id: gibtsnicht"))
    assert main(["report", str(path)]) == 1
    assert "gibtsnicht" in capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_blank_copy(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"blank.{fmt}"
    assert main(["report", "--blank", "innovationslabor", "-o", str(target)]) == 0
    text = target.read_text()
    # One answer: a circle; several: a box.
    assert "○ Ratsbeschluss" in text
    assert "☐ Mobilität" in text
    assert "Nur beantworten, wenn „Auf welcher Grundlage arbeitet das Labor" in text
    # Facilitator notes only on the trainer's copy.
    assert "Hinweis für die Moderation" not in text
    trainer = tmp_path / f"moderation.{fmt}"
    assert main(["report", "--blank", "innovationslabor", "--trainer", "-o", str(trainer)]) == 0
    assert "Hinweis für die Moderation" in trainer.read_text()


def test_summary_groups_skips_and_anonymises(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "workshop"
    folder.mkdir()
    text = EXAMPLE.read_text()
    for n, backing in enumerate((1, 4, 5), start=1):
        (folder / f"p{n}.yaml").write_text(
            text.replace("Erika Musterfrau", f"Teilnehmerin {n}").replace(
                "mandat.rueckendeckung: 4", f"mandat.rueckendeckung: {backing}"
            )
        )
    # A draft of another canvas in the folder is left out and named.
    other = EXAMPLE.parent / "labor-reifegrad.answers.yaml"
    (folder / "fremd.yaml").write_text(other.read_text())
    (folder / "kaputt.yaml").write_text("answers: [\n")
    target = tmp_path / "summary.md"
    assert main(["summary", str(folder), "-o", str(target), "--anonymous"]) == 0
    out = capsys.readouterr().out
    assert "fremd.yaml" in out and "kaputt.yaml" in out
    summary = target.read_text()
    assert "3 ausgefüllte Canvas" in summary
    assert "Teilnehmerin" not in summary and "Person 1" in summary
    assert "Mittelwert 3,33, Median 4, Spanne 1 bis 5" in summary
    # One of three has backing <= 2 and therefore the "no mandate" flag.
    assert re.search(
        r"\| Das Labor hat kein Mandat oder nur schwache Rückendeckung\. +\| 1 +\| 33 %", summary
    )


def test_summary_of_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", str(tmp_path)]) == 1
    assert "keine Entwürfe" in capsys.readouterr().out


def test_report_tells_what_changed_in_the_canvas(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "alt.yaml"
    path.write_text(
        EXAMPLE.read_text()
        .replace("sha256: ''", "sha256: 'aaa'")
        .replace(
            "  basis.stand: konzept\n", "  basis.stand: konzept\n  basis.gestrichen: alte Antwort\n"
        )
        .replace("zweck.leitbild: in_arbeit", "zweck.leitbild: vielleicht")
    )
    assert main(["report", str(path), "-o", str(tmp_path / "r.md")]) == 0
    out = capsys.readouterr().out
    assert "Keine Antwort geht verloren" in out
    assert "„basis.gestrichen“" in out
    assert "„vielleicht“" in out
    report = (tmp_path / "r.md").read_text()
    assert "## Anhang" in report and "alte Antwort" in report


@pytest.mark.parametrize(("lang", "says"), [("de", "PDF oder Word"), ("en", "PDF or Word")])
def test_report_help_names_every_format_it_writes(
    lang: str, says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main(["report", "--help", "--lang", lang])
    text = " ".join(capsys.readouterr().out.split())
    assert says in text and "druckfertiges HTML" not in text and "print-ready HTML" not in text
    # Notes for the facilitator come with --trainer, not with every blank copy.
    assert ("(mit --trainer" if lang == "de" else "(with --trainer") in text


@pytest.mark.parametrize("vorlage", [False, True], ids=["report", "vorlage"])
def test_lang_given_for_the_run_writes_the_document_in_that_language(
    draft: Path, tmp_path: Path, vorlage: bool
) -> None:
    # The README's rule for a draft: --lang wins for that run, then the draft's language (here de).
    # `kosi report DRAFT --lang en` wrote German: only --report-lang reached the document.
    target = tmp_path / "out.md"
    extra = ["--vorlage"] if vorlage else []
    assert main(["report", str(draft), "-o", str(target), "--lang", "en", *extra]) == 0
    first = target.read_text(encoding="utf-8").splitlines()[0]
    assert first == (
        "# Decision paper (draft)" if vorlage else "# Building a municipal innovation lab"
    )
    assert main(["report", str(draft), "-o", str(target), "--force", *extra]) == 0
    first = target.read_text(encoding="utf-8").splitlines()[0]
    assert first == ("# Beschlussvorlage (Entwurf)" if vorlage else "# Innovationslabor aufbauen")


def test_a_report_that_cannot_be_written_says_to_choose_another_place_not_that_answers_are_kept(
    draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The app's message for a failed save ("Ihre Antworten sind noch da; speichern Sie sie an
    # einem anderen Ort") was printed by `kosi report`, which holds no answers of its own.
    blocker = tmp_path / "kein-ordner"
    blocker.write_text("eine Datei, kein Ordner", encoding="utf-8")
    assert main(["report", str(draft), "-o", str(blocker / "bericht.md"), "--lang", "de"]) == 1
    out = capsys.readouterr().out
    assert "bericht.md" in out and "Wählen Sie mit -o einen anderen Ort" in out, out
    assert "Antworten" not in out
