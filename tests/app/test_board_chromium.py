"""The served board in headless Chromium (the system's, over the DevTools protocol), as a beamer
shows it: round 1 sealed (who has submitted, no amount), then revealed with the trainer's button
(the table with the tasks column and the role nobody plays, the gaps as bars, the flags) with the
phase timer started and stopped, at
1280x720 and 1920x1080; styled by its own CSS, no outside resources, large type. The screenshots
are kept for people to look at (KOSI_WEB_SHOTS=folder)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from tests import group_play
from tests.app.test_web_chromium import CHROMIUM, chromium

pytestmark = [
    pytest.mark.system,
    pytest.mark.skipif(CHROMIUM is None, reason="no headless Chromium (apt-get install chromium)"),
]
pytest.importorskip("aiohttp")


@asynccontextmanager
async def served_board(folder: Path) -> AsyncIterator[str]:
    """The board's pages of `kosi serve` on `folder`, on loopback without a trainer's code."""
    from aiohttp import web
    from aiohttp.test_utils import TestServer

    from kosi_tui.faces.serve.attempts import Attempts
    from kosi_tui.faces.serve.board_page import BoardPages
    from kosi_tui.faces.serve.door import Door

    app = web.Application()
    BoardPages(folder, "de", Door(None, loopback=True), Attempts()).add_routes(app)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    try:
        yield str(server.make_url("/board"))
    finally:
        await server.close()


async def test_the_served_board_on_a_beamer_sealed_then_revealed(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    folder.mkdir()
    fillings = {role: group_play.join(folder, role) for role in group_play.PLAYERS}
    for role, answers in group_play.OFFERS[0].items():
        group_play.offer(fillings[role], 0, answers)
    async with (
        served_board(folder) as url,
        chromium(tmp_path / "profile", tmp_path, 1280, 720, False) as tab,
    ):
        await tab.go(url)
        await tab.until("document.querySelector('.badge.sealed')")
        text = await tab.js("document.body.innerText")
        assert "Runde 1 von 3: Erste Angebote" in text
        assert "5 von 5 haben abgegeben" in text
        assert "4.000" not in text and "6.500" not in text  # no amount while sealed
        assert "Radladen\tunbesetzt" in text  # the role nobody plays has its row
        page = await tab.js("document.documentElement.outerHTML")
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # nothing from outside
        assert await tab.js("document.styleSheets.length") == 1
        await tab.shot(tmp_path / "board-sealed-1280x720.png")
        await tab.call(
            "Emulation.setDeviceMetricsOverride", width=1920, height=1080, deviceScaleFactor=1,
            mobile=False,
        )  # fmt: skip
        await tab.until("window.innerWidth == 1920")
        await tab.shot(tmp_path / "board-sealed-1920x1080.png")
        await tab.call(
            "Emulation.setDeviceMetricsOverride", width=1280, height=720, deviceScaleFactor=1,
            mobile=False,
        )  # fmt: skip
        await tab.until("window.innerWidth == 1280")
        await tab.press_button("form[action='/board/reveal'] button")
        await tab.until("document.querySelector('.badge.revealed')")
        # The phase timer: started by the trainer, counting in large type beside the round.
        await tab.press_button("form[action='/board/timer/start'] button")
        await tab.until("document.querySelector('#timer .clock')")
        await tab.until("document.querySelector('#timer .clock').textContent >= '00:01'")
        clock = await tab.js("document.querySelector('#timer').getBoundingClientRect().toJSON()")
        assert clock["bottom"] < 200 and clock["right"] <= 1280, clock
        size = await tab.js(
            "parseFloat(getComputedStyle(document.querySelector('#timer')).fontSize)"
        )
        assert size >= 50
        text = await tab.js("document.body.innerText")
        assert "Aufgaben" in text and "Betrieb: Schlüssel, Warteliste, Reinigung" in text
        assert "Radladen – unbesetzt" in text
        assert "Investitionslücke" in text and "7.500 €" in text  # 14,000 − 6,500
        # The first gap's bar and the first flag are above the fold at 1280x720.
        bar = await tab.js("document.querySelector('.bar-row').getBoundingClientRect().bottom")
        flag = await tab.js("document.querySelector('.flags li').getBoundingClientRect().bottom")
        assert bar < 720 and flag < 720, (bar, flag)
        # Nothing lies on top of anything: the table ends left of the page's edge.
        right = await tab.js("document.querySelector('table').getBoundingClientRect().right")
        assert right <= 1280
        size = await tab.js("parseFloat(getComputedStyle(document.querySelector('td')).fontSize)")
        assert size >= 19
        await tab.shot(tmp_path / "board-revealed-1280x720.png")
        await tab.call(
            "Emulation.setDeviceMetricsOverride", width=1920, height=1080, deviceScaleFactor=1,
            mobile=False,
        )  # fmt: skip
        await tab.until("window.innerWidth == 1920")
        size = await tab.js("parseFloat(getComputedStyle(document.querySelector('td')).fontSize)")
        assert size >= 28  # type that grows with the screen
        assert await tab.js("document.documentElement.scrollWidth") <= 1920
        await tab.shot(tmp_path / "board-revealed-1920x1080.png")
        await tab.press_button("form[action='/board/timer/stop'] button")
        await tab.until("document.querySelector('#timer.stopped')")
        assert "angehalten" in await tab.js("document.querySelector('#timer').innerText")
