"""The line printed to go on with a draft works as typed in a fresh shell, and a draft reopens in
its own language unless --lang says otherwise."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kosi_tui.faces.commands import fill
from kosi_tui.faces.commands.own_command import kosi_words, shell_line
from kosi_tui.storage.draft_file import load_draft
from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "innovationslabor.answers.yaml"
KOSI = Path(sys.executable).parent / ("kosi.exe" if sys.platform == "win32" else "kosi")
BARE_PATH = "/usr/bin:/bin"
"""A PATH without the virtual environment, as after the README's set-up in a new terminal."""


def a_draft(folder: Path, lang: str = "de") -> Path:
    # A space and a quote in the name: the line must be quoted for the shell.
    path = folder / "meine entwürfe" / "Erika's Labor.yaml"
    path.parent.mkdir(parents=True)
    text = EXAMPLE.read_text(encoding="utf-8")
    path.write_text(text.replace("\nlang: de\n", f"\nlang: {lang}\n"), encoding="utf-8")
    return path


def fresh_shell(command: list[str], home: Path, stdin: str, lang: str = "de") -> str:
    """Runs `command` with nothing of this environment but a bare PATH (and KOSI_HOME)."""
    env = ["env", "-i", f"PATH={BARE_PATH}", f"HOME={home}", f"KOSI_HOME={home / 'kosi'}"]
    result = subprocess.run(
        [*env, f"KOSI_LANG={lang}", *command],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=home,
        check=False,
        timeout=120,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result.stdout


def printed_line(output: str, label: str) -> str:
    found = re.search(rf"^{label}: (.+)$", output, re.MULTILINE)
    assert found, output
    return found.group(1)


needs_launcher = pytest.mark.skipif(
    not KOSI.exists() or sys.platform == "win32", reason="needs the kosi launcher and sh"
)


@pytest.mark.process
@needs_launcher
def test_the_printed_line_reopens_the_draft_in_a_fresh_shell(tmp_path: Path) -> None:
    assert shutil.which("kosi", path=BARE_PATH) is None  # else the test proves nothing
    draft = a_draft(tmp_path)
    first = fresh_shell([str(KOSI), "fill", "--plain", str(draft)], tmp_path, ":q\n")
    line = printed_line(first, "Weiterarbeiten")
    # Run as typed, by a shell with that bare PATH; plain mode reads the piped answer.
    out = fresh_shell(["sh", "-c", line], tmp_path, "Mit dem Kämmerer sprechen.\n:q\n")
    assert "Bisherige Antwort: Mit der Beigeordneten" in out
    answers = load_draft(draft).answers
    assert answers["schritte.erstes_gespraech"] == "Mit dem Kämmerer sprechen."
    # The report hint names the same program.
    report = printed_line(out, "Den Bericht erstellen Sie mit")
    assert shlex.split(report) == [str(KOSI), "report", str(draft)]


@pytest.mark.process
def test_the_line_after_the_app_runs_in_a_fresh_shell(
    kosi_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kosi_tui.faces.filling import Filling

    draft = a_draft(tmp_path)
    filling = Filling.open(draft)
    filling.close()
    fill.tell_where_drafts_are([filling], "de")
    line = printed_line(capsys.readouterr().out, "Weiterarbeiten")
    # Inside the test runner there is no kosi launcher: the interpreter with -m kosi_tui.
    assert shlex.split(line) == [
        str(Path(sys.executable).absolute()),
        "-m",
        "kosi_tui",
        "fill",
        str(draft),
    ]
    if sys.platform != "win32":
        out = fresh_shell(["sh", "-c", line], tmp_path, ":q\n")  # output piped: plain mode
        assert "Bisherige Antwort: Mit der Beigeordneten" in out


@pytest.mark.process
@needs_launcher
def test_an_english_draft_reopens_in_english(tmp_path: Path) -> None:
    draft = a_draft(tmp_path, lang="en")
    # The machine speaks German (KOSI_LANG=de); the draft was filled in English.
    first = fresh_shell([str(KOSI), "fill", "--plain", str(draft)], tmp_path, ":q\n")
    assert "To go on: " in first and "--lang" not in first
    out = fresh_shell(["sh", "-c", printed_line(first, "To go on")], tmp_path, ":q\n")
    assert "Current answer: " in out and "Bisherige Antwort" not in out
    # An explicit --lang wins for that run, and the line it prints keeps it.
    german = fresh_shell(
        [str(KOSI), "fill", "--plain", "--lang", "de", str(draft)], tmp_path, ":q\n"
    )
    line = printed_line(german, "Weiterarbeiten")
    assert "--lang de" in line
    again = fresh_shell(["sh", "-c", line], tmp_path, ":q\n")
    assert "Bisherige Antwort: " in again


def test_words_name_the_running_program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    launcher = tmp_path / "venv" / "bin" / "kosi"
    launcher.parent.mkdir(parents=True)
    launcher.write_text("#!/bin/sh\n")
    other = tmp_path / "elsewhere" / "kosi"
    other.parent.mkdir()
    other.write_text("#!/bin/sh\n")
    # Started as .venv/bin/kosi with no kosi on the PATH: the absolute path.
    relative = Path("venv/bin/kosi")
    monkeypatch.chdir(tmp_path)
    assert kosi_words(str(relative), which="") == [str(launcher)]
    # The PATH finds this very program: the short word does.
    assert kosi_words(str(launcher), which=str(launcher)) == ["kosi"]
    # The PATH finds another kosi: not that one.
    assert kosi_words(str(launcher), which=str(other)) == [str(launcher)]
    # Started as python -m kosi_tui (or inside a test runner): the interpreter.
    main = ROOT / "kosi_tui" / "__main__.py"
    assert kosi_words(str(main)) == [str(Path(sys.executable).absolute()), "-m", "kosi_tui"]


def test_quoting_for_posix_and_windows() -> None:
    words = ["C:\\Program Files\\kosi\\kosi.exe", "fill", "C:\\Entwürfe\\Erika's Labor.yaml"]
    assert shell_line(words, windows=True) == (
        '"C:\\Program Files\\kosi\\kosi.exe" fill "C:\\Entwürfe\\Erika\'s Labor.yaml"'
    )
    assert shell_line(["/x y/kosi", "fill", "it's.yaml"], windows=False) == (
        "'/x y/kosi' fill 'it'\"'\"'s.yaml'"
    )


class FakeApp:
    """Stands in for the Textual app: remembers the language it was started in."""

    started: list[str] = []

    def __init__(self, lang: str, start: Any, theme: Any) -> None:
        FakeApp.started.append(lang)
        self.lang = lang
        self.fillings: list[Any] = []

    def run_saving(self) -> int:
        return 0


@pytest.mark.parametrize(
    ("given", "default", "expected"),
    [(False, "de", "en"), (True, "de", "de"), (False, "en", "en"), (True, "en", "en")],
)
def test_the_app_opens_a_draft_in_its_own_language_unless_lang_is_given(
    kosi_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    given: bool,
    default: str,
    expected: str,
) -> None:
    from kosi_tui.faces.tui import app, collector

    draft = a_draft(tmp_path, lang="en")
    monkeypatch.setattr(fill, "_plain_wanted", lambda flag: False)
    monkeypatch.setattr(collector, "hold", lambda: None)
    monkeypatch.setattr(app, "KosiApp", FakeApp)
    FakeApp.started.clear()
    # `default` stands for KOSI_LANG or --lang (with `given`).
    assert fill.run_fill(str(draft), None, default, False, lang_given=given) == 0
    assert FakeApp.started == [expected]
