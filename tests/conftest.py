"""Shared fixtures and the test tiers.

Every test runs with its own user folder, never the real home folder.

Tiers: `pytest` alone runs the daily tier (about 4 minutes on two cores, 2½ with `-n 2`);
`pytest --full` runs everything, as CI does. Each test carries a marker by its folder (`unit`,
`app`) and by its cost: `snapshot` (compares a screen with a stored SVG), `process` (starts
another Python process), `system` (needs root, network namespaces or Chromium), `full` (the rest
of a matrix whose first case runs daily) and `slow` (a long walk or a whole-code check; a shorter
test of the same module runs daily). The daily tier leaves out `process`, `system`, `full` and
`slow`. A test that starts a process without saying so fails, so the markers stay true.
"""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent

DAILY_LEAVES_OUT = ("process", "system", "full", "slow")
FOLDER_MARKERS = {"unit": "unit", "app": "app"}

# Property tests: a few examples for daily work, many in CI; always the same examples (derandomize),
# so a run fails or passes on the code, not on chance.
settings.register_profile("daily", max_examples=20, deadline=None, derandomize=True)
settings.register_profile("full", max_examples=300, deadline=None, derandomize=True)
settings.load_profile("daily")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--full",
        action="store_true",
        help="run every tier (process, system and the full matrices) and many property examples",
    )


def full_run(config: pytest.Config) -> bool:
    return bool(config.getoption("--full"))


def pytest_configure(config: pytest.Config) -> None:
    if full_run(config):
        settings.load_profile("full")
    elif hasattr(config.option, "warn_unused_snapshots"):
        # The daily tier leaves most snapshot cases out: their stored screens are unused then,
        # which syrupy would count as a failure (exit 1 with every test passed).
        config.option.warn_unused_snapshots = True


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        parts = Path(str(item.fspath)).relative_to(ROOT / "tests").parts
        marker = FOLDER_MARKERS.get(parts[0]) if len(parts) > 1 else None
        if marker is not None:
            item.add_marker(marker)
        if "snap_compare" in getattr(item, "fixturenames", ()):
            item.add_marker("snapshot")
    if full_run(config) or config.getoption("-m"):
        return
    kept: list[pytest.Item] = []
    left: list[pytest.Item] = []
    for item in items:
        (left if any(item.get_closest_marker(m) for m in DAILY_LEAVES_OUT) else kept).append(item)
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept


def pytest_report_header(config: pytest.Config) -> str:
    if full_run(config):
        return "kosi tier: full (every test, property tests with many examples)"
    return "kosi tier: daily (without process, system and full-matrix tests; --full runs all)"


@pytest.fixture(autouse=True)
def kosi_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh KOSI_HOME for each test, started in a folder of its own: exports and anything else
    kosi writes into the folder it was started in never land in the checkout."""
    monkeypatch.chdir(tmp_path)
    home = tmp_path / "kosi-home"
    monkeypatch.setenv("KOSI_HOME", str(home))
    monkeypatch.setenv("KOSI_LANG", "de")
    return home


@pytest.fixture(autouse=True)
def processes_only_where_marked(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A test that starts a process must be marked `process` or `system`: the daily tier relies on
    the markers to stay fast, so an unmarked process start is an error, not a slow surprise."""
    if request.node.get_closest_marker("process") or request.node.get_closest_marker("system"):
        return

    def refuse(self: subprocess.Popen[Any], args: Any, *rest: Any, **kwargs: Any) -> None:
        raise AssertionError(
            f"{request.node.nodeid} starts a process ({args!r}): mark it "
            "@pytest.mark.process (or system), or test in-process"
        )

    monkeypatch.setattr(subprocess.Popen, "__init__", refuse)


SIGNALS = [s for s in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, s)]


@pytest.fixture(autouse=True)
def signals_left_as_found(request: pytest.FixtureRequest) -> Iterator[None]:
    """No test leaves a signal handler behind: one that did kept the whole test process from
    ending on SIGTERM (a `timeout` around pytest then waited in vain)."""
    before = {name: signal.getsignal(getattr(signal, name)) for name in SIGNALS}
    yield
    after = {name: signal.getsignal(getattr(signal, name)) for name in SIGNALS}
    changed = [name for name in SIGNALS if after[name] is not before[name]]
    for name in changed:
        signal.signal(getattr(signal, name), before[name])
    assert not changed, f"{request.node.nodeid} left handlers for {changed} behind"
