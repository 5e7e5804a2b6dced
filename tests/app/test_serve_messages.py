"""What a browser sends cannot hurt the server: huge messages, huge sizes, malformed messages.

A 4 MiB message used to keep its session alive (and growing to gigabytes) after the tab was
closed; a 10000 x 5000 resize cost seconds of CPU and 200 MB sent back; malformed messages put
tracebacks with locals into the trainer's live view.
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from tests.app.serve_client import (
    Browser,
    alive,
    descendants,
    free_port,
    start_serve,
    stop,
    wait_for_page,
    wait_until_gone,
)
from tests.app.test_serve_netns import read_until

pytest.importorskip("textual_serve", reason="kosi serve needs the optional textual-serve package")
pytestmark = [
    pytest.mark.process,
    pytest.mark.skipif(sys.platform != "linux", reason="reads processes from /proc"),
]

APP_MEMORY_BOUND = 300 * 2**20
"""Bytes an app process may hold: a drawn session with a draft open needs about 40 MiB."""


class Served:
    def __init__(self, tmp_path: Path) -> None:
        self.folder = tmp_path / "workshop"
        port = free_port()
        self.base = f"http://127.0.0.1:{port}"
        self.process = start_serve(
            "--port", str(port), "--workshop", str(self.folder),
            env={"KOSI_HOME": str(tmp_path / "home"), "HOME": str(tmp_path / "user")},
        )  # fmt: skip
        wait_for_page(self.base + "/", self.process)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    server = Served(tmp_path)
    yield server
    stop(server.process)


def rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


async def test_a_huge_message_then_leaving_ends_and_saves_the_session(served: Served) -> None:
    before = descendants(served.process.pid)
    browser = await Browser.open(served.base)
    await browser.start_draft("Stadt Test", "Anna Test")
    await browser.type("Nord")
    await browser.wait_for("Stadt TestNord")
    (app,) = descendants(served.process.pid) - before
    with contextlib.suppress(ConnectionError):  # the server may close while it is still sent
        # Just below aiohttp's own limit, which textual-serve kept.
        await browser.ws.send_str(json.dumps(["stdin", "x" * (4 * 2**20 - 64)]))
    await browser.close()
    closed = time.monotonic()
    highest = 0
    while alive(app) and time.monotonic() - closed < 10:
        highest = max(highest, rss(app))
        time.sleep(0.02)  # sampling the app's memory while it ends
    assert not alive(app), "the session outlived its tab"
    assert time.monotonic() - closed < 5.0
    assert highest < APP_MEMORY_BOUND
    (draft,) = sorted(served.folder.glob("*.yaml"))
    assert "Stadt TestNord" in draft.read_text()


async def test_a_huge_terminal_is_capped(served: Served) -> None:
    browser = await Browser.open(served.base)
    try:
        await browser.wait_for("Innovationslabor aufbauen")
        browser.clear()
        await browser.ws.send_str(json.dumps(["resize", {"width": 10000, "height": 5000}]))
        # The app's output comes in order: the next screen arrives after the resized one.
        await browser.type("enter")
        await browser.wait_for("Organisation")
        # The redraws of a 400 x 200 screen, not of 50 million cells (200 MB before).
        assert len(browser.raw) < 8 * 2**20
    finally:
        await browser.close()


MALFORMED = [
    "not json",
    json.dumps({"stdin": "x"}),
    json.dumps([]),
    json.dumps(["resize", {"width": "wide", "height": 30}]),
    json.dumps(["resize", {"width": -5, "height": -1}]),
    json.dumps(["resize", 12]),
    json.dumps(["stdin", 42]),
    json.dumps(["explode"]),
]


async def test_each_malformed_message_is_one_log_line(served: Served) -> None:
    sessions = descendants(served.process.pid)
    output = ""
    for message in MALFORMED:
        browser = await Browser.open(served.base)
        try:
            await browser.wait_for("Innovationslabor aufbauen")
            await browser.ws.send_str(message)
            ends = (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
            for _ in range(1000):  # screen updates may still come before the close
                received = await browser.ws.receive(timeout=10)
                if received.type in ends:
                    break
            assert received.type in ends, message
        finally:
            await browser.close()
        output += read_until(served.process, r"bad message from", limit=30)
    # The server still serves, and every session it ended has ended.
    browser = await Browser.open(served.base)
    await browser.wait_for("Innovationslabor aufbauen")
    await browser.close()
    assert wait_until_gone(descendants(served.process.pid) - sessions) == set()
    output += stop(served.process)
    assert "Traceback" not in output and "locals" not in output.lower()
    warned = [line for line in output.splitlines() if "bad message from" in line]
    assert len(warned) == len(MALFORMED), warned
