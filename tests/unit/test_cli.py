"""The trainer's commands: `kosi canvases`, `--help`, `--lang`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kosi_tui.cli import main
from tests.conftest import DATA


def test_canvases_lists_bundled_and_user_canvases(
    kosi_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = kosi_home / "canvases"
    folder.mkdir(parents=True)
    shutil.copy(DATA / "good" / "minimal.yaml", folder / "minimal.yaml")
    shutil.copy(DATA / "bad" / "unknown_ref.yaml", folder / "kaputt.yaml")
    assert main(["canvases"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[1].startswith("innovationslabor")
    assert any(line.startswith("minimal ") and "eigener Ordner" in line for line in lines)
    assert any(line.startswith("kaputt") and "fehlerhaft (Zeile 22" in line for line in lines)
    assert str(folder) in out


@pytest.mark.parametrize(("lang", "word"), [("de", "prüfen"), ("en", "check")])
def test_help_speaks_the_language(lang: str, word: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--lang", lang, "validate", "--help"])
    assert exit_.value.code == 0
    assert word in capsys.readouterr().out


def test_no_command_lists_canvases(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    assert "innovationslabor" in capsys.readouterr().out


@pytest.mark.parametrize("before", [[], ["--lang", "en"]])
def test_a_file_alone_is_opened_for_filling(
    tmp_path: Path, before: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "kaputt.yaml"
    broken.write_text("format: kosi-canvas/1\nid: [\n", encoding="utf-8")
    assert main([*before, str(broken)]) == 1  # `kosi FILE` is `kosi fill FILE`
    assert f"{broken}:3:1" in capsys.readouterr().out
