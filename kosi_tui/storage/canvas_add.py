"""`kosi canvases add`: canvases from a file, a folder or a zip, every one checked before any is
copied into the user's canvas folder; nothing replaced unless asked, and then said.

A zip is read member by member: only `.yaml`/`.yml` files are taken, under their own name (the
folders inside are dropped, so no name can point outside the canvas folder; a name that tries –
absolute, with `..` or a drive – refuses the whole zip), each at most the size of any canvas,
counted as read (the sizes a zip declares can lie).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Literal

from kosi_tui.storage.atomic import create_exclusive, write_atomic
from kosi_tui.storage.canvas_file import canvas_from_data
from kosi_tui.storage.locate import canvas_files, is_draft
from kosi_tui.storage.problems import Problem, ProblemsError
from kosi_tui.storage.yaml_source import MAX_BYTES, decode, parse_yaml, read_file

MAX_MEMBERS = 500
"""More files than any pack of canvases has: a zip with more is refused unread."""
MAX_TOTAL = 64 * 1024 * 1024
"""What all canvases of one zip may hold together, as read."""
DRAFT_LINE = re.compile(rb"^format:[ \t]*[\"']?kosi-answers/", re.MULTILINE)
"""A draft's top-level line (drafts are written by kosi, which always writes it)."""


@dataclass(frozen=True)
class Incoming:
    """A canvas to add: the name it gets, where it came from (for messages), its bytes."""

    name: str
    source: Path
    data: bytes


@dataclass
class Added:
    """What adding did, file by file."""

    written: list[Path] = field(default_factory=list)
    replaced: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """Files in a folder or zip that are no canvases (other endings, drafts)."""


Outcome = Literal["written", "replaced", "unchanged", "exists"]


def gather(path: Path) -> tuple[list[Incoming], list[str]]:
    """The canvases at `path` (file, folder or zip) and the names passed over; raises
    `ProblemsError` for what cannot be read or is unsafe."""
    if path.is_dir():
        files = canvas_files(path)
        skipped = sorted(p.name for p in path.iterdir() if p.is_file() and p not in files)
        canvases = [p for p in files if not is_draft(p)]
        skipped += [p.name for p in files if p not in canvases]
        return [Incoming(p.name, p, read_file(p)) for p in canvases], skipped
    if path.suffix.lower() == ".zip" or (path.is_file() and zipfile.is_zipfile(path)):
        return _from_zip(path)
    return [Incoming(path.name, path, read_file(path))], []


def _unsafe(name: str) -> bool:
    posix, windows = PurePosixPath(name), PureWindowsPath(name)
    return (
        posix.is_absolute()
        or windows.is_absolute()
        or bool(windows.drive)
        or ".." in posix.parts
        or ".." in windows.parts
    )


def _from_zip(path: Path) -> tuple[list[Incoming], list[str]]:
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as err:
        raise ProblemsError.one(path, "zip_unreadable", {"reason": str(err)}) from None
    incoming: list[Incoming] = []
    skipped: list[str] = []
    total = 0
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) > MAX_MEMBERS:
            raise ProblemsError.one(
                path, "zip_too_many", {"count": len(members), "limit": MAX_MEMBERS}
            )
        for member in members:
            shown = Path(f"{path}!{member.filename}")
            if _unsafe(member.filename):
                raise ProblemsError.one(shown, "zip_unsafe_name", {"name": member.filename})
            name = PurePosixPath(member.filename.replace("\\", "/")).name
            if not name.endswith((".yaml", ".yml")):
                skipped.append(member.filename)
                continue
            try:
                with archive.open(member) as file:
                    data = file.read(MAX_BYTES + 1)
            except (OSError, zipfile.BadZipFile, RuntimeError, NotImplementedError) as err:
                raise ProblemsError.one(shown, "zip_unreadable", {"reason": str(err)}) from None
            total += len(data)
            if len(data) > MAX_BYTES or total > MAX_TOTAL:
                raise ProblemsError.one(
                    shown, "file_too_large", {"size": len(data), "limit": MAX_BYTES}
                )
            if DRAFT_LINE.search(data[: 64 * 1024]):
                skipped.append(member.filename)  # a draft beside the canvases, as in a folder
                continue
            if any(i.name == name for i in incoming):
                raise ProblemsError.one(shown, "zip_same_name", {"name": name})
            incoming.append(Incoming(name, shown, data))
    return incoming, skipped


def check(incoming: list[Incoming]) -> list[Problem]:
    """Every error in the canvases to add (warnings do not keep one out)."""
    problems: list[Problem] = []
    for item in incoming:
        try:
            data, source = parse_yaml(item.source, decode(item.source, item.data))
            canvas_from_data(data, source, item.source)
        except ProblemsError as err:
            problems.extend(p for p in err.problems if p.severity == "error")
    return problems


def put(item: Incoming, folder: Path, replace: bool) -> Outcome:
    """Copies one checked canvas into `folder`; an existing other file only with `replace`
    (its old version kept as NAME.bak). Raises `WriteError`."""
    target = folder / item.name
    if create_exclusive(target, item.data):
        return "written"
    try:
        if target.read_bytes() == item.data:
            return "unchanged"
    except OSError:
        pass
    if not replace:
        return "exists"
    write_atomic(target, item.data, backup=True)
    return "replaced"
