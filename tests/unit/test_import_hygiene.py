"""The engine and storage layers never import Textual: every face can use them, and `kosi validate`
starts fast."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

HEADLESS = [
    "kosi_tui.core.canvas", "kosi_tui.core.checks", "kosi_tui.core.session",
    "kosi_tui.core.validation", "kosi_tui.core.expr", "kosi_tui.storage.canvas_file",
    "kosi_tui.storage.catalog", "kosi_tui.storage.schema", "kosi_tui.cli",
    "kosi_tui.faces.commands.validate",
]  # fmt: skip


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


# What `kosi fill CANVAS` imports before its first screen: the engine (Pydantic, PyYAML) loads
# behind the new-draft dialog instead (bench/tui_bench.py measures the difference).
FIRST_SCREEN = ["kosi_tui.cli", "kosi_tui.faces.commands.fill", "kosi_tui.faces.tui.app"]


def test_the_app_starts_without_the_engine() -> None:
    assert imported(FIRST_SCREEN, ("pydantic", "yaml")) == []
