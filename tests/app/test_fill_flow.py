"""The whole journey by keyboard: start the default canvas, fill every section, conditions, a
correction, jumping back, quitting and resuming, review and both exports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.screen import Screen
from textual.widgets import Input

from kosi_tui.core.canvas import QUESTION_TYPES
from kosi_tui.faces.tui.app import KosiApp, Start
from kosi_tui.faces.tui.dialogs.new_draft_dialog import NewDraftDialog
from kosi_tui.faces.tui.dialogs.path_dialog import PathDialog
from kosi_tui.faces.tui.screens.review import ReviewScreen
from kosi_tui.faces.tui.widgets.marked_list import ChoiceList
from kosi_tui.faces.tui.widgets.question import QuestionWidget
from kosi_tui.paths import bundled_canvases
from kosi_tui.storage.draft_file import load_draft
from tests.app.driver import answer, fill_screen, tab_to, type_text

CANVAS = bundled_canvases() / "innovationslabor.yaml"


def widget(screen: Screen[Any], key: str) -> QuestionWidget:
    return next(w for w in screen.query(QuestionWidget) if w.key == key)


async def start_new(pilot, organisation: str = "Stadt Musterstadt", author: str = "Erika") -> None:  # type: ignore[no-untyped-def]
    assert isinstance(pilot.app.screen, NewDraftDialog)
    await type_text(pilot, organisation)
    await pilot.press("enter")
    await type_text(pilot, author)
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()  # the canvas loads behind the dialog
    await pilot.pause()


@pytest.mark.slow
async def test_fill_everything_by_keyboard_then_review_and_export(
    kosi_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # exports go to the folder kosi was started in
    app = KosiApp("de", Start("canvas", CANVAS))
    async with app.run_test(size=(100, 40)) as pilot:
        await start_new(pilot)
        screen = fill_screen(pilot)
        sections = screen.filling.canvas.canvas.sections
        seen_types: set[str] = set()
        for index in range(len(sections)):
            assert screen.index == index
            for w in list(screen.query(QuestionWidget)):
                if (
                    w.display
                    and w.question.type != "info"
                    and screen.filling.session.value(w.key) is None
                ):
                    await answer(pilot, w)
                    seen_types.add(w.question.type)
                    assert screen.filling.session.value(w.key) is not None, w.key
            await pilot.press("f8")
            await pilot.pause()
        # After the last section, F8 leads to the overview.
        assert isinstance(app.screen, ReviewScreen)
        # Every kind there is: the bundled canvas uses each (yes_no since the decision paper).
        assert seen_types == set(QUESTION_TYPES) - {"info"}
        for key, suffix in (("m", ".md"), ("h", ".html")):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, PathDialog)
            await pilot.press("enter")
            await pilot.pause()
            exported = tmp_path / screen.filling.path.with_suffix(suffix).name
            assert exported.exists()
        assert exported.read_text().startswith("<!DOCTYPE html>")
        md = exported.with_suffix(".md").read_text()
        assert "# Innovationslabor aufbauen" in md and "## Auswertung" in md
        await pilot.press("ctrl+q")
    draft = load_draft(screen.filling.path)
    assert draft.organisation == "Stadt Musterstadt" and draft.author == "Erika"
    assert draft.answers["basis.einwohner"] == 3
    assert draft.answers["mandat.rueckendeckung"] == 4
    assert draft.answers["anlass.herausforderung"] == "Antwort ok?"
    assert draft.answers["akteure.tabelle"][0]["akteur"] == "Zelle"
    assert draft.answers["wirkung.erfolg_12m"] == ["Eintrag"]


@pytest.mark.slow
async def test_conditions_correction_jump_quit_and_resume(kosi_home: Path) -> None:
    app = KosiApp("de", Start("canvas", CANVAS))
    async with app.run_test(size=(100, 40)) as pilot:
        await start_new(pilot)
        screen = fill_screen(pilot)
        # A wrong number shows a message under the field, which goes away when corrected.
        einwohner = widget(screen, "basis.einwohner")
        await tab_to(pilot, einwohner)
        await type_text(pilot, "1.200x")
        await pilot.pause()
        error = einwohner.query_one(".question-error")
        assert error.display and "ganze Zahl" in str(error.render())
        await pilot.press("backspace")
        await pilot.pause()
        assert not error.display
        assert screen.filling.session.value("basis.einwohner") == 1200
        # Section 4 (mandate): "no mandate yet" shows the follow-up question, "council" hides it.
        await pilot.press("f8", "f8", "f8")
        await pilot.pause()
        assert screen.current_section.id == "mandat"
        weg = widget(screen, "mandat.weg")
        assert not weg.display
        status = widget(screen, "mandat.status")
        await tab_to(pilot, status)
        assert isinstance(app.focused, ChoiceList)
        await pilot.press(*["down"] * 5, "enter")  # the sixth choice: no mandate yet
        await pilot.pause()
        assert screen.filling.session.value("mandat.status") == "keins"
        assert weg.display
        await tab_to(pilot, weg)
        await type_text(pilot, "Verwaltungsvorstand")
        await tab_to(pilot, status)
        await pilot.press(*["up"] * 5, "enter")  # council decision
        await pilot.pause()
        assert not weg.display
        assert screen.filling.session.answers["mandat.weg"] == "Verwaltungsvorstand"  # kept, hidden
        # Jump back to section 1 with F7 and see the earlier answer.
        await pilot.press("f7", "f7", "f7")
        await pilot.pause()
        assert screen.current_section.id == "basis"
        assert widget(screen, "basis.einwohner").query_one(Input).value == "1.200"
        await pilot.press("f8", "f8")
        await pilot.pause()
        path = screen.filling.path
        await pilot.press("ctrl+q")
    saved = load_draft(path)
    assert saved.answers["basis.einwohner"] == 1200
    assert saved.answers["mandat.status"] == "rat"
    assert saved.position.section == "zweck"
    # Reopen: the same place, the same answers.
    again = KosiApp("de", Start("draft", path))
    async with again.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = fill_screen(pilot)
        assert screen.current_section.id == "zweck"
        assert screen.filling.session.answers["mandat.weg"] == "Verwaltungsvorstand"
        await pilot.press("f7")
        await pilot.pause()
        assert widget(screen, "anlass.herausforderung").display
