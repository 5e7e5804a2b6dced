"""Checked canvases kept on disk, so that opening a draft does not check its canvas again.

Checking a canvas (YAML with positions, Pydantic, expressions, references) is the slowest part of
opening a draft. Its result depends only on the file's bytes and on kosi's own code, so it is
kept under a key made of both. Entries are pickles in the user's own cache folder, which nobody
else can write; one that cannot be read is ignored and written again. Nothing here is ever the
only copy of anything: deleting the folder only makes the next start slower.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import pydantic

import kosi_tui
from kosi_tui.core.compiled import CompiledCanvas
from kosi_tui.paths import cache_dir
from kosi_tui.storage.problems import Problem

MAX_ENTRIES = 50
"""Entries kept; a trainer editing a canvas adds one per saved version."""


@cache
def _code_fingerprint() -> str:
    # Any change to the code that builds or reads these objects makes old entries unusable.
    package = Path(kosi_tui.__file__).parent
    stored = ("canvas_file.py", "problems.py", "canvas_cache.py")  # what entries hold or build
    files = [*sorted(package.glob("core/**/*.py")), *(package / "storage" / n for n in stored)]
    digest = hashlib.sha256(f"{sys.version}|{pydantic.VERSION}|{kosi_tui.__version__}".encode())
    for file in files:
        with contextlib.suppress(OSError):
            stat = file.stat()
            name = file.relative_to(package).as_posix()
            digest.update(f"{name}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def _entry(sha256: str) -> Path:
    key = hashlib.sha256(f"{sha256}|{_code_fingerprint()}".encode()).hexdigest()[:40]
    return cache_dir() / "canvases" / f"{key}.pickle"


def get(sha256: str, file: Path) -> tuple[CompiledCanvas, list[Problem]] | None:
    """The checked canvas with this content hash, its warnings pointing at `file`; or None."""
    try:
        data = _entry(sha256).read_bytes()
    except OSError:
        return None
    try:
        # Safe to unpickle: kosi wrote it, in a folder only this user can write.
        stored: Any = pickle.loads(data)
        compiled, warnings, stored_sha = stored
    except Exception:
        return None  # A damaged or outdated entry is only a miss.
    if not isinstance(compiled, CompiledCanvas) or stored_sha != sha256:
        return None
    return compiled, [replace(w, file=file) for w in warnings]


def put(sha256: str, compiled: CompiledCanvas, warnings: list[Problem]) -> None:
    """Keeps a checked canvas; a folder that cannot be written is no error (only slower)."""
    entry = _entry(sha256)
    # Helpers built on first use (validators) are rebuilt on every start, not stored.
    data = pickle.dumps((replace(compiled, derived={}), warnings, sha256), pickle.HIGHEST_PROTOCOL)
    with contextlib.suppress(OSError):
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temp, entry)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        _prune(entry.parent)


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[MAX_ENTRIES:]:
        with contextlib.suppress(OSError):
            old.unlink()
