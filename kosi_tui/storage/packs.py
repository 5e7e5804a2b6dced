"""Canvas packs installed as Python packages: an organisation publishes its canvases as a
package whose entry point in the group `kosi_tui.canvases` names the package folder holding them
(`[project.entry-points."kosi_tui.canvases"] stadt = "stadt_canvases"`).

Found by reading the installed distributions' `entry_points.txt` and locating the folder with
`importlib.util.find_spec` on the top-level name: nothing of the pack is imported or run, and
`importlib.metadata` (tens of milliseconds to import) stays out of `kosi fill`'s start.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from dataclasses import dataclass
from pathlib import Path

GROUP = "kosi_tui.canvases"


@dataclass(frozen=True)
class Pack:
    """One entry point of the group: its name, the distribution it comes with, its folder."""

    name: str
    distribution: str
    module: str
    folder: Path | None
    """None when the named package is not there (a broken installation)."""


def _distributions() -> list[Path]:
    """The metadata folders of the installed distributions, first on the path first."""
    found: list[Path] = []
    for entry in sys.path:
        try:
            with os.scandir(entry or ".") as listing:
                names = sorted(
                    e.name for e in listing if e.name.endswith((".dist-info", ".egg-info"))
                )
        except OSError:
            continue
        found.extend(Path(entry or ".") / name for name in names)
    return found


def _entries(text: str) -> list[tuple[str, str]]:
    """The `name = module[:attr]` lines of the group's section in an entry_points.txt."""
    entries: list[tuple[str, str]] = []
    inside = False
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("["):
            inside = line == f"[{GROUP}]"
        elif inside and "=" in line and not line.startswith(("#", ";")):
            name, value = (part.strip() for part in line.split("=", 1))
            entries.append((name, value.split(":", 1)[0].split("[", 1)[0].strip()))
    return entries


def _folder(module: str) -> Path | None:
    """The folder of a package, found without importing it (nor its parents)."""
    top, _, rest = module.partition(".")
    try:
        spec = importlib.util.find_spec(top)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        folder = Path(location).joinpath(*rest.split(".")) if rest else Path(location)
        if folder.is_dir():
            return folder
    return None


def installed_packs() -> list[Pack]:
    """Every installed canvas pack, each distribution once (the first on the path)."""
    packs: list[Pack] = []
    seen: set[str] = set()
    for meta in _distributions():
        distribution = meta.name.rsplit(".", 1)[0]
        key = distribution.split("-", 1)[0].lower().replace("_", "-")
        if key in seen:
            continue
        try:
            text = (meta / "entry_points.txt").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        seen.add(key)
        for name, module in _entries(text):
            packs.append(Pack(name, distribution, module, _folder(module)))
    return packs


def pack_folders() -> list[Path]:
    """The folders of the installed packs that are there."""
    return [pack.folder for pack in installed_packs() if pack.folder is not None]
