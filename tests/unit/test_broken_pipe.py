"""A reader that leaves early (`kosi validate *.yaml | head -1`) does not turn failure into
success: the exit status is the one the whole run earns, or 141 where output was cut short."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import DATA, ROOT


def run_into_closed_pipe(*args: str) -> subprocess.CompletedProcess[str]:
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first line
    try:
        return subprocess.run(
            [sys.executable, "-m", "kosi_tui", *args],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            check=False,
            timeout=120,
        )
    finally:
        os.close(write)


@pytest.mark.process
def test_validate_keeps_its_status_when_the_reader_leaves() -> None:
    bad = run_into_closed_pipe("validate", *map(str, sorted((DATA / "bad").glob("*.yaml"))))
    assert bad.returncode == 1
    assert "Traceback" not in bad.stderr and "BrokenPipe" not in bad.stderr
    good = run_into_closed_pipe("validate", str(DATA / "good" / "minimal.yaml"))
    assert good.returncode == 0
    assert good.stderr == ""


@pytest.mark.process
def test_other_output_cut_short_is_no_success() -> None:
    result = run_into_closed_pipe("canvases")
    assert result.returncode == 141
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr
