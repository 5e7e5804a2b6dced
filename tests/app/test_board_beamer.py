"""The terminal board made for the beamer (issue 24, item 7): the gaps as bars across the rounds
(side by side where they fit, else one under another), big digits for the round's followed
figures (`g`), a phase timer the trainer starts and stops (`t`), every key in the footer."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

from rich.console import Console
from textual.widgets import Static

from kosi_tui.core.phase_timer import PhaseTimer
from kosi_tui.faces.board.app import BoardApp
from kosi_tui.storage.round_state import RoundState, read_state, write_state
from tests import group_play
from tests.app.driver import footer_keys
from tests.app.test_board import next_reading, text, until


def game_in_round_3(folder: Path) -> None:
    group_play.play_all(folder)
    write_state(folder, RoundState("planspiel_fahrradgarage", 2, [], [0]))


async def test_the_gaps_as_bars_across_the_rounds_at_80_and_120_columns(tmp_path: Path) -> None:
    game_in_round_3(tmp_path)
    app = BoardApp(tmp_path, group_play.CANVAS, "planspiel_fahrradgarage", "de")
    async with app.run_test(size=(120, 40)) as pilot:
        await next_reading(app)
        bars = text(app, "#board-bars").splitlines()
        # Hand-computed: investment gap 14,000 − 6,500 / 12,200 / 14,000; the largest (7,500)
        # fills the bar, 1,800 a quarter of it, 0 nothing.
        line = next(b for b in bars if b.startswith("Investitionslücke"))
        parts = line.split(" R")
        assert parts[1].endswith("7.500 €") and parts[2].endswith("1.800 €")
        assert parts[3].endswith(" 0 €") and "█" not in parts[3]
        full, quarter = parts[1].count("█"), parts[2].count("█")
        assert full >= 8 and round(full * 1800 / 7500) == quarter
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        bars = text(app, "#board-bars").splitlines()
        # Too narrow for three rounds side by side: one under another, every amount whole.
        start = next(i for i, b in enumerate(bars) if b.startswith("Investitionslücke"))
        assert [b.split()[-2:] for b in bars[start : start + 3]] == [
            ["7.500", "€"], ["1.800", "€"], ["0", "€"]
        ]  # fmt: skip
        assert all(len(b) <= 78 for b in bars)


async def test_beamer_mode_timer_and_keys(tmp_path: Path) -> None:
    game_in_round_3(tmp_path)
    app = BoardApp(tmp_path, group_play.CANVAS, "planspiel_fahrradgarage", "de")
    now = [1000.0]
    app.clock = lambda: now[0]
    async with app.run_test(size=(80, 24)) as pilot:
        await next_reading(app)
        await pilot.pause()
        keys = " ".join(footer_keys(app.screen))
        for key in (
            "n Nächste Runde",
            "a Aufdecken",
            "e Ereignis",
            "t Zeit",
            "g Groß",
            "b zurück",
            "q Beenden",
        ):
            assert key in keys, keys
        # Every key on screen at 80 columns, the last one too.
        assert max(key.region.right for key in app.screen.query("FooterKey")) <= 80
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert "⏱" not in text(app, "#board-title")
        assert not app.query_one("#board-big").display
        await pilot.press("g")
        console = Console(width=120, record=True, file=io.StringIO())
        console.print(app.query_one("#board-big", Static).content)
        big = console.export_text()
        assert app.query_one("#board-big").display
        assert "Jährliche Lücke (€/Jahr)" in big
        assert "┏━┛┃ ┃┃ ┃" in big  # 200 €/Jahr in big digits (the middle of three lines)
        assert not app.query_one("#board-figures").display  # the big figures take its place
        await pilot.press("t")
        await pilot.pause()  # the binding has run (under load it had not, at times)
        assert text(app, "#board-title").startswith("⏱ 00:00")
        now[0] += 125.4
        app._tick()
        assert text(app, "#board-title").startswith("⏱ 02:05")
        await pilot.press("t")
        await pilot.pause()  # the binding has run (under load it had not, at times)
        now[0] += 60
        app._tick()
        assert text(app, "#board-title").startswith("⏱ 02:05 (angehalten)")
        stood = read_state(tmp_path).timer  # type: ignore[union-attr]
        assert not stood.running and round(stood.stood, 1) == 125.4
        await pilot.press("t")  # a new phase starts from zero
        await pilot.pause()
        assert text(app, "#board-title").startswith("⏱ 00:00")
        # One timer with the served board: kept in the round's file, started there as here.
        state = read_state(tmp_path)
        assert state is not None and state.timer == PhaseTimer(now[0], 0.0) and state.round == 2
        write_state(tmp_path, replace(state, timer=PhaseTimer(now[0] - 30, 60.0)))
        await until(app, lambda: text(app, "#board-title").startswith("⏱ 01:30"))
        await pilot.press("g")
        assert not app.query_one("#board-big").display
        assert app.query_one("#board-figures").display
