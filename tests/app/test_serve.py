"""`kosi serve`: pages over HTTP on loopback, a warning for other addresses, workshop isolation."""

from __future__ import annotations

import asyncio
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kosi_tui.cli import main
from kosi_tui.faces.tui.app import KosiApp
from kosi_tui.faces.tui.dialogs.message_dialog import MessageDialog
from kosi_tui.faces.tui.dialogs.new_draft_dialog import NewDraftDialog
from kosi_tui.faces.tui.screens.fill import FillScreen
from kosi_tui.faces.tui.screens.home import DraftOptions
from tests.app.driver import type_text
from tests.app.serve_client import wait_for_page
from tests.conftest import ROOT

pytest.importorskip("textual_serve", reason="kosi serve needs the optional textual-serve package")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_serve(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "kosi_tui", "serve", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=ROOT,
    )


@pytest.mark.process
def test_serve_answers_on_loopback(tmp_path: Path) -> None:
    port = free_port()
    server = start_serve("--port", str(port), "--workshop", str(tmp_path / "ws"))
    try:
        page = wait_for_page(f"http://127.0.0.1:{port}/", server)
        assert "<html" in page.lower()
        assert "kosi" in page
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert (tmp_path / "ws").is_dir()


def test_other_addresses_print_a_warning_and_a_code(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # No socket is opened: the server is replaced, only what kosi says before serving is checked.
    import kosi_tui.faces.serve.server as server_module

    served: list[tuple[str, int, str | None]] = []

    class FakeServer:
        def __init__(self, **kwargs: Any) -> None:
            self.kwargs = kwargs

        def serve(self) -> None:
            served.append((self.kwargs["host"], self.kwargs["port"], self.kwargs["door"].code))
            self.kwargs["on_ready"](self)

    monkeypatch.setattr(server_module, "KosiServer", FakeServer)
    assert main(["serve", "--host", "0.0.0.0", "--port", "8765"]) == 1  # no workshop folder
    assert "--workshop" in capsys.readouterr().out
    assert served == []
    assert main(["serve", "--host", "0.0.0.0", "--port", "8765", "--workshop", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "ACHTUNG" in out and "0.0.0.0" in out
    host, port, code = served[-1]
    assert (host, port) == ("0.0.0.0", 8765) and code and f"Workshop-Code: {code}" in out
    assert "http://0.0.0.0" not in out  # participants get the machine's own addresses
    assert main(["serve", "--port", "8766"]) == 0
    out = capsys.readouterr().out
    assert "ACHTUNG" not in out and "http://127.0.0.1:8766" in out
    assert served[-1][2] is None  # no code on loopback unless asked for


async def test_workshop_mode_hides_drafts_and_saves_under_the_name(
    kosi_home: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "workshop"
    folder.mkdir()
    (folder / "anna.yaml").write_text("format: kosi-answers/1\n")  # someone else's draft
    app = KosiApp("de", workshop=folder)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one(DraftOptions).display
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NewDraftDialog)
        await type_text(pilot, "Stadt Musterstadt")
        await pilot.press("enter", "enter")  # no name: refused in a workshop
        await pilot.pause()
        assert isinstance(app.screen, NewDraftDialog)
        await type_text(pilot, "Bernd Beispiel")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MessageDialog)  # the resume code
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FillScreen)
        await app.open_draft(folder / "anna.yaml")  # a participant cannot open another's draft
        await pilot.pause()
        assert isinstance(app.screen, FillScreen)
        await pilot.press("ctrl+s", "ctrl+q")
    saved = sorted(p.name for p in folder.glob("*.yaml"))
    assert saved[0] == "anna.yaml" and saved[1].startswith("innovationslabor-bernd-beispiel-")


def test_missing_extra_gives_a_clear_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)
    monkeypatch.setitem(sys.modules, "kosi_tui.faces.serve.server", None)
    assert main(["serve"]) == 1
    assert 'pip install "kosi-tui[serve]"' in capsys.readouterr().out


@pytest.mark.process
async def test_served_app_shows_its_first_screen(tmp_path: Path) -> None:
    """A browser's session over the same websocket the page uses: the home screen arrives."""
    import aiohttp

    port = free_port()
    server = start_serve("--port", str(port))
    try:
        wait_for_page(f"http://127.0.0.1:{port}/", server)
        received = b""
        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(f"http://127.0.0.1:{port}/ws?width=100&height=30") as ws,
        ):
            async with asyncio.timeout(60):
                async for message in ws:
                    if message.type == aiohttp.WSMsgType.BINARY:
                        received += message.data
                    if b"Innovationslabor aufbauen" in received:
                        break
        assert b"Innovationslabor aufbauen" in received
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.system
@pytest.mark.skipif(
    not any(shutil.which(b) for b in ("chromium", "chromium-browser")),
    reason="no headless Chromium installed (apt-get install chromium)",
)
def test_headless_chromium_opens_an_app_session(tmp_path: Path) -> None:
    port = free_port()
    server = start_serve("--port", str(port))
    browser = next(b for b in ("chromium", "chromium-browser") if shutil.which(b))
    try:
        wait_for_page(f"http://127.0.0.1:{port}/", server)
        subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=10000",
             "--dump-dom", f"http://127.0.0.1:{port}/terminal"],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
    finally:
        server.terminate()
        output = server.communicate(timeout=10)[0]
    # The page opened the websocket that starts one app per browser tab.
    assert "GET /ws?width=" in output and " 101 " in output
