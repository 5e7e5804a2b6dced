"""A writer killed at any moment leaves a draft that loads: the old one or the new one, never torn."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kosi_tui.storage.draft_file import load_draft
from tests.conftest import ROOT

pytestmark = pytest.mark.process

WRITER = """
import sys
from pathlib import Path
from kosi_tui.core.answers import new_draft
from kosi_tui.storage.draft_file import DraftWriter, read_draft

path = Path(sys.argv[1])
if path.exists():  # resumed, as after a crash: the same draft again
    draft, raw = read_draft(path)
    writer = DraftWriter(path, "innovationslabor", draft.id, raw, draft.answers)
else:
    draft = new_draft("innovationslabor", "1.0.0", "abc", "T", "de", "Erika", "Stadt")
    writer = DraftWriter(path, "innovationslabor")
n = 0
while True:
    n += 1
    # Each version is larger than the last, so a torn file could not pass for a whole one.
    draft.answers["anlass.herausforderung"] = ("Zeile mit Umlauten äöü\\n" * n).strip()
    draft.answers["basis.einwohner"] = n
    writer.save(draft)
    print(n, flush=True)
"""


def test_sigkill_at_random_moments_never_leaves_a_torn_file(tmp_path: Path) -> None:
    path = tmp_path / "draft.yaml"
    rng = random.Random(20261126)
    seen_versions = set()
    for _ in range(40):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path)],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        assert child.stdout is not None
        last = 0
        for _ in range(rng.randint(1, 6)):
            line = child.stdout.readline()
            assert line, "the writer stopped early"
            last = int(line)
        child.send_signal(signal.SIGKILL)
        child.wait()
        draft = load_draft(path)
        version = draft.answers["basis.einwohner"]
        # The file holds the last save read from the pipe or a later one: the writer may have
        # saved (and announced into the pipe) more before the kill came, the more so under load.
        assert version >= last
        assert draft.answers["anlass.herausforderung"].count("Zeile") == version
        seen_versions.add(version)
    assert len(seen_versions) > 1
