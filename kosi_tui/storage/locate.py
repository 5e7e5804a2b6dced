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


Source = Literal["bundled", "user", "pack"]
SOURCES: tuple[Source, ...] = ("user", "pack", "bundled")
"""Where canvases come from, in the order an id is looked up: the user's own canvas beats an
installed pack's, which beats a bundled one with the same id (`bundled:ID`, `pack:ID` still
reach those)."""

NAMING = ".kosi.yaml"
"""How canvas files are best named: editors match the pattern `*.kosi.yaml` to the schema."""


def catalog_files() -> list[tuple[Path, Source]]:
    """Every canvas file in the order people see them: bundled first (the default one at the
    top), then the installed packs', then the user's."""
    bundled = canvas_files(bundled_canvases())
    bundled.sort(key=lambda p: (p.stem != DEFAULT_CANVAS_ID, p.name))
    packs = [p for folder in source_folders("pack") for p in canvas_files(folder)]
    return (
        [(p, "bundled") for p in bundled]
        + [(p, "pack") for p in packs]
        + [(p, "user") for p in canvas_files(user_canvases())]
    )


def source_folders(source: Source) -> list[Path]:
    """The folders a source's canvases are in."""
    if source == "pack":
        from kosi_tui.storage.packs import pack_folders

        return pack_folders()
    return [user_canvases() if source == "user" else bundled_canvases()]


def source_of(path: Path) -> Source:
    """Where a listed canvas file comes from (any file outside the bundled folder and the packs'
    is the user's)."""
    folder = path.parent.absolute()
    if folder == bundled_canvases().absolute():
        return "bundled"
    if folder in {f.absolute() for f in source_folders("pack")}:
        return "pack"
    return "user"


WORKBOOK = ".xlsx"
"""A canvas written as a workbook (`kosi export --xlsx`): found by id, not listed."""


def file_id(path: Path) -> str:
    """The id a file name suggests: `mein-check.kosi.yaml` -> `mein_check`."""
    name = path.name
    for suffix in (NAMING, ".kosi.yml", ".yaml", ".yml", ".kosi.xlsx", WORKBOOK):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    return name.replace("-", "_")


_ID_LINE = re.compile(rb"^id:[ \t]*[\"']?([A-Za-z0-9_-]+)[\"']?[ \t]*(?:#.*)?\r?$", re.MULTILINE)


def _declared_id(path: Path) -> str | None:
    """The top-level `id:` line of a canvas file, read without parsing YAML (None if unclear)."""
    if path.suffix.lower() == WORKBOOK:
        return None
    try:
        with path.open("rb") as file:
            head = file.read(64 * 1024)
    except OSError:
        return None
    found = _ID_LINE.search(head)
    return found.group(1).decode("ascii") if found is not None else None


def split_qualified(name: str) -> tuple[Source | None, str]:
    """`bundled:ID` / `user:ID` -> the source and the id; a bare id has no source."""
    head, colon, rest = name.partition(":")
    for source in SOURCES:
        if colon and head == source:
            return source, rest
    return None, name


def canvas_by_id(canvas_id: str) -> Path | None:
    """The file of a canvas id: the user's folder first, then the bundled canvases; `user:ID`
    or `bundled:ID` looks in that one only.

    Files are usually named after their id (`-` for `_` allowed); otherwise the user's files'
    `id:` lines are read, and only as the last resort are canvases loaded. A workbook canvas
    in the folder is found too (a draft filled from it opens again), after the YAML files.
    """
    source, canvas_id = split_qualified(canvas_id)
    wanted = canvas_id.replace("-", "_")
    folders = [f for s in SOURCES if source in (None, s) for f in source_folders(s)]
    for folder in folders:
        files = canvas_files(folder) + _workbooks(folder)
        for candidate in files:
            if file_id(candidate) == wanted:
                return candidate
        # A user's copy named otherwise must still win over the bundled file of its id.
        for candidate in files:
            if _declared_id(candidate) == canvas_id:
                return candidate
    from kosi_tui.storage.canvas_file import load_canvas
    from kosi_tui.storage.problems import ProblemsError

    for folder in folders:
        for candidate in canvas_files(folder) + _workbooks(folder):
            try:
                if load_canvas(candidate).canvas.id == canvas_id:
                    return candidate
            except ProblemsError:
                continue
    return None


def _workbooks(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() == WORKBOOK and p.is_file())


def find_canvas(name: str) -> Path | None:
    """A canvas named on the command line: a YAML file path, or an id (`user:ID`,
    `bundled:ID` to choose between two canvases of one id)."""
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
