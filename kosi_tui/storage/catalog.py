"""Finds the canvases a user can open: the bundled ones and those in the user folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from kosi_tui.paths import bundled_canvases, user_canvases
from kosi_tui.storage.canvas_file import LoadedCanvas, load_canvas
from kosi_tui.storage.problems import Problem, ProblemsError

DEFAULT_CANVAS_ID = "innovationslabor"


@dataclass(frozen=True)
class CatalogEntry:
    """One canvas file: loaded, or with the problems that kept it from loading."""

    path: Path
    source: Literal["bundled", "user"]
    loaded: LoadedCanvas | None
    problems: list[Problem]


def canvas_files(folder: Path) -> list[Path]:
    """The canvas files in a folder, sorted by name."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def load_entry(path: Path, source: Literal["bundled", "user"]) -> CatalogEntry:
    """Loads one canvas file for the catalog, keeping its problems instead of raising."""
    try:
        return CatalogEntry(path, source, load_canvas(path), [])
    except ProblemsError as err:
        return CatalogEntry(path, source, None, err.problems)


def catalog() -> list[CatalogEntry]:
    """Every canvas: bundled first (the default one at the top), then the user's."""
    bundled = [load_entry(p, "bundled") for p in canvas_files(bundled_canvases())]
    bundled.sort(key=lambda e: (e.path.stem != DEFAULT_CANVAS_ID, e.path.name))
    return bundled + [load_entry(p, "user") for p in canvas_files(user_canvases())]


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
    for folder in folders:
        for candidate in canvas_files(folder):
            entry = load_entry(candidate, "user")
            if entry.loaded is not None and entry.loaded.canvas.id == canvas_id:
                return candidate
    return None


def find_canvas(name: str) -> Path | None:
    """A canvas named on the command line: a YAML file path, or an id."""
    path = Path(name)
    if path.suffix in (".yaml", ".yml") or path.is_file():
        return path
    return canvas_by_id(name)
