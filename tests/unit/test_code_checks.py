"""The project's own code checks run with the tests, so "ruff and mypy --strict stay clean" holds
on every CI run, for the package, the tests and the benchmarks (configured in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

CHECKS = {
    "ruff check": ["ruff", "check", "--no-cache", "."],
    "ruff format": ["ruff", "format", "--check", "--no-cache", "."],
    "mypy --strict": ["mypy", "--cache-dir", "/dev/null"],
}


@pytest.mark.parametrize("name", list(CHECKS))
def test_code_is_clean(name: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", *CHECKS[name]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"{name}:\n{result.stdout}{result.stderr}"
