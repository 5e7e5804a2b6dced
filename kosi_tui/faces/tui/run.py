"""Running the app as a program: from the command line (`kosi`, `kosi app`) and in each session of
`kosi serve`, which forks it without going through the command line again."""

from __future__ import annotations

from pathlib import Path


def run_app(lang: str, workshop: Path | None = None) -> int:
    """Runs the app until it ends (saving whatever is open); returns the exit code."""
    from kosi_tui.faces.tui import collector

    collector.hold()  # until the app's first screen is drawn
    from kosi_tui.faces.tui.app import KosiApp

    return KosiApp(lang, workshop=workshop).run_saving()
