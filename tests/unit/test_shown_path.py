"""Folders in the save line as people read them: under the home folder with `~`."""

from __future__ import annotations

from pathlib import Path

import pytest

from kosi_tui.faces.tui.markup import shown_path


@pytest.mark.parametrize(("inside", "shown"), [
    ("", "~"),  # was "~/." after saving into the home folder
    ("kosi/drafts", "~/kosi/drafts"),
])  # fmt: skip
def test_under_home(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, inside: str, shown: str
) -> None:
    monkeypatch.setattr(Path, "home", lambda: tmp_path)
    assert shown_path(tmp_path / inside if inside else tmp_path) == shown


def test_elsewhere_as_typed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(Path, "home", lambda: tmp_path / "home")
    assert shown_path(tmp_path / "[b]") == str(tmp_path) + "/\\[b]"
