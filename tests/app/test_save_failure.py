"""When saving fails, the answers stay, a notice says why, and they can be saved elsewhere."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest

from kosi_tui.faces.tui.app import KosiApp, Start
from kosi_tui.faces.tui.dialogs.path_dialog import PathDialog
from kosi_tui.faces.tui.dialogs.save_failed_dialog import SaveFailedDialog
from kosi_tui.storage.draft_file import load_draft
from tests.app.driver import fill_screen, tab_to, type_text
from tests.conftest import ROOT


async def test_read_only_folder_keeps_answers_and_saves_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = tmp_path / "entwurf.yaml"
    shutil.copy(ROOT / "examples" / "innovationslabor.answers.yaml", draft)
    real_replace = os.replace

    def read_only(src: object, dst: object) -> None:
        if Path(str(dst)).parent == tmp_path:
            raise OSError(errno.EROFS, "Read-only file system")
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", read_only)
    app = KosiApp("de", Start("draft", draft))
    async with app.run_test(size=(100, 40)) as pilot:
        screen = fill_screen(pilot)
        await screen.ready.wait()
        await screen.jump_to_question("schritte.offene_fragen")
        await pilot.pause()
        field = next(
            w for w in screen.query("LongTextQuestion") if w.key == "schritte.offene_fragen"
        )  # type: ignore[attr-defined]
        await tab_to(pilot, field)
        await type_text(pilot, " Neu")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SaveFailedDialog)
        assert "darf nicht geschrieben werden" in str(app.screen.message)
        assert screen.filling.session.answers["schritte.offene_fragen"].endswith(" Neu")
        assert "Neu" not in draft.read_text()
        # Save elsewhere: the dialog suggests a path; we give one in a writable folder.
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PathDialog)
        elsewhere = tmp_path / "sicher" / "entwurf.yaml"
        app.screen.query_one("#path").value = str(elsewhere)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert elsewhere.exists()
        await pilot.press("ctrl+q")
    assert load_draft(elsewhere).answers["schritte.offene_fragen"].endswith(" Neu")
