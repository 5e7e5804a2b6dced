"""The served board says what the terminal board says: who walked away, roles nobody plays, and
the values and files the figures leave out (it named none of them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kosi_tui.report.game import load_game
from kosi_tui.storage.round_state import read_state
from tests import group_play

pytest.importorskip("aiohttp", reason="the served board needs the serve extra")


def test_the_served_board_names_what_the_figures_leave_out(tmp_path: Path) -> None:
    from kosi_tui.faces.serve.board_page import board_fragment

    fillings = {role: group_play.join(tmp_path, role) for role in ("bezirk", "verein", "wohnen")}
    group_play.offer(fillings["bezirk"], 0, {"stand": "angebot", "geld_einmalig": 4000})
    group_play.offer(fillings["wohnen"], 0, {"stand": "angebot", "geld_einmalig": 2000})
    group_play.offer(fillings["verein"], 0, {"stand": "ausstieg", "geld_einmalig": 500})
    path = fillings["bezirk"].path
    assert path is not None
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("geld_einmalig: 4000", "geld_einmalig: 1000000000"), "utf-8")
    (tmp_path / "kaputt.yaml").write_text("answers: [\n", encoding="utf-8")
    group_play.revealed_first_round(tmp_path)
    state = read_state(tmp_path)
    page = board_fragment(load_game(tmp_path, "de", group_play.CANVAS), state, "de")
    assert "ausgestiegen: Verein" in page
    assert "unbesetzt: Stadt, Nutzende, Radladen" in page
    assert "Nicht mitgezählt: Bernd Bezirk – „Wie viel Geld" in page and "1.000.000.000" in page
    assert "Nicht im Spiel: kaputt.yaml" in page
    # Only the housing cooperative's 2,000 € count: the district's value and the association.
    assert "<td class=n>2.000</td>" in page.split('class="total"')[1].split("</tr>")[0]


def test_the_served_board_keeps_the_record_too(tmp_path: Path) -> None:
    from kosi_tui.faces.board.record import RECORD_FILE, keep_record
    from kosi_tui.faces.serve.board_page import board_fragment
    from kosi_tui.storage.round_state import RoundState

    fillings = {role: group_play.join(tmp_path, role) for role in ("stadt", "verein")}
    state = RoundState("planspiel_fahrradgarage", 1)  # round 2: the city commits first
    group_play.offer(fillings["verein"], 1, {"stand": "angebot", "geld_einmalig": 500})
    game = load_game(tmp_path, "de", group_play.CANVAS)
    record = keep_record(tmp_path, game, state)
    assert [(e.event, e.early) for e in record] == [("submitted", True)]
    assert "vor Stadt abgegeben: Verein" in board_fragment(game, state, "de", record)
    # Read again with nothing new: nothing is added.
    assert keep_record(tmp_path, game, state) == record
    assert len((tmp_path / RECORD_FILE).read_text(encoding="utf-8").splitlines()) == 1


def test_the_served_board_keeps_a_sealed_round_sealed(tmp_path: Path) -> None:
    from kosi_tui.faces.serve.board_page import board_fragment

    fillings = {role: group_play.join(tmp_path, role) for role in ("bezirk", "wohnen")}
    group_play.offer(fillings["bezirk"], 0, {"stand": "angebot", "geld_einmalig": 4000})
    group_play.offer(fillings["wohnen"], 0, {"stand": "angebot", "geld_einmalig": 3500})
    game = load_game(tmp_path, "de", group_play.CANVAS)
    page = board_fragment(game, None, "de")
    assert "2 von 2 haben abgegeben" in page and "verdeckt" in page
    assert "<td>Bezirk (Bernd Bezirk)</td><td>✓</td>" in page
    # No amount, sum, flag, figure or card limit (the cooperative's 3,500 € is beyond its card).
    for secret in ("4.000", "7.500", "Rollenkarte", "Einmalige Zusagen", "Trägerschaft"):
        assert secret not in page, secret
    group_play.revealed_first_round(tmp_path)
    page = board_fragment(game, read_state(tmp_path), "de")
    assert "7.500" in page and "Rollenkarte" in page and "Einmalige Zusagen" in page


async def test_the_served_board_keeps_one_phase_timer_for_every_beamer(tmp_path: Path) -> None:
    from aiohttp import web
    from aiohttp.test_utils import TestClient, TestServer

    from kosi_tui.faces.serve.attempts import Attempts
    from kosi_tui.faces.serve.board_page import BoardPages
    from kosi_tui.faces.serve.door import Door

    group_play.offer(group_play.join(tmp_path, "stadt"), 0, {"stand": "angebot"})
    now = [1000.0]

    def pages() -> BoardPages:
        board = BoardPages(tmp_path, "de", Door(None, loopback=True), Attempts())
        board.clock = lambda: now[0]
        return board

    app = web.Application()
    pages().add_routes(app)
    async with TestClient(TestServer(app, host="127.0.0.1")) as client:
        origin = {"Origin": f"http://{client.host}:{client.port}"}

        async def post(path: str, headers: dict[str, str] = origin) -> int:
            response = await client.post(path, headers=headers, allow_redirects=False)
            return response.status

        async def shown() -> str:
            return await (await client.get("/board?part=1")).text()

        assert 'id="timer"' not in await shown()  # nothing before it was first started
        page = await (await client.get("/board")).text()
        for label in ("Zeit starten", "Zeit anhalten", "Zeit auf 0"):
            assert f"<button>{label}</button>" in page
        assert await post("/board/timer/start") == 303
        now[0] = 1125.0
        fragment = await shown()
        assert (
            'data-seconds="125.0"' in fragment
            and 'Zeit</small> <span class="clock">02:05</span>' in fragment
        )
        # A second beamer (or the server started again) reads the same time from the folder.
        second = web.Application()
        pages().add_routes(second)
        async with TestClient(TestServer(second, host="127.0.0.1")) as other:
            assert "02:05" in await (await other.get("/board?part=1")).text()
        now[0] = 1130.0
        assert await post("/board/timer/start") == 303  # a second click does not restart it
        assert await post("/board/timer/stop") == 303
        now[0] = 2000.0
        fragment = await shown()
        assert (
            "02:10</span> <small>angehalten</small>" in fragment and "data-seconds" not in fragment
        )
        assert await post("/board/next") == 303  # moving the round keeps the timer
        assert read_state(tmp_path) is not None and read_state(tmp_path).round == 1  # type: ignore[union-attr]
        assert await post("/board/timer/start") == 303  # counts on from where it stood
        now[0] = 2010.0
        assert "02:20" in await shown()
        assert await post("/board/timer/reset") == 303  # back to zero, running on
        now[0] = 2015.0
        assert "00:05" in await shown()
        # Another site's page cannot stop it, nor can a foreign name for this computer.
        assert await post("/board/timer/stop", {"Origin": "http://evil.example"}) == 403
        foreign = {**origin, "Host": f"evil.example:{client.port}"}
        assert await post("/board/timer/reset", foreign) == 403
        assert 'data-seconds="5.0"' in await shown()


def test_a_timer_in_the_round_file_that_makes_no_sense_stands_at_zero(tmp_path: Path) -> None:
    from kosi_tui.core.phase_timer import PhaseTimer
    from kosi_tui.storage.round_state import STATE_FILE

    for timer in ('{"started": NaN}', '{"stood": -5}', '{"started": "gestern"}', "[1]"):
        (tmp_path / STATE_FILE).write_text(
            f'{{"format": "kosi-round/1", "canvas": "x", "round": 1, "timer": {timer}}}', "utf-8"
        )
        state = read_state(tmp_path)
        assert state is not None and state.round == 1 and state.timer == PhaseTimer(), timer
