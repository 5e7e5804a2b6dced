"""Nothing covers the answer being typed: at 80x24 the save-failure bar takes its own lines, says
all it has to say, and the focused answer stays above it; the conflict dialog shows the other
version by the arrow keys, the focus staying on its buttons."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import Button, Static

from kosi_tui.faces.tui.app import KosiApp, Start
from kosi_tui.faces.tui.dialogs.conflict_dialog import ConflictDialog
from kosi_tui.storage.draft_file import DraftWriter, read_draft
from tests.app.driver import fully_visible, type_text
from tests.app.test_save_failure import ReadOnly, open_at_field, saved
from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "innovationslabor.answers.yaml"
KEY = "schritte.offene_fragen"


def lines_needed(widget: Static) -> int:
    region = widget.content_region
    return widget.get_content_height(region.size, widget.app.size, region.width)


async def test_the_save_failure_bar_is_whole_and_the_answer_above_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A long file name, as drafts are named: the bar's message wraps over several lines.
    draft = tmp_path / "innovationslabor-stadt-lindenau-dezernat-stadtentwicklung-umwelt.yaml"
    shutil.copy(EXAMPLE, draft)
    ReadOnly(tmp_path, monkeypatch)
    app = KosiApp("de", Start("draft", draft))
    async with app.run_test(size=(80, 24)) as pilot:
        screen, _ = await open_at_field(pilot)
        await type_text(pilot, " Neu")
        await pilot.press("ctrl+s")
        await saved(pilot)
        bar = screen.query_one("#save-notice", Static)
        assert bar.display
        # Every line of it on screen: it ended '… Ihre Antworten bleiben im' before.
        assert bar.content_region.height >= lines_needed(bar) >= 5
        assert fully_visible(bar)
        assert fully_visible(app.focused)  # type: ignore[arg-type]
        await pilot.press("ctrl+q")


async def at_conflict(pilot: Pilot[Any]) -> ConflictDialog:
    screen, _ = await open_at_field(pilot)
    await type_text(pilot, " hier")
    await pilot.press("ctrl+s")
    await saved(pilot)
    path = screen.filling.path
    draft, raw = read_draft(path)
    writer = DraftWriter(path, draft.canvas.id, draft.id, raw, draft.answers)
    draft.answers[KEY] = "Aus dem anderen Fenster: " + "Wer entscheidet über die Fläche? " * 12
    writer.save(draft)
    await type_text(pilot, " weiter")
    await pilot.press("ctrl+s")
    await saved(pilot)
    # The conflict bar takes its lines too: the answer stays in view.
    assert screen.query_one("#save-notice").display
    assert fully_visible(pilot.app.focused)  # type: ignore[arg-type]
    await pilot.press("f3")
    await saved(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, ConflictDialog)
    return dialog


async def test_the_other_version_is_read_by_the_arrow_keys(tmp_path: Path) -> None:
    draft = tmp_path / "entwurf.yaml"
    shutil.copy(EXAMPLE, draft)
    app = KosiApp("de", Start("draft", draft))
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await at_conflict(pilot)
        body = dialog.query_one(".dialog-body", VerticalScroll)
        theirs = dialog.query(".dialog-text").last()
        assert body.max_scroll_y > 0 and not fully_visible(theirs)  # too long for 80x24
        for _ in range(body.max_scroll_y):
            await pilot.press("down")
        assert fully_visible(theirs)
        await pilot.press("home")
        assert body.scroll_y == 0
        await pilot.press("end")
        assert body.scroll_y == body.max_scroll_y
        # The keys scrolled; the focus stayed on the button, so Enter keeps this window's.
        assert isinstance(app.focused, Button) and app.focused.id == "ours"
        await pilot.press("enter")
        await saved(pilot)
        assert not isinstance(app.screen, ConflictDialog)
        await pilot.press("ctrl+q")
