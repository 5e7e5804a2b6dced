"""`kosi serve` sessions end, are saved, and leave nothing behind; exports reach the browser."""

from __future__ import annotations

import json
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from tests.app.serve_client import (
    Browser,
    descendants,
    free_port,
    start_serve,
    stop,
    wait_for_page,
    wait_until_gone,
)

pytest.importorskip("textual_serve", reason="kosi serve needs the optional textual-serve package")
pytestmark = [
    pytest.mark.process,
    pytest.mark.skipif(sys.platform != "linux", reason="reads processes from /proc"),
]


class Served:
    """A running `kosi serve --workshop` and its folders."""

    def __init__(self, tmp_path: Path) -> None:
        self.folder = tmp_path / "workshop"
        self.home = tmp_path / "home"
        port = free_port()
        self.base = f"http://127.0.0.1:{port}"
        self.process = start_serve(
            "--port", str(port), "--workshop", str(self.folder),
            env={"KOSI_HOME": str(self.home), "HOME": str(tmp_path / "user")},
        )  # fmt: skip
        wait_for_page(self.base + "/", self.process)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    server = Served(tmp_path)
    yield server
    stop(server.process)


def drafts(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.yaml"))


async def test_empty_stdin_then_leaving_ends_and_saves_the_session(served: Served) -> None:
    before = descendants(served.process.pid)
    browser = await Browser.open(served.base)
    await browser.start_draft("Stadt Test", "Anna Test")
    sessions = descendants(served.process.pid) - before
    assert sessions, "no app process for the session"
    await browser.type("Nord")
    await browser.wait_for("Stadt TestNord")
    # An empty stdin packet used to end the app's input for good: it then never heard 'quit'.
    await browser.ws.send_str(json.dumps(["stdin", ""]))
    await browser.type("ost")
    await browser.wait_for("Stadt TestNordost")
    await browser.close()
    assert wait_until_gone(sessions) == set()
    (draft,) = drafts(served.folder)
    assert "Stadt TestNordost" in draft.read_text()


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
async def test_stopping_the_server_leaves_no_process(tmp_path: Path, how: signal.Signals) -> None:
    served = Served(tmp_path)
    browsers = [await Browser.open(served.base) for _ in range(2)]
    try:
        await browsers[0].start_draft("Stadt Test", "Anna Test")
        await browsers[0].type("Nord")
        await browsers[0].wait_for("Stadt TestNord")
        await browsers[1].wait_for("Innovationslabor aufbauen")
        below = descendants(served.process.pid)
        assert len(below) >= 3  # the forkserver and two apps
        stop(served.process, how)
        assert wait_until_gone(below) == set()
    finally:
        for browser in browsers:
            await browser.session.close()
    if how != signal.SIGKILL:
        assert "Stadt TestNord" in drafts(served.folder)[0].read_text()


async def test_an_export_reaches_the_browser_and_writes_nothing_here(
    served: Served, tmp_path: Path
) -> None:
    browser = await Browser.open(served.base)
    try:
        await browser.start_draft("Stadt Test", "Anna Test")
        before = {p for p in tmp_path.rglob("*") if p.is_file()}
        await browser.press_until("f5", "Überblick:")
        await browser.type("m")
        _, key = await browser.wait_for_text_message("deliver_file_start")
        # Only the tab that made it gets it: not without its cookie, nor with another tab's.
        other = await Browser.open(served.base)
        try:
            await other.wait_for("Innovationslabor aufbauen")
            async with aiohttp.ClientSession() as stranger:
                for session in (stranger, other.session):
                    async with session.get(f"{served.base}/download/{key}") as refused:
                        assert refused.status == 403
                        assert "gehört zu einer anderen Sitzung" in await refused.text()
        finally:
            await other.close()
        async with browser.session.get(f"{served.base}/download/{key}") as response:
            assert response.status == 200
            assert "attachment" in response.headers["Content-Disposition"]
            report = await response.text()
        assert "Stadt Test" in report and "Anna Test" in report
        after = {p for p in tmp_path.rglob("*") if p.is_file()}
        new = {p.name for p in after - before}
        assert not [n for n in new if n.endswith((".md", ".html"))], new
        assert all(p.parent == served.folder for p in after - before), new
    finally:
        await browser.close()
