"""The trainer's live view: who started, sections complete, last save, address and code."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from kosi_tui.faces.serve.trainer_view import Roster, render
from tests.app.test_serve_workshop_app import start_in


async def test_the_view_lists_each_participant_with_progress(tmp_path: Path) -> None:
    folder = tmp_path / "workshop"
    folder.mkdir()
    roster = Roster(folder)
    console = Console(width=120, record=True)
    console.print(render(roster.read(), 0, ["http://10.0.0.5:8000"], "K7MPQX", "de"))
    assert "Noch niemand" in console.export_text()
    await start_in(folder, "Stadt Musterstadt", "Anna Muster")
    (folder / "kaputt.yaml").write_text("format: kosi-answers/1\n")  # not (yet) a readable draft
    rows = roster.read()
    assert [r.person for r in rows if r] == ["Anna Muster"] and None in rows
    console.print(render(rows, 3, ["http://10.0.0.5:8000"], "K7MPQX", "de"))
    text = console.export_text()
    for expected in ("Anna Muster", "Stadt Musterstadt", "/13", "K7MPQX", "http://10.0.0.5:8000"):
        assert expected in text
    assert "Browser verbunden: 3" in text


def test_wrong_codes_are_shown_with_their_address() -> None:
    from kosi_tui.faces.serve.attempts import SECONDS_PER_TRY, Attempts

    now = [0.0]
    attempts = Attempts(lambda: now[0])
    for _ in range(40):  # one every few seconds: compared each time, until locked out
        now[0] += SECONDS_PER_TRY
        attempts.check("10.0.0.66", lambda: False)
    attempts.check("10.0.0.7", lambda: False)
    console = Console(width=120, record=True)
    console.print(render([], 0, ["http://10.0.0.5:8000"], None, "de", attempts.failures()))
    text = console.export_text()
    assert "Falsche Codes: 10.0.0.66 ×40 (gesperrt), 10.0.0.7 ×1" in text


def test_e_ends_the_chosen_session_even_after_an_earlier_one_ended() -> None:
    from dataclasses import dataclass

    from kosi_tui.faces.serve.trainer_view import Controls, press

    @dataclass(eq=False)
    class Open:
        address: str

    anna, ben, cem = Open("10.0.0.1"), Open("10.0.0.2"), Open("10.0.0.3")
    controls = Controls()
    assert press("2", controls, [anna, ben, cem], None, "de") is None  # Ben chosen
    # Anna closes her tab before the trainer presses e: Ben is number 1 now, Cem number 2.
    assert press("e", controls, [ben, cem], None, "de") is ben
    assert controls.note == "Sitzung 1 (10.0.0.2) beendet und gespeichert."
    assert press("1", controls, [ben, cem], None, "de") is None
    assert press("e", controls, [cem], None, "de") is None  # Ben left meanwhile: nobody else
    assert press("e", controls, [cem], None, "de") is None  # nothing chosen any more
