"""Finds canvas files by name or id, and tells drafts from canvases, without loading them.

`kosi fill NAME` does this before its first screen, so this module stays free of the canvas
engine (and of Pydantic); only the rare fallbacks parse YAML or load canvases.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from kosi_tui.paths import bundled_canvases, user_canvases

DEFAULT_CANVAS_ID = "innovationslabor"


def canvas_files(folder: Path) -> list[Path]:
    """The canvas files in a folder, sorted by name."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def catalog_files() -> list[tuple[Path, Literal["bundled", "user"]]]:
    """Every canvas file in the order people see them: bundled first (the default one at the
    top), then the user's."""
    bundled = canvas_files(bundled_canvases())
    bundled.sort(key=lambda p: (p.stem != DEFAULT_CANVAS_ID, p.name))
    return [(p, "bundled") for p in bundled] + [(p, "user") for p in canvas_files(user_canvases())]


def _stem_id(path: Path) -> str:
    return path.stem.replace("-", "_")


def canvas_by_id(canvas_id: str) -> Path | None:
    """The file of a canvas id: the user's folder first, then the bundled canvases.

    Files are usually named after their id (`-` for `_` allowed); otherwise the files are read.
    """
    folders = [user_canvases(), bundled_canvases()]
    for folder in folders:
        for candidate in canvas_files(folder):
            if _stem_id(candidate) == canvas_id.replace("-", "_"):
                return candidate
    from kosi_tui.storage.canvas_file import load_canvas
    from kosi_tui.storage.problems import ProblemsError

    for folder in folders:
        for candidate in canvas_files(folder):
            try:
                if load_canvas(candidate).canvas.id == canvas_id:
                    return candidate
            except ProblemsError:
                continue
    return None


def find_canvas(name: str) -> Path | None:
    """A canvas named on the command line: a YAML file path, or an id."""
    path = Path(name)
    if path.suffix in (".yaml", ".yml") or path.is_file():
        return path
    return canvas_by_id(name)


_FORMAT_LINE = re.compile(rb"^format:[ \t]*[\"']?kosi-(answers|canvas)/", re.MULTILINE)


def is_draft(path: Path) -> bool:
    """Whether `path` is a draft (`format: kosi-answers/...`) rather than a canvas.

    Files written by kosi and canvases written by hand have a top-level `format:` line; only when
    there is none is the file parsed as YAML.
    """
    try:
        with path.open("rb") as file:
            head = file.read(64 * 1024)
    except OSError:
        return False
    found = _FORMAT_LINE.search(head)
    if found is not None:
        return found.group(1) == b"answers"
    from kosi_tui.storage.problems import ProblemsError
    from kosi_tui.storage.yaml_source import load_yaml

    try:
        data, _ = load_yaml(path)
    except ProblemsError:
        return False
    return isinstance(data, dict) and str(data.get("format", "")).startswith("kosi-answers/")
