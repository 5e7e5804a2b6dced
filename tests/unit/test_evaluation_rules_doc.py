"""docs/evaluation-rules.md explains every evaluation rule of every bundled canvas."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kosi_tui.core.canvas import Canvas
from kosi_tui.paths import bundled_canvases
from kosi_tui.storage.canvas_file import load_canvas
from tests.conftest import ROOT

CANVASES = sorted(bundled_canvases().glob("*.yaml"))


@pytest.mark.parametrize("path", CANVASES, ids=[p.stem for p in CANVASES])
def test_every_rule_is_in_the_rules_table(path: Path) -> None:
    doc = (ROOT / "docs" / "evaluation-rules.md").read_text(encoding="utf-8")
    canvas = load_canvas(path).canvas
    chapter = doc.split(f"(`{canvas.id}`)", 1)
    assert len(chapter) == 2, f"no chapter for {canvas.id}"
    text = chapter[1].split("\n## ", 1)[0]
    named = set(re.findall(r"`([a-z0-9_]+)`", text))
    ev = canvas.evaluation
    rules = [s.id for s in ev.scores] + [f.id for f in ev.flags] + [p.id for p in ev.prompts]
    # The maturity check names its ten self-ratings as a range ("zweck … verstetigung").
    missing = [r for r in rules if r not in named and not _in_range(r, canvas, text)]
    assert missing == []


def _in_range(rule: str, canvas: Canvas, text: str) -> bool:
    ids = [s.id for s in canvas.evaluation.scores]
    match = re.search(r"`([a-z_]+)` … `([a-z_]+)`", text)
    if match is None or rule not in ids:
        return False
    first, last = ids.index(match.group(1)), ids.index(match.group(2))
    return first <= ids.index(rule) <= last
