"""Crash-safe file writing: a temporary file in the same folder, fsync, then an atomic replace.

The previous version is kept as `NAME.bak`. A crash at any moment leaves either the old or the new
file in place, never a torn one. Files stay what they are: a symbolic link is written through to
its target and stays a link; a character device or a pipe (`/dev/stdout`, `/dev/null`) is written
to as a stream; any other file that is not a regular file is never replaced.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from kosi_tui.storage.processes import process_alive

STALE_TEMP_SECONDS = 3600.0
"""A temporary file this old is left over from a crash even if its process id is in use again."""


class WriteError(Exception):
    """A file could not be written; `code` names why (for a message), `path` where."""

    def __init__(self, code: str, path: Path, reason: str = "") -> None:
        super().__init__(f"{code}: {path}: {reason}")
        self.code = code
        self.path = path
        self.reason = reason


@contextlib.contextmanager
def _as_write_error(path: Path) -> Iterator[None]:
    """Turns an `OSError` raised inside into the `WriteError` that says, for `path`, why."""
    try:
        yield
    except OSError as err:
        raise WriteError(_code(err), path, err.strerror or str(err)) from None


def _discard(name: str) -> None:
    """Removes a temporary file that will not be moved into place (gone already is fine)."""
    with contextlib.suppress(OSError):
        os.unlink(name)


def _code(err: OSError) -> str:
    if isinstance(err, PermissionError) or err.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "save_readonly"
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        return "save_disk_full"
    # FileExistsError: a file stands where a folder of the path should be (mkdir says "exists").
    if isinstance(err, FileNotFoundError | NotADirectoryError | FileExistsError):
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


def real_target(path: Path) -> Path:
    """The file a write to `path` must change: the end of a chain of symbolic links, else `path`.

    A dangling link gives the path it points to, so the first save creates the file there.
    """
    if not path.is_symlink():
        return path
    return Path(os.path.realpath(path))


def _is_stream(mode: int) -> bool:
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def _temp_prefix(path: Path) -> str:
    # The process id in the name lets a later save tell a crashed writer's file from a live one.
    return f".{path.name}.{os.getpid()}."


def remove_stale_temps(path: Path) -> None:
    """Removes temporary files of `path` left behind by writers that died mid-save."""
    now = time.time()
    with contextlib.suppress(OSError):
        for entry in os.scandir(path.parent):
            name = entry.name
            if not (name.startswith(f".{path.name}.") and name.endswith(".tmp")):
                continue
            pid_text = name[len(path.name) + 2 :].split(".", 1)[0]
            try:
                age = now - entry.stat(follow_symlinks=False).st_mtime
            except OSError:
                continue
            alive = pid_text.isdigit() and process_alive(int(pid_text))
            # Another computer's writer on a shared folder cannot be asked: only age tells there.
            if (not alive and age > 5) or age > STALE_TEMP_SECONDS:
                _discard(entry.path)


def _durable_temp(beside: Path, data: bytes, suffix: str = ".tmp") -> str:
    """A temporary file in `beside`'s folder holding `data`, on disk, with the permissions
    `beside` has or would get; returns its name (the caller moves it into place or removes it)."""
    fd, name = tempfile.mkstemp(prefix=_temp_prefix(beside), suffix=suffix, dir=beside.parent)
    try:
        # Windows has no fchmod before Python 3.13 (and no permission bits to give).
        if hasattr(os, "fchmod"):
            with contextlib.suppress(OSError):
                os.fchmod(fd, _mode_for(beside))
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        _discard(name)
        raise
    return name


def write_atomic(path: Path, data: bytes, backup: bool = True) -> None:
    """Writes `data` to `path` so that it is either fully there or not at all.

    The file gets the permissions a plain write would give it (a temporary file alone would be
    readable by its owner only, which surprises anyone sharing an exported report).
    """
    try:
        mode: int | None = os.stat(path).st_mode  # through links: what a write would reach
    except OSError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        if _is_stream(mode):
            # Opened by the given name: /dev/stdout resolves to /proc/…/pipe:[…], no real path.
            _write_stream(path, data)
            return
        raise WriteError("save_not_regular", path)
    target = real_target(path)
    folder = target.parent
    with _as_write_error(path):
        folder.mkdir(parents=True, exist_ok=True)
        tmp_name = _durable_temp(target, data)
        try:
            if backup and mode is not None:
                _backup(target)
            os.replace(tmp_name, target)
        except BaseException:
            _discard(tmp_name)
            raise
        _fsync_dir(folder)
    remove_stale_temps(target)


def create_exclusive(path: Path, data: bytes) -> bool:
    """Creates `path` with `data`, complete, only if nothing is there yet; False if it exists.

    Two processes starting a draft under the same name at the same moment get one file each: the
    complete file is linked into place, which fails if the name is taken (and a crash leaves no
    half-written file under it).
    """
    folder = path.parent
    with _as_write_error(path):
        folder.mkdir(parents=True, exist_ok=True)
        tmp_name = _durable_temp(path, data)
        try:
            os.link(tmp_name, path)
        except FileExistsError:
            return False
        except OSError as err:
            # Windows reports a FAT drive's missing hard links as EINVAL (ERROR_INVALID_FUNCTION).
            no_links = (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EINVAL)
            if err.errno not in no_links:
                raise
            # Folders without hard links (some network and FAT drives): exclusive creation.
            return _create_excl_plain(path, data)
        finally:
            # Linked or not, the temporary name goes: the file, if linked, stays under `path`.
            _discard(tmp_name)
        _fsync_dir(folder)
        return True


def _create_excl_plain(path: Path, data: bytes) -> bool:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _mode_for(path))
    except FileExistsError:
        return False
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    return True


def _write_stream(target: Path, data: bytes) -> None:
    with _as_write_error(target), open(target, "wb", buffering=0) as fh:
        fh.write(data)


def _backup(path: Path) -> None:
    """Copies the current file to NAME.bak, itself atomically."""
    tmp_name = _durable_temp(path, path.read_bytes(), suffix=".bak.tmp")
    try:
        os.replace(tmp_name, backup_path(path))
    except BaseException:
        _discard(tmp_name)
        raise


def backup_path(path: Path) -> Path:
    """Where the previous version of `path` is kept."""
    return path.with_name(path.name + ".bak")
