"""Keys that arrive together, as a terminal or a browser hands over fast typing, each land where
the focus was when they were typed: in the list entry after Enter, in the row dialog after Enter
opened it and after each Tab. (The real terminal at 20 ms per key: test_type_ahead.py.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import events
from textual.pilot import Pilot

from kosi_tui.faces.tui.app import KosiApp, Start
from kosi_tui.faces.tui.screens.fill import FillScreen
from tests.app.test_type_ahead import draft_at


def posted(app: KosiApp, text: str) -> None:
    """All keys of `text` at once; Tab and Enter as \\t and \\r."""
    names = {" ": "space", "\t": "tab", "\r": "enter"}
    for c in text:
        app.post_message(events.Key(names.get(c, c), None if c in "\t\r" else c))


async def settled(pilot: Pilot[Any]) -> FillScreen:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, FillScreen)
    return screen


async def test_items_typed_at_once_into_a_list(tmp_path: Path) -> None:
    draft = draft_at(tmp_path, "zweck", "nutzniessende", ["zweck.nutzniessende"])
    app = KosiApp("de", Start("draft", draft))
    async with app.run_test(size=(80, 24)) as pilot:
        await (await settled(pilot)).ready.wait()
        posted(app, "Kinder\rSenioren\rFamilien im Quartier\r")
        screen = await settled(pilot)
        # Each Enter took its line: before, all three were typed into the first and kept thrice.
        answer = screen.filling.session.answers["zweck.nutzniessende"]
        assert answer == ["Kinder", "Senioren", "Familien im Quartier"]


async def test_a_row_typed_at_once(tmp_path: Path) -> None:
    draft = draft_at(tmp_path, "schritte", "liste", ["schritte.liste"])
    app = KosiApp("de", Start("draft", draft))
    async with app.run_test(size=(80, 24)) as pilot:
        await (await settled(pilot)).ready.wait()
        posted(app, "\rRatsvorlage\tAmt 61\tMärz")
        app.post_message(events.Key("ctrl+s", None))
        screen = await settled(pilot)
        rows = screen.filling.session.answers["schritte.liste"]
        assert rows == [{"schritt": "Ratsvorlage", "wer": "Amt 61", "wann": "März"}]
