"""The same draft open twice – the app and a changed file: answers changed only there are taken
in, conflicts are shown side by side, and the person chooses. What a save does with others' changes
(and plain mode's side): tests/unit/test_autosave.py."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Static

from kosi_tui.faces.tui.app import KosiApp, Start
from kosi_tui.faces.tui.dialogs.conflict_dialog import ConflictDialog
from kosi_tui.faces.tui.dialogs.message_dialog import MessageDialog
from kosi_tui.faces.tui.widgets.text_question import LongTextQuestion
from kosi_tui.storage.draft_file import DraftWriter, load_draft, read_draft
from kosi_tui.storage.draft_lock import lock_path
from tests.app.driver import fill_screen, tab_to, type_text
from tests.conftest import ROOT

FIELD = "schritte.offene_fragen"


def example(tmp_path: Path) -> Path:
    draft = tmp_path / "entwurf.yaml"
    shutil.copy(ROOT / "examples" / "innovationslabor.answers.yaml", draft)
    return draft


def edit_elsewhere(path: Path, **answers: Any) -> None:
    """What a second window does: open the file, change answers, save."""
    draft, raw = read_draft(path)
    writer = DraftWriter(path, draft.canvas.id, draft.id, raw, draft.answers)
    draft.answers.update(answers)
    writer.save(draft)


async def saved(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def at_field(pilot: Pilot[Any]) -> Any:
    screen = fill_screen(pilot)
    await screen.ready.wait()
    await screen.jump_to_question(FIELD)
    await pilot.pause()
    field = next(w for w in screen.query(LongTextQuestion) if w.key == FIELD)
    await tab_to(pilot, field)
    return screen


async def test_a_conflict_is_saved_both_ways_and_put_to_the_person(tmp_path: Path) -> None:
    draft = example(tmp_path)
    app = KosiApp("de", Start("draft", draft))
    told: list[str] = []
    real_notify = app.notify

    def notify(message: str, **kwargs: Any) -> None:
        told.append(str(kwargs.get("title", "")))
        real_notify(message, **kwargs)

    app.notify = notify  # type: ignore[method-assign]
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await at_field(pilot)
        await type_text(pilot, " hier")
        await pilot.press("ctrl+s")
        await saved(pilot)
        edit_elsewhere(draft, **{FIELD: "Aus dem anderen Fenster", "basis.einwohner": 99000})
        await type_text(pilot, " weiter")
        await pilot.press("ctrl+s")
        await saved(pilot)
        # Nothing is lost meanwhile: ours in the draft, the other one in a copy beside it.
        (copy,) = tmp_path.glob("entwurf.konflikt-*.yaml")
        assert load_draft(copy).answers[FIELD] == "Aus dem anderen Fenster"
        assert load_draft(draft).answers[FIELD].endswith(" hier weiter")
        # The answer changed only there is taken in, and the person is told.
        assert screen.filling.session.answers["basis.einwohner"] == 99000
        assert "Anderswo geändert und übernommen" in told
        notice = screen.query_one("#save-notice", Static)
        assert notice.display and "F3" in str(notice.render())
        # The focus stayed in the answer; F3 compares, and the person takes the other one.
        await pilot.press("f3")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConflictDialog)
        assert dialog.theirs == "Aus dem anderen Fenster" and dialog.ours.endswith(" hier weiter")
        await pilot.click("#theirs")
        await saved(pilot)
        assert not notice.display
        await pilot.press("ctrl+q")
    assert load_draft(draft).answers[FIELD] == "Aus dem anderen Fenster"


async def test_opening_a_draft_open_elsewhere_says_where(tmp_path: Path) -> None:
    draft = example(tmp_path)
    # A mark as a window on another computer leaves it.
    lock_path(draft).write_text(
        '{"host": "laptop-anna", "pid": 4242, "since": "2027-03-01T10:15:00+01:00"}'
    )
    app = KosiApp("de", Start("draft", draft))
    async with app.run_test(size=(100, 40)) as pilot:
        await fill_screen_ready(pilot)
        assert isinstance(app.screen, MessageDialog)
        text = " ".join(app.screen.lines)
        assert "laptop-anna" in text and "4242" in text and "01.03.2027 10:15" in text
        await pilot.press("enter")
        await pilot.press("ctrl+q")


async def fill_screen_ready(pilot: Pilot[Any]) -> None:
    from kosi_tui.faces.tui.screens.fill import FillScreen

    screen = next(s for s in pilot.app.screen_stack if isinstance(s, FillScreen))
    await screen.ready.wait()
    await pilot.pause()


async def test_closing_the_app_takes_the_open_here_mark_away(tmp_path: Path) -> None:
    draft = example(tmp_path)
    app = KosiApp("de", Start("draft", draft))
    async with app.run_test(size=(100, 40)) as pilot:
        await fill_screen_ready(pilot)
        assert lock_path(draft).exists()
        await pilot.press("ctrl+q")
    assert not lock_path(draft).exists()
