"""A workshop whose participants started on different days: drafts of an older version of the
canvas are taken into the installed one (as `kosi report` takes them), not left out."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kosi_tui.cli import main
from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "labor-reifegrad.answers.yaml"


def test_drafts_of_older_and_newer_canvas_versions_are_one_workshop(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "workshop"
    folder.mkdir()
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    for name, version, author in [
        ("alt-1.yaml", "0.9.0", "Ada Alt"),
        ("alt-2.yaml", "0.9.0", "Bea Alt"),
        ("neu.yaml", data["canvas"]["version"], "Cem Neu"),
    ]:
        data["canvas"]["version"], data["author"] = version, author
        (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "auswertung.md"
    assert main(["summary", str(folder), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert all(name in text for name in ("Ada Alt", "Bea Alt", "Cem Neu"))
    assert "anderen Canvas" not in text + capsys.readouterr().out
