"""The command that runs this very kosi again, written as the person's shell needs it typed.

Printed after the app and at the end of plain mode ("continue with: …"). A bare `kosi` only works
where the shell finds it: after the README's set-up only `.venv/bin/kosi` exists, and a printed
`kosi fill …` answered "command not found". So the line names the running program by its absolute
path unless `kosi` on the PATH is that same program, and falls back to the interpreter running
kosi now (`python -m kosi_tui`) when kosi was not started by its own launcher.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _launcher(argv0: str) -> Path | None:
    """The `kosi` program this process was started as, if it was (not `python -m`, not a test)."""
    if not argv0:
        return None
    path = Path(argv0)
    if not path.exists() and path.with_suffix(".exe").exists():
        path = path.with_suffix(".exe")  # Windows launchers may report the name without .exe
    if path.stem.lower() != "kosi" or not path.is_file():
        return None
    return path.absolute()


def kosi_words(argv0: str | None = None, which: str | None = None) -> list[str]:
    """The words that start this kosi: `kosi` when the PATH finds this very program, else its
    absolute path, else the absolute interpreter with `-m kosi_tui`."""
    launcher = _launcher(sys.argv[0] if argv0 is None else argv0)
    if launcher is None:
        return [str(Path(sys.executable).absolute()), "-m", "kosi_tui"]
    found = shutil.which("kosi") if which is None else which
    if found and _same_file(Path(found), launcher):
        return ["kosi"]
    return [str(launcher)]


def shell_line(words: Sequence[str], windows: bool | None = None) -> str:
    """`words` quoted for the shell: POSIX quoting, or the Windows command line's rules."""
    if windows is None:
        windows = os.name == "nt"
    if windows:
        return subprocess.list2cmdline(list(words))
    return shlex.join(words)


def kosi_line(*args: str | Path) -> str:
    """A command line running this kosi with `args` (paths made absolute), ready to paste."""
    words = [str(Path(a).absolute()) if isinstance(a, Path) else a for a in args]
    return shell_line([*kosi_words(), *words])


def resume_line(draft: Path, draft_lang: str, lang: str) -> str:
    """The command that continues `draft` as it was left: in its own language, which `kosi fill`
    takes from the file, so `--lang` is named only when this run spoke another one."""
    words: list[str | Path] = ["fill", draft]
    if draft_lang != lang:
        words[1:1] = ["--lang", lang]
    return kosi_line(*words)
