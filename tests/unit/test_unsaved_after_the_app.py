"""When the app ends with a draft it could not save (a full disk, then the terminal closed or
'Ohne Speichern beenden'), the answers go to an emergency copy, named after the app, as plain
mode does on quitting."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from kosi_tui.faces.commands import fill
from kosi_tui.faces.filling import Filling
from kosi_tui.storage import atomic
from kosi_tui.storage.canvas_file import load_canvas
from kosi_tui.storage.draft_file import load_draft
from tests.conftest import ROOT

KEY = "anlass.herausforderung"


def test_a_draft_the_app_could_not_save_is_left_in_an_emergency_copy(
    kosi_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    canvas = load_canvas(ROOT / "canvases" / "innovationslabor.yaml")
    filling = Filling.start(canvas, "Stadt", "Erika", "de", path=disk / "entwurf.yaml")
    real = atomic._durable_temp

    def no_space(beside: Path, data: bytes, suffix: str = ".tmp") -> str:
        if beside.parent.absolute().is_relative_to(disk):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(beside, data, suffix)

    monkeypatch.setattr(atomic, "_durable_temp", no_space)
    filling.set_answer(KEY, "Was nur im Programm steht")
    assert filling.save().error is not None  # the app's last save, on its way out
    filling.close()
    fill.tell_where_drafts_are([filling], "de")
    said = capsys.readouterr()
    assert "ist nicht gespeichert" in said.err
    (copy,) = (kosi_home / "drafts").glob("entwurf-notfallkopie-*.yaml")
    assert str(copy) in said.err
    assert load_draft(copy).answers[KEY] == "Was nur im Programm steht"
