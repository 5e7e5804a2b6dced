"""The start page: deleting a draft says which one, when two look alike."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from kosi_tui.faces.tui.app import KosiApp
from kosi_tui.faces.tui.dialogs.confirm_dialog import ConfirmDialog
from tests.app.driver import EXAMPLE


async def test_deleting_one_of_two_alike_drafts_names_file_and_date(kosi_home: Path) -> None:
    drafts = kosi_home / "drafts"
    drafts.mkdir(parents=True)
    text = EXAMPLE.read_text()
    (drafts / "lindenau.yaml").write_text(text)
    (drafts / "lindenau-2.yaml").write_text(text.replace("2027-03-15", "2027-03-16"))
    app = KosiApp("de")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("tab")  # from the canvases to the drafts
        await pilot.press("delete")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        question = str(dialog.query_one(".dialog-text", Static).render())
        first = app.screen_stack[-2].drafts[0]  # type: ignore[attr-defined]
        assert first.path.name in question
        assert "Zuletzt geändert:" in question and first.updated.strftime("%H:%M") in question
