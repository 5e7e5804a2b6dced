"""The engine and storage layers never import Textual: every face can use them, and `kosi validate`
starts fast."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.process


def modules_of(*packages: str) -> list[str]:
    """Every module of the packages, found on disk: a new module is covered without a list."""
    names = []
    for package in packages:
        folder = ROOT.joinpath(*package.split("."))
        for path in sorted(folder.rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


# The layers below the faces, every module of them, and the commands that need no screen.
HEADLESS = [
    *modules_of("kosi_tui.core", "kosi_tui.storage", "kosi_tui.report"),
    "kosi_tui.cli",
    "kosi_tui.faces.commands.validate",
]


def imported(modules: list[str], packages: tuple[str, ...]) -> list[str]:
    """Which modules of `packages` a fresh interpreter has loaded after importing `modules`."""
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + f"print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in {packages!r})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return [m for m in result.stdout.strip().split(",") if m]


def test_core_and_storage_do_not_import_textual() -> None:
    assert imported(HEADLESS, ("textual", "rich")) == []


# What `kosi fill CANVAS` and `kosi` import before their first screen: the engine (Pydantic,
# PyYAML) loads behind the new-draft dialog or the start page instead (bench/tui_bench.py measures
# the difference).
FIRST_SCREEN = [
    "kosi_tui.cli",
    "kosi_tui.faces.commands.fill",
    "kosi_tui.faces.tui.app",
    "kosi_tui.faces.tui.screens.home",
]


def test_the_app_starts_without_the_engine() -> None:
    assert imported(FIRST_SCREEN, ("pydantic", "yaml")) == []


def test_help_starts_without_textual_or_the_engine() -> None:
    # `kosi --help` (and any mistyped command) answers at once: argument parsing only.
    code = (
        "import contextlib, io, sys\n"
        "from kosi_tui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        "        main(['--help'])\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(','.join(sorted({m.split('.')[0] for m in sys.modules}"
        " & {'textual', 'rich', 'pydantic', 'yaml'})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == ""
