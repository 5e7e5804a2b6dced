"""`-o`: the ending decides the format, endings kosi cannot write are refused, `-` is standard
output."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
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


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("b.html", "<!DOCTYPE html>"),
        ("b.HTM", "<!DOCTYPE html>"),
        ("b.md", "# Innovationslabor"),
        ("b.markdown", "# Innovationslabor"),
    ],
)
def test_the_ending_decides_the_format(draft: Path, tmp_path: Path, name: str, start: str) -> None:
    out = tmp_path / name
    assert main(["report", str(draft), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith(start)


@pytest.mark.parametrize(
    ("command", "suffix"),
    [
        *(("report", s) for s in (".csv", ".xlsx", ".odt", ".txt", ".xyz")),
        *(("summary", s) for s in (".odt", ".txt", ".xyz")),
    ],
)
def test_endings_kosi_cannot_write_are_refused(
    draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, suffix: str
) -> None:
    out = tmp_path / f"bericht{suffix}"
    assert main([command, str(draft), "-o", str(out)]) == 2
    assert not out.exists()
    message = capsys.readouterr().err
    assert suffix in message and "Markdown (.md), HTML (.html)" in message


def test_the_refusal_speaks_english_too(
    draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(draft), "-o", str(tmp_path / "b.odt"), "--lang", "en"]) == 2
    assert "cannot write “.odt” files yet. Available: Markdown (.md)" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("command", "name", "start"),
    [
        ("report", "b.pdf", b"%PDF-"),
        ("report", "b.docx", b"PK"),
        ("summary", "b.xlsx", b"PK"),
        ("summary", "b.csv", b"\xef\xbb\xbf"),
    ],
)
def test_documents_for_paper_and_office(
    draft: Path, tmp_path: Path, command: str, name: str, start: bytes
) -> None:
    out = tmp_path / name
    assert main([command, str(draft), "-o", str(out)]) == 0
    assert out.read_bytes().startswith(start)


def test_a_format_that_contradicts_the_ending_is_refused(
    draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "bericht.md"
    assert main(["report", str(draft), "-o", str(out), "--format", "html"]) == 2
    assert not out.exists()
    assert "--format html" in capsys.readouterr().err
    # Agreeing is fine.
    assert main(["report", str(draft), "-o", str(out), "--format", "md"]) == 0


def test_without_an_ending_the_format_option_decides(draft: Path, tmp_path: Path) -> None:
    out = tmp_path / "bericht"
    assert main(["report", str(draft), "-o", str(out), "--format", "html"]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_dash_means_standard_output(
    draft: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    fmt: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["report", str(draft), "-o", "-", "--format", fmt]) == 0
    captured = capsys.readouterr()
    expected = "<!DOCTYPE html>" if fmt == "html" else "# Innovationslabor aufbauen"
    assert captured.out.startswith(expected)
    assert "Geschrieben" not in captured.out
    assert not (tmp_path / "-").exists()


def test_summary_to_standard_output_keeps_messages_apart(
    draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "fremd.yaml").write_text("format: etwas-anderes\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["summary", str(tmp_path), "-o", "-"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("# Workshop-Auswertung")
    assert "fremd.yaml" in captured.err
    assert "Nicht berücksichtigt" not in captured.out
    assert not (tmp_path / "-").exists()


@pytest.mark.process
def test_dash_in_a_real_process_writes_utf8_to_the_pipe(draft: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "KOSI_LANG": "de"}
    result = subprocess.run(
        [sys.executable, "-m", "kosi_tui", "report", str(draft), "-o", "-"],
        capture_output=True,
        cwd=tmp_path,
        env=env,
        check=True,
    )
    assert result.stdout.decode("utf-8").startswith("# Innovationslabor aufbauen")
    assert "Verwaltungsvorstand" in result.stdout.decode("utf-8")
    assert not (tmp_path / "-").exists()
