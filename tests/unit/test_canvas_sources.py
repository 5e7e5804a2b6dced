"""Two canvases of one id: both are named with their files, the user's copy is the one an id
opens, `bundled:ID` / `user:ID` choose; `kosi --version` says where canvases come from."""

from __future__ import annotations

from pathlib import Path

import pytest

from kosi_tui.cli import main
from kosi_tui.paths import bundled_canvases
from kosi_tui.storage.locate import canvas_by_id, find_canvas

BUNDLED = bundled_canvases() / "innovationslabor.yaml"


def _user_copy(kosi_home: Path, name: str = "unser-labor.yaml") -> Path:
    """A trainer's own version of a bundled canvas, kept under another file name."""
    folder = kosi_home / "canvases"
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / name
    text = BUNDLED.read_text(encoding="utf-8")
    copy.write_text(text.replace("version: ", "version: 9", 1), encoding="utf-8")
    return copy


def test_the_users_copy_wins_even_under_another_file_name(kosi_home: Path) -> None:
    copy = _user_copy(kosi_home)
    assert canvas_by_id("innovationslabor") == copy
    assert find_canvas("innovationslabor") == copy


def test_a_qualified_id_chooses_the_source(kosi_home: Path) -> None:
    copy = _user_copy(kosi_home)
    assert find_canvas("bundled:innovationslabor") == BUNDLED
    assert find_canvas("user:innovationslabor") == copy
    assert find_canvas("user:pitch_deck_check") is None


def test_a_named_file_of_the_id_is_found_without_loading(kosi_home: Path) -> None:
    copy = _user_copy(kosi_home, "innovationslabor.kosi.yaml")
    assert canvas_by_id("innovationslabor") == copy


@pytest.mark.parametrize(("lang", "words"), [("de", "haben die Kennung"), ("en", "have the id")])
def test_canvases_warns_of_one_id_twice_with_both_files(
    kosi_home: Path, capsys: pytest.CaptureFixture[str], lang: str, words: str
) -> None:
    copy = _user_copy(kosi_home)
    assert main(["--lang", lang, "canvases"]) == 0
    out = capsys.readouterr().out
    warning = out[out.index(words) :]
    assert str(copy) in warning and str(BUNDLED) in warning
    opened = next(line for line in warning.splitlines() if "←" in line)
    assert str(copy) in opened
    assert "bundled:innovationslabor" in warning


def test_canvases_warns_of_nothing_when_ids_differ(
    kosi_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["canvases"]) == 0
    assert "haben die Kennung" not in capsys.readouterr().out


@pytest.mark.parametrize("lang", ["de", "en"])
def test_version_names_the_version_and_every_canvas_folder(
    kosi_home: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    import kosi_tui

    assert main(["--lang", lang, "--version"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"kosi {kosi_tui.__version__}\n")
    assert str(kosi_home / "canvases") in out and str(bundled_canvases()) in out
