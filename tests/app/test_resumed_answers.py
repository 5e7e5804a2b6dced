"""Tabbing into a field that already holds an answer and typing adds to it: the first key never
replaces a whole earlier answer (Textual's inputs select everything on focus by default)."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Input

from kosi_tui.faces.tui.app import KosiApp, Start
from kosi_tui.faces.tui.widgets.question import QuestionWidget
from tests.app.driver import fill_screen, tab_to, type_text
from tests.conftest import ROOT


async def test_typing_into_a_resumed_answer_keeps_it(tmp_path: Path) -> None:
    draft = tmp_path / "entwurf.yaml"
    shutil.copy(ROOT / "examples" / "innovationslabor.answers.yaml", draft)
    app = KosiApp("de", Start("draft", draft))
    async with app.run_test(size=(100, 40)) as pilot:
        screen = fill_screen(pilot)
        await screen.ready.wait()
        await screen.jump_to_question("basis.organisation")
        await pilot.pause()
        answers = screen.filling.session.answers
        for key, typed in (("basis.organisation", " III"), ("basis.einwohner", ",5")):
            before = str(answers[key]) if key != "basis.einwohner" else "120.000"
            widget = next(w for w in screen.query(QuestionWidget) if w.key == key)
            await pilot.press("shift+tab")  # leave, then come back by keyboard
            await tab_to(pilot, widget)
            await type_text(pilot, typed)
            assert widget.query_one(Input).value == before + typed
        assert answers["basis.organisation"].endswith("Stadtentwicklung III")
        assert answers["basis.einwohner"] == 120000.5  # kept, then refused as not whole
        await pilot.press("ctrl+q")


async def test_opening_a_draft_changes_nothing_to_save(tmp_path: Path) -> None:
    draft = tmp_path / "entwurf.yaml"
    shutil.copy(ROOT / "examples" / "innovationslabor.answers.yaml", draft)
    app = KosiApp("de", Start("draft", draft))
    async with app.run_test(size=(100, 40)) as pilot:
        screen = fill_screen(pilot)
        await screen.ready.wait()
        await pilot.pause()
        assert not screen.filling.dirty  # the focus lands where the draft says it was
        await pilot.press("ctrl+q")
    assert not (tmp_path / "entwurf.yaml.bak").exists()
