"""When saving fails, the answers stay, a notice says why without taking the keys meant for the
answer, and the answers can be saved elsewhere. When saving is tried again and when a new failure
is said: tests/unit/test_autosave.py."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from kosi_tui.faces.tui.app import KosiApp, Start
from kosi_tui.faces.tui.dialogs.path_dialog import PathDialog
from kosi_tui.faces.tui.screens.fill import FillScreen
from kosi_tui.faces.tui.widgets.text_question import LongTextQuestion
from kosi_tui.storage.draft_file import load_draft
from tests.app.driver import fill_screen, inside, tab_to, type_text
from tests.conftest import ROOT


async def saved(pilot: Pilot[Any]) -> None:
    """Waits until background saves have finished and their result is on screen."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


class ReadOnly:
    """Makes the draft's folder refuse writes, and lets them through again."""

    def __init__(self, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.folder, self.on = folder, True
        real_replace = os.replace

        def replace(src: Any, dst: Any) -> None:
            if self.on and Path(str(dst)).parent == folder:
                raise OSError(errno.EROFS, "Read-only file system")
            real_replace(src, dst)

        monkeypatch.setattr(os, "replace", replace)


def notice(screen: FillScreen) -> Static:
    return screen.query_one("#save-notice", Static)


async def open_at_field(pilot: Pilot[Any]) -> tuple[FillScreen, Any]:
    screen = fill_screen(pilot)
    await screen.ready.wait()
    await screen.jump_to_question("schritte.offene_fragen")
    await pilot.pause()
    field = next(w for w in screen.query(LongTextQuestion) if w.key == "schritte.offene_fragen")
    await tab_to(pilot, field)
    return screen, field


async def test_a_failure_keeps_the_keys_and_the_answers_and_offers_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = tmp_path / "entwurf.yaml"
    shutil.copy(ROOT / "examples" / "innovationslabor.answers.yaml", draft)
    ReadOnly(tmp_path, monkeypatch)
    app = KosiApp("de", Start("draft", draft))
    async with app.run_test(size=(100, 40)) as pilot:
        screen, field = await open_at_field(pilot)
        await type_text(pilot, " Neu")
        await pilot.press("ctrl+s")
        await saved(pilot)
        # The notice is there, but the focus stayed in the answer: Enter and words go on there.
        assert notice(screen).display
        assert "darf nicht geschrieben werden" in str(notice(screen).render())
        assert app.screen is screen and inside(app.focused, field)
        await pilot.press("enter")
        await type_text(pilot, "weiter")
        answer = screen.filling.session.answers["schritte.offene_fragen"]
        assert answer.endswith(" Neu\nweiter")
        assert "Neu" not in draft.read_text()
        # F2: save elsewhere, explicitly.
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, PathDialog)
        elsewhere = tmp_path / "sicher" / "entwurf.yaml"
        app.screen.query_one("#path", Input).value = str(elsewhere)
        await pilot.press("enter")
        await saved(pilot)
        assert elsewhere.exists()
        assert not notice(screen).display
        await pilot.press("ctrl+q")
    assert load_draft(elsewhere).answers["schritte.offene_fragen"].endswith(" Neu\nweiter")


async def test_a_home_folder_of_nobody_is_said_in_the_dialog(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = tmp_path / "entwurf.yaml"
    shutil.copy(ROOT / "examples" / "innovationslabor.answers.yaml", draft)
    app = KosiApp("de", Start("draft", draft))
    async with app.run_test(size=(100, 40)) as pilot:
        await fill_screen(pilot).ready.wait()
        await pilot.press("f2")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PathDialog)
        dialog.query_one("#path", Input).value = "~kosi-nobody-here/entwurf.yaml"
        await pilot.press("enter")
        await pilot.pause()
        # The dialog stays and says why; the app goes on (it ended with RuntimeError before).
        assert app.screen is dialog
        error = dialog.query_one("#path-error", Static)
        assert error.display and "Diesen Benutzerordner gibt es hier nicht" in str(error.render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, FillScreen)


async def test_a_workshop_participant_reads_the_file_name_and_only_the_way_out_there_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.app.test_serve_workshop_app import start

    folder = tmp_path / "workshop"
    folder.mkdir()
    app = KosiApp("de", workshop=folder)
    async with app.run_test(size=(100, 40)) as pilot:
        await start(pilot, "Stadt A", "Anna Muster")
        while not isinstance(app.screen, FillScreen):  # the resume code, and other notices
            await pilot.press("enter")
            await pilot.pause()
        screen = app.screen
        await screen.ready.wait()
        ReadOnly(screen.filling.path.parent, monkeypatch)
        await screen.jump_to_question("schritte.offene_fragen")
        await pilot.pause()
        field = next(w for w in screen.query(LongTextQuestion) if w.key == "schritte.offene_fragen")
        await tab_to(pilot, field)
        await type_text(pilot, "Neu")
        await pilot.press("ctrl+s")
        await saved(pilot)
        said = str(notice(screen).render())
        # The trainer's folders stay unnamed, and F2 ("elsewhere") is not offered here: the
        # message does not send the participant there either.
        name = screen.filling.path.name
        assert f"In {name} darf nicht geschrieben werden. Ihre Antworten sind noch da." in said
        assert str(folder) not in said and "anderen Ort" not in said, said
        assert "Moderation" in said
        await pilot.press("ctrl+q")
