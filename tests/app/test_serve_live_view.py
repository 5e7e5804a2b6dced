"""The trainer's terminal as the room sees it on the beamer: `kosi serve` in a real terminal (pty).

The trainer's code is printed once, before the live view, and gone from the screen and its
scrollback once the trainer presses Enter; it comes back only on the key t. The trainer ends
one participant's session with its number and e, and that draft is saved.
"""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kosi_tui.faces.serve.trainer_code import CLEAR, FILE_NAME
from tests.app.serve_client import Browser, free_port, wait_for_page
from tests.conftest import ROOT

pytest.importorskip("textual_serve", reason="kosi serve needs the optional textual-serve package")
pytestmark = [
    pytest.mark.process,
    pytest.mark.skipif(sys.platform != "linux", reason="a pseudo-terminal and /proc"),
]

TRAINER = "TAFEL-9KQ4-MXR7-2PWN"
ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


class Terminal:
    """`kosi serve --workshop` in a pseudo-terminal of 120 x 40, and all it has shown."""

    def __init__(self, tmp_path: Path) -> None:
        self.folder = tmp_path / "workshop"
        port = free_port()
        self.base = f"http://127.0.0.1:{port}"
        main, side = pty.openpty()
        os.set_blocking(main, False)
        import fcntl
        import struct
        import termios

        fcntl.ioctl(side, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        env = {**os.environ, "KOSI_HOME": str(tmp_path / "home"), "TERM": "xterm-256color"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kosi_tui", "serve", "--port", str(port),
             "--workshop", str(self.folder), "--trainer-code", TRAINER],
            stdin=side, stdout=side, stderr=side, cwd=ROOT, env=env, start_new_session=True, text=True,
        )  # fmt: skip
        os.close(side)
        self.main = main
        self.shown = ""

    def read_until(self, pattern: str, limit: float = 60.0) -> None:
        """Reads what was drawn until `pattern` (a regex, on the text without escapes) shows."""
        start = len(self.shown)
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if re.search(pattern, ESCAPES.sub("", self.shown[start:])):
                return
            ready, _, _ = select.select([self.main], [], [], 0.5)
            if ready:
                try:
                    self.shown += os.read(self.main, 65536).decode("utf-8", "replace")
                except OSError:
                    break
        raise AssertionError(f"{pattern!r} never shown: {ESCAPES.sub('', self.shown)[-2000:]}")

    def last_frame(self) -> str:
        return ESCAPES.sub("", self.shown).rsplit("kosi-Workshop", 1)[-1]

    def press(self, keys: str) -> None:
        os.write(self.main, keys.encode())

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=60)
        os.close(self.main)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    shown = Terminal(tmp_path)
    yield shown
    shown.stop()


async def test_the_trainer_code_stays_off_the_beamer(terminal: Terminal) -> None:
    terminal.read_until("Enter")
    assert TRAINER in terminal.shown
    code_file = terminal.folder / FILE_NAME
    assert code_file.read_text().strip() == TRAINER
    assert code_file.stat().st_mode & 0o777 == 0o600
    terminal.press("\r")
    terminal.read_until("Noch niemand")
    beamer = terminal.shown.rsplit(CLEAR, 1)
    assert len(beamer) == 2, "the screen and its scrollback were not cleared"
    assert TRAINER not in beamer[1]
    terminal.press("t")
    terminal.read_until("Trainer-Code: " + TRAINER)
    terminal.press("t")
    for _ in range(10):  # frames drawn before the key came may still be on their way
        terminal.read_until("Noch niemand")
        if TRAINER not in terminal.last_frame():
            break
    assert TRAINER not in terminal.last_frame()


async def test_the_trainer_ends_one_session_and_it_is_saved(terminal: Terminal) -> None:
    terminal.read_until("Enter")
    terminal.press("\r")
    terminal.read_until("Noch niemand")
    wait_for_page(terminal.base + "/", terminal.process)
    leaving = await Browser.open(terminal.base)
    staying = await Browser.open(terminal.base)
    try:
        await leaving.start_draft("Stadt Test", "Anna Test")
        await leaving.type("Nord")
        await leaving.wait_for("Stadt TestNord")
        await staying.wait_for("Innovationslabor aufbauen")
        terminal.read_until(r"2: 127\.0\.0\.1")
        # Sessions are numbered by their start: the one with the draft opened first.
        terminal.press("1")
        terminal.press("e")
        terminal.read_until(r"Sitzung 1 \(127\.0\.0\.1\) beendet")
        with pytest.raises(AssertionError, match="websocket closed"):
            await leaving.wait_for("never drawn", limit=30)
        (draft,) = terminal.folder.glob("*.yaml")
        deadline = time.monotonic() + 10
        while "Stadt TestNord" not in draft.read_text() and time.monotonic() < deadline:
            time.sleep(0.05)  # the app saves as it ends, after its websocket has closed
        assert "Stadt TestNord" in draft.read_text()
        staying.clear()
        await staying.type("\t")  # the other session still answers
        await staying.wait_for(".")
    finally:
        await staying.close()
        await leaving.close()
