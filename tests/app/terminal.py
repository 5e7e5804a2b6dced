"""The real app on a pseudo-terminal, for what only a terminal shows: keys arriving as bytes at
the pace a person types, signals, what is written to the screen."""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

from tests.conftest import ROOT

CONTROL_SEQUENCE = re.compile(rb"\x1b\[[0-9;?]*[a-zA-Z]")


class Terminal:
    """`kosi fill DRAFT` (or `kosi`, the start page) on a pseudo-terminal, 100x30 unless said."""

    def __init__(self, draft: Path | None, home: Path, size: tuple[int, int] = (100, 30)) -> None:
        self.master, slave = os.openpty()
        columns, rows = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        env = {**os.environ, "KOSI_HOME": str(home), "TERM": "xterm-256color", "KOSI_LANG": "de"}
        env.pop("KOSI_PLAIN", None)
        command = ["fill", str(draft)] if draft is not None else []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kosi_tui", *command],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=ROOT,
            start_new_session=True,
        )
        os.close(slave)
        self.screen = b""

    @property
    def text(self) -> bytes:
        """What was drawn, without the escape sequences that move the cursor and colour."""
        return CONTROL_SEQUENCE.sub(b"", self.screen)

    def read_until(self, needle: bytes, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while needle not in self.text:
            left = deadline - time.monotonic()
            assert left > 0, f"{needle!r} never appeared"
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                with contextlib.suppress(OSError):
                    self.screen += os.read(self.master, 65536)

    def drain(self) -> None:
        while select.select([self.master], [], [], 0)[0]:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.screen += chunk

    def type(self, data: bytes) -> None:
        os.write(self.master, data)

    def type_keys(self, keys: list[bytes], gap: float) -> None:
        """One key after another, `gap` seconds apart, as a person types: the gaps are the input
        here. What the app draws meanwhile is read, so that it never waits for the terminal."""
        for key in keys:
            os.write(self.master, key)
            deadline = time.monotonic() + gap
            while (left := deadline - time.monotonic()) > 0:
                if select.select([self.master], [], [], left)[0]:
                    with contextlib.suppress(OSError):
                        self.screen += os.read(self.master, 65536)

    def wait(self, timeout: float = 30) -> int:
        deadline = time.monotonic() + timeout
        while self.process.poll() is None:
            assert time.monotonic() < deadline, "the app did not end"
            self.drain()
            select.select([self.master], [], [], 0.05)
        return self.process.returncode

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        with contextlib.suppress(OSError):
            os.close(self.master)
