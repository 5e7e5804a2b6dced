"""After a session of filling, the next start page lists the drafts at once: the app reads the
start page's listing again when it ends, so the draft it changed is not read first next time."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kosi_tui.faces.tui.screens.home import Shelf
from tests.app.driver import EXAMPLE
from tests.app.terminal import Terminal
from tests.app.test_real_terminal import make_draft

pytestmark = pytest.mark.process

GAP = 0.02
CTRL_Q = b"\x11"


def test_after_filling_a_draft_the_next_start_lists_it_before_reading(kosi_home: Path) -> None:
    drafts = kosi_home / "drafts"
    drafts.mkdir(parents=True)
    shutil.copy(EXAMPLE, drafts / "andere.yaml")
    draft = make_draft(drafts)
    Shelf().read(with_drafts=True)  # the start page was shown before
    before = draft.read_bytes()
    term = Terminal(draft, kosi_home)
    try:
        term.read_until(b"Warum jetzt?", timeout=120)
        term.type_keys([*(c.encode() for c in "Haushalt"), CTRL_Q], GAP)
        assert term.wait(timeout=120) == 0, term.text.decode("utf-8", "replace")[-2000:]
    finally:
        term.close()
    assert draft.read_bytes() != before  # the answer was saved
    glance = Shelf().glance(with_drafts=True)
    assert glance is not None, "the next start reads the drafts before listing them"
    listing = Shelf().read(with_drafts=True)
    assert glance == (listing.canvases, listing.drafts)
