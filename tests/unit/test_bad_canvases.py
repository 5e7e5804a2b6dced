"""Every broken canvas in tests/data/bad is refused with its file, its line and the right message."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from kosi_tui.cli import main
from kosi_tui.storage.canvas_file import load_canvas
from kosi_tui.storage.problems import Problem, ProblemsError
from tests.conftest import DATA, ROOT

BAD = sorted((DATA / "bad").glob("*.yaml"))


def expectation(path: Path) -> tuple[int, str]:
    """The `# expect: LINE CODE` header of a bad canvas."""
    first = path.read_bytes().split(b"\n", 1)[0].decode()
    match = re.fullmatch(r"# expect: (\d+) (\w+)", first)
    assert match, f"{path} lacks its expectation header"
    return int(match.group(1)), match.group(2)


def said(path: Path) -> dict[str, str]:
    """The comment lines after the header: `# de: TEXT` and `# en: TEXT`, words the expected
    message must contain in that language, and `# only`, when it must be the file's only problem."""
    said: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines()[1:]:
        match = re.fullmatch(r"# (de|en|only):?\s*(.*)", line)
        if match is None:
            break
        said[match.group(1)] = match.group(2)
    return said


def problems_of(path: Path) -> list[Problem]:
    try:
        return load_canvas(path).warnings
    except ProblemsError as err:
        return err.problems


def test_there_are_enough_kinds_of_mistake() -> None:
    assert len({expectation(p)[1] for p in BAD}) >= 30


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_canvas_is_reported_at_its_line(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line, code = expectation(path)
    problems = problems_of(path)
    assert any(p.code == code and p.line == line for p in problems), [
        (p.line, p.code) for p in problems
    ]
    assert main(["validate", "--strict", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:{line}:" in out
    assert "Traceback" not in out


SAYING = [p for p in BAD if said(p)]


@pytest.mark.parametrize("path", SAYING, ids=[p.stem for p in SAYING])
def test_bad_canvas_message_says_what_to_do(path: Path) -> None:
    line, code = expectation(path)
    problems = problems_of(path)
    expected = [p for p in problems if p.code == code and p.line == line]
    assert expected, [(p.line, p.code) for p in problems]
    words = said(path)
    for lang in ("de", "en"):
        if lang in words:
            assert words[lang] in expected[0].message(lang)
    if "only" in words:
        assert len(problems) == 1, [(p.line, p.code, p.message("en")) for p in problems]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_message_is_written_out_in_both_languages(lang: str) -> None:
    for path in BAD:
        for problem in problems_of(path):
            text = problem.message(lang)
            assert not text.startswith("problem."), text
            assert "{" not in text.replace("{{", "").replace("{de", ""), text


def test_warnings_pass_without_strict(capsys: pytest.CaptureFixture[str]) -> None:
    path = DATA / "bad" / "missing_translation.yaml"
    assert main(["validate", str(path)]) == 0
    assert "Warnung" in capsys.readouterr().out


@pytest.mark.process
def test_whole_folder_through_the_real_command_never_shows_a_traceback() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kosi_tui", "validate", *map(str, BAD)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert f"{len(BAD)} Dateien geprüft" in result.stdout


def test_file_too_large(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("# " + "x" * (3 * 1024 * 1024))
    assert main(["validate", str(big)]) == 1
    assert "zu groß" in capsys.readouterr().out


def test_missing_file_and_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "nope.yaml"), str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "gibt es nicht" in out
    assert "Ordner" in out


def test_good_canvas_passes_strict(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--strict", str(DATA / "good" / "minimal.yaml")]) == 0
    assert "in Ordnung" in capsys.readouterr().out
