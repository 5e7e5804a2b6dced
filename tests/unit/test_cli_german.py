"""`kosi --help` and argparse's error messages in German when the interface is German."""

from __future__ import annotations

import argparse

import pytest

from kosi_tui.cli import main


def test_help_is_german(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--lang", "de", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("Aufruf: kosi")
    assert "Optionen" in out and "diese Hilfe zeigen und beenden" in out
    assert "usage:" not in out and "show this help" not in out


def test_errors_are_german(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--lang", "de", "validate"])
    assert "Fehler: diese Angaben fehlen: FILE" in capsys.readouterr().err


def test_english_stays_english_and_argparse_is_left_as_it_was(
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = argparse._  # type: ignore[attr-defined]
    with pytest.raises(SystemExit):
        main(["--lang", "en", "--help"])
    assert capsys.readouterr().out.startswith("usage: kosi")
    with pytest.raises(SystemExit):
        main(["--lang", "de", "--help"])
    assert argparse._ is before  # type: ignore[attr-defined]
