"""Every canvas a user can open, each loaded and checked: the bundled ones and the user's."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

from kosi_tui.storage.canvas_file import LoadedCanvas, load_canvas
from kosi_tui.storage.kept_reads import KeptReads
from kosi_tui.storage.locate import Source, catalog_files
from kosi_tui.storage.problems import Problem, ProblemsError


@dataclass(frozen=True)
class CatalogEntry:
    """One canvas file: loaded, or with the problems that kept it from loading."""

    path: Path
    source: Source
    loaded: LoadedCanvas | None
    problems: list[Problem]


def load_entry(path: Path, source: Source) -> CatalogEntry:
    """Loads one canvas file for the catalog, keeping its problems instead of raising."""
    try:
        return CatalogEntry(path, source, load_canvas(path), [])
    except ProblemsError as err:
        return CatalogEntry(path, source, None, err.problems)


class Catalog:
    """Every canvas, each file loaded again only when it changed (the start page asks often)."""

    def __init__(self) -> None:
        self._bundled = KeptReads(partial(load_entry, source="bundled"))
        self._user = KeptReads(partial(load_entry, source="user"))
        self._pack = KeptReads(partial(load_entry, source="pack"))

    def entries(self) -> list[CatalogEntry]:
        """Every canvas: bundled first (the default one at the top), then the user's."""
        files = catalog_files()
        self._bundled.keep_only(p for p, source in files if source == "bundled")
        self._user.keep_only(p for p, source in files if source == "user")
        self._pack.keep_only(p for p, source in files if source == "pack")
        reads = {"bundled": self._bundled, "user": self._user, "pack": self._pack}
        return [reads[s].get(p) for p, s in files]


def catalog() -> list[CatalogEntry]:
    """Every canvas: bundled first (the default one at the top), then the user's."""
    return Catalog().entries()


def same_ids(entries: list[CatalogEntry]) -> dict[str, list[CatalogEntry]]:
    """The ids that more than one canvas file declares, each with those files (the one
    `kosi fill ID` opens first: the user's before the bundled)."""
    by_id: dict[str, list[CatalogEntry]] = {}
    for entry in entries:
        if entry.loaded is not None:
            by_id.setdefault(entry.loaded.canvas.id, []).append(entry)
    order = {"user": 0, "pack": 1, "bundled": 2}
    return {
        canvas_id: sorted(found, key=lambda e: order[e.source])
        for canvas_id, found in by_id.items()
        if len(found) > 1
    }
