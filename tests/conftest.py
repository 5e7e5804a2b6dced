"""Shared fixtures: every test runs with its own user folder, never the real home folder."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent


@pytest.fixture(autouse=True)
def kosi_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh KOSI_HOME for each test, started in a folder of its own: exports and anything else
    kosi writes into the folder it was started in never land in the checkout."""
    monkeypatch.chdir(tmp_path)
    home = tmp_path / "kosi-home"
    monkeypatch.setenv("KOSI_HOME", str(home))
    monkeypatch.setenv("KOSI_LANG", "de")
    return home
