"""Handing the trainer's code to the trainer only: the terminal of `kosi serve` is on the beamer.

The code is printed once before the live view starts and kept in a file only the trainer's
account can read; in a terminal kosi waits for Enter and then clears the screen (and its
scrollback), so the room never sees it. The live view shows it again only on the key `t`.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from kosi_tui.i18n import t

FILE_NAME = ".kosi-trainer-code"
"""In the workshop folder: `kosi summary` reads only drafts, so it is not in the way."""
CLEAR = "\x1b[H\x1b[2J\x1b[3J"
"""Home, clear the screen, clear the scrollback."""


def write_code_file(folder: Path, code: str) -> Path:
    """Writes `code` into the folder, readable by this account only (mode 0600)."""
    path = folder / FILE_NAME
    with contextlib.suppress(FileNotFoundError):
        path.unlink()  # a file left by someone else must not keep its own mode
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        file.write(code + "\n")
    return path


def hand_over(code: str, folder: Path, lang: str, wait: bool) -> None:
    """Tells the trainer the code; with `wait`, until Enter, then clears the screen."""
    print(t("cli.serve_trainer_code", lang, code=code), flush=True)
    try:
        path = write_code_file(folder, code)
    except OSError:
        pass  # the printed line is enough; the folder was writable a moment ago
    else:
        print(t("cli.serve_trainer_file", lang, path=str(path)), flush=True)
    if not wait:
        return
    print(t("cli.serve_press_enter", lang), flush=True)
    with contextlib.suppress(EOFError, KeyboardInterrupt):
        sys.stdin.readline()
    print(CLEAR, end="", flush=True)
