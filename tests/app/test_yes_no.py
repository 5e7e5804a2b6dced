"""A yes/no question in the app: the two options look like a single choice (◉/○), are chosen by
keyboard (J or Y, N, the arrows with Enter) and cleared with Delete; a yes shows what depends on it."""

from __future__ import annotations

import shutil
from pathlib import Path

from kosi_tui.faces.filling import Filling
from kosi_tui.faces.tui.app import KosiApp, Start
from kosi_tui.faces.tui.widgets.hanging import Hanging
from kosi_tui.faces.tui.widgets.marked_list import ChoiceList
from kosi_tui.faces.tui.widgets.question import QuestionWidget
from kosi_tui.faces.tui.widgets.yes_no_question import YesNoQuestion
from kosi_tui.storage.canvas_file import load_canvas
from kosi_tui.storage.draft_file import load_draft
from tests.app.driver import fill_screen
from tests.conftest import DATA


def shown(choices: ChoiceList) -> list[str]:
    """Each option as it is drawn: its mark and label."""
    prompts = [choices.get_option_at_index(i).prompt for i in range(choices.option_count)]
    return [f"{p.mark.plain} {p.text.plain}" for p in prompts if isinstance(p, Hanging)]


def new_draft(home: Path, folder: Path, lang: str) -> Path:
    """A new draft of the yes/no test canvas, its canvas installed where kosi finds it."""
    canvases = home / "canvases"
    canvases.mkdir(parents=True)
    shutil.copy(DATA / "good" / "ja_nein.yaml", canvases / "ja_nein.yaml")
    draft = folder / "entwurf.yaml"
    canvas = load_canvas(canvases / "ja_nein.yaml")
    Filling.start(canvas, "Stadt", "Erika", lang, path=draft).close()
    return draft


async def test_yes_no_by_keyboard(kosi_home: Path, tmp_path: Path) -> None:
    draft = new_draft(kosi_home, tmp_path, "de")
    app = KosiApp("de", Start("draft", draft))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = fill_screen(pilot)
        await screen.ready.wait()
        await screen.jump_to_question("mandat.beschluss")
        await pilot.pause()
        widget = screen.query_one(YesNoQuestion)
        choices = widget.query_one(ChoiceList)
        assert choices.has_focus
        assert shown(choices) == ["○ Ja", "○ Nein"]
        date = next(w for w in screen.query(QuestionWidget) if w.key == "mandat.datum")
        answers = screen.filling.session.answers

        await pilot.press("j")
        await pilot.pause()
        assert answers["mandat.beschluss"] is True and date.display
        assert shown(choices)[0] == "◉ Ja"

        await pilot.press("n")
        await pilot.pause()
        assert answers["mandat.beschluss"] is False and not date.display
        assert shown(choices) == ["○ Ja", "◉ Nein"]

        await pilot.press("up", "enter")
        await pilot.pause()
        assert answers["mandat.beschluss"] is True

        await pilot.press("delete")
        await pilot.pause()
        assert answers.get("mandat.beschluss") is None

        await pilot.press("y")
        await pilot.press("ctrl+q")
    assert load_draft(draft).answers["mandat.beschluss"] is True


async def test_capital_letters_answer_too(kosi_home: Path, tmp_path: Path) -> None:
    # Caps Lock or Shift must not make the keys do nothing: plain mode takes J, Y and N as well.
    draft = new_draft(kosi_home, tmp_path, "de")
    app = KosiApp("de", Start("draft", draft))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = fill_screen(pilot)
        await screen.ready.wait()
        await screen.jump_to_question("mandat.beschluss")
        await pilot.pause()
        answers = screen.filling.session.answers
        for key, expected in (("J", True), ("N", False), ("Y", True)):
            await pilot.press(key)
            await pilot.pause()
            assert answers["mandat.beschluss"] is expected, key


async def test_a_saved_no_is_shown_chosen(kosi_home: Path, tmp_path: Path) -> None:
    draft = new_draft(kosi_home, tmp_path, "en")
    app = KosiApp("en", Start("draft", draft))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = fill_screen(pilot)
        await screen.ready.wait()
        befristet = next(w for w in screen.query(YesNoQuestion) if w.key == "mandat.befristet")
        choices = befristet.query_one(ChoiceList)
        # The canvas's default, false, is the answer a new draft starts with.
        assert shown(choices) == ["○ Yes", "◉ No"]
        await pilot.press("ctrl+q")
