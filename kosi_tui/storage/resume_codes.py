"""Resume codes: a participant's personal key back to their own draft after closing the tab.

In a workshop nobody can open a draft by name (it could be someone else's). The code is shown
once, at the start; the workshop folder keeps only its SHA-256, as the name of a small file
that holds the draft's file name. So a code opens exactly one draft, and the folder alone does
not tell anyone the codes.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from kosi_tui.core.codes import new_code, normal_code

RECORDS = ".kosi-resume"
"""The folder in the workshop folder; `kosi summary` reads only drafts, so it is not in the way."""


def _record(folder: Path, code: str) -> Path:
    digest = hashlib.sha256(normal_code(code).encode()).hexdigest()
    return folder / RECORDS / digest


def new_resume_code(draft: Path) -> str:
    """A fresh code for `draft` (a file in the workshop folder), recorded there."""
    folder = draft.parent
    (folder / RECORDS).mkdir(mode=0o700, exist_ok=True)
    while True:
        code = new_code()
        try:
            fd = os.open(_record(folder, code), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue  # 60 random bits make this all but impossible; never overwrite a record
        with os.fdopen(fd, "w", encoding="utf-8") as record:
            record.write(draft.name)
        return code


def draft_for_code(folder: Path, typed: str) -> Path | None:
    """The draft this code was made for, if it still exists; None for any other text."""
    if not normal_code(typed):
        return None
    try:
        name = _record(folder, typed).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    if not name or name != Path(name).name or name.startswith("."):
        return None  # only a file directly in the workshop folder, never a path elsewhere
    draft = folder / name
    return draft if draft.is_file() else None
