"""The engine and storage layers never import Textual: every face can use them, and `kosi validate`
starts fast."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

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


def test_the_start_page_lists_known_files_before_the_engine_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A start before this one read the files (here: this process, with the same user folder).
    from kosi_tui.faces.tui.screens.home import Shelf

    monkeypatch.setenv("KOSI_HOME", str(tmp_path))
    (tmp_path / "drafts").mkdir()
    shutil.copy(ROOT / "examples" / "innovationslabor.answers.yaml", tmp_path / "drafts")
    Shelf().read(with_drafts=True)
    code = (
        "import asyncio, sys\n"
        "from kosi_tui.faces.tui.app import KosiApp\n"
        "from kosi_tui.faces.tui.screens.home import HomeScreen\n"
        "first = []\n"
        "show = HomeScreen._show\n"
        "def recorded(self, *args):\n"
        "    engine = sorted({m.split('.')[0] for m in sys.modules} & {'pydantic', 'yaml'})\n"
        "    show(self, *args)\n"
        "    if not first:\n"
        "        lists = [self.query_one(n).option_count for n in ('#canvases', '#drafts')]\n"
        "        first.append((*lists, engine))\n"
        "HomeScreen._show = recorded\n"
        "async def main():\n"
        "    app = KosiApp('de')\n"
        "    async with app.run_test() as pilot:\n"
        "        await app.workers.wait_for_complete()\n"
        "        await pilot.pause()\n"
        "asyncio.run(main())\n"
        "print(first)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    canvases = len(list((ROOT / "canvases").glob("*.yaml")))
    assert result.stdout.strip() == f"[({canvases}, 1, [])]"
