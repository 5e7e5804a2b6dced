"""The example in docs/canvas-format.md is a valid canvas."""

from __future__ import annotations

import re
from pathlib import Path

from kosi_tui.storage.canvas_file import load_canvas
from tests.conftest import ROOT


def test_documented_example_validates(tmp_path: Path) -> None:
    doc = (ROOT / "docs" / "canvas-format.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(# yaml-language-server.*?)```", doc, re.S)
    assert example is not None
    path = tmp_path / "example.yaml"
    path.write_text(example.group(1), encoding="utf-8")
    loaded = load_canvas(path)
    assert loaded.warnings == []
    assert loaded.canvas.question_count() == 3
