"""Crash-safe file writing: a temporary file in the same folder, fsync, then an atomic replace.

The previous version is kept as `NAME.bak`. A crash at any moment leaves either the old or the new
file in place, never a torn one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from functools import cache
from pathlib import Path


class WriteError(Exception):
    """A file could not be written; `code` names why (for a message), `path` where."""

    def __init__(self, code: str, path: Path, reason: str = "") -> None:
        super().__init__(f"{code}: {path}: {reason}")
        self.code = code
        self.path = path
        self.reason = reason


def _code(err: OSError) -> str:
    if isinstance(err, PermissionError) or err.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "save_readonly"
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        return "save_disk_full"
    if isinstance(err, FileNotFoundError | NotADirectoryError):
        return "save_no_folder"
    return "save_failed"


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable; not every platform lets a folder be opened.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@cache
def _umask() -> int:
    # Reading the umask means setting it; done once, before any file of ours is written.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _mode_for(path: Path) -> int:
    """The permissions the new file gets: the old file's, else what the user's umask allows."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def write_atomic(path: Path, data: bytes, backup: bool = True) -> None:
    """Writes `data` to `path` so that it is either fully there or not at all.

    The file gets the permissions a plain write would give it (a temporary file alone would be
    readable by its owner only, which surprises anyone sharing an exported report).
    """
    folder = path.parent
    tmp_name = ""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with contextlib.suppress(OSError):
            os.fchmod(fd, _mode_for(path))
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if backup and path.exists():
            _backup(path)
        os.replace(tmp_name, path)
        tmp_name = ""
        _fsync_dir(folder)
    except OSError as err:
        raise WriteError(_code(err), path, err.strerror or str(err)) from None
    finally:
        if tmp_name:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def _backup(path: Path) -> None:
    """Copies the current file to NAME.bak, itself atomically."""
    data = path.read_bytes()
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".bak.tmp", dir=path.parent)
    with contextlib.suppress(OSError):
        os.fchmod(fd, _mode_for(path))
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp_name, backup_path(path))
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise


def backup_path(path: Path) -> Path:
    """Where the previous version of `path` is kept."""
    return path.with_name(path.name + ".bak")
