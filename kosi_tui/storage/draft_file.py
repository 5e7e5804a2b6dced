"""Drafts on disk: a commented, human-readable YAML file per draft, written crash-safely.

A file that is not a kosi draft of the expected canvas is never written over: a person's work must
not be replaced by ours because two files share a name.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import math
import os
import re
import stat
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from kosi_tui.core import answers as answer_models
from kosi_tui.core.answers import ANSWERS_FORMAT, Draft
from kosi_tui.core.merge import Conflict, merge_answers
from kosi_tui.core.visible_text import printable
from kosi_tui.storage.atomic import WriteError, create_exclusive, real_target, write_atomic
from kosi_tui.storage.problems import Problem, ProblemsError
from kosi_tui.storage.pydantic_problems import model_keys, problem_for
from kosi_tui.storage.write_lock import folder_locked
from kosi_tui.storage.yaml_dump import dump_yaml
from kosi_tui.storage.yaml_source import (
    MAX_BYTES,
    PathKey,
    SourceMap,
    decode,
    parse_yaml,
    read_file,
)

HEADER = """\
# kosi – Entwurf / draft
# Antworten auf einen Canvas. Sie dürfen die Datei von Hand bearbeiten; kosi prüft sie beim Öffnen.
# Eigene Kommentare (#) übernimmt kosi beim nächsten Speichern nicht.
# Answers to a canvas. You may edit this file by hand; kosi checks it when opening it.
# kosi does not keep comments of your own (#) when it next saves the file.
"""

_SURROGATES = re.compile("[\ud800-\udfff]")


@cache
def _keys() -> tuple[str, ...]:
    return model_keys(vars(answer_models).values())


def draft_from_data(data: Any, source: SourceMap, file: Path) -> Draft:
    """Validates parsed YAML as a draft; raises `ProblemsError` for a foreign or corrupt file."""
    if not isinstance(data, dict) or "format" not in data:
        raise ProblemsError.one(file, "not_a_draft")
    if data["format"] != ANSWERS_FORMAT:
        mark = source.find(("format",))
        raise ProblemsError.one(
            file, "draft_format_unknown", {"found": data["format"]}, mark.line, mark.col
        )
    if problems := _not_finite(data, source, file):
        raise ProblemsError(problems)
    try:
        return Draft.model_validate(data)
    except ValidationError as err:
        problems = [problem_for(e, data, source, file, _keys()) for e in err.errors()]
        raise ProblemsError(sorted(problems, key=lambda p: (p.line, p.col))) from None


def _not_finite(data: dict[Any, Any], source: SourceMap, file: Path) -> list[Problem]:
    """Each `.nan` or `.inf` among the answers: no answer holds one (kosi refuses them as they
    are typed), and NaN is not even equal to itself, so every save would see it changed."""
    problems: list[Problem] = []

    def visit(value: Any, path: PathKey) -> None:
        if isinstance(value, float) and not math.isfinite(value):
            mark = source.find(path)
            written = mark.raw or str(value)
            problems.append(
                Problem(file, mark.line, mark.col, "error", "draft_not_finite", {"value": written})
            )
        elif isinstance(value, list):
            for i, item in enumerate(value):
                visit(item, (*path, i))
        elif isinstance(value, dict):
            for key, item in value.items():
                visit(item, (*path, key))

    for part in ("answers", "orphaned"):
        visit(data.get(part), (part,))
    return problems


def load_draft(file: Path) -> Draft:
    """The draft in `file`; raises `ProblemsError` naming the line of anything wrong."""
    return read_draft(file)[0]


def read_draft(file: Path) -> tuple[Draft, bytes]:
    """The draft in `file` and the bytes it was read from (to notice later changes)."""
    raw = read_file(file)
    data, source = parse_yaml(file, decode(file, raw))
    return draft_from_data(data, source, file), raw


def _readable(value: Any) -> Any:
    """`value` as it will read back: lone surrogates (which cannot be written as UTF-8) become
    U+FFFD, control characters their visible form – what reading any YAML file gives."""
    if isinstance(value, str):
        return printable(_SURROGATES.sub("\ufffd", value))
    if isinstance(value, list):
        return [_readable(v) for v in value]
    if isinstance(value, dict):
        return {_readable(k): _readable(v) for k, v in value.items()}
    return value


def draft_to_yaml(draft: Draft) -> str:
    """The draft as the text of its file."""
    data = draft.model_dump(mode="python")
    for stamp in ("created", "updated"):
        data[stamp] = data[stamp].isoformat()
    if not data["orphaned"]:
        del data["orphaned"]
    if not data["id"]:
        del data["id"]
    return HEADER + dump_yaml(_readable(data))


def _slug(text: str) -> str:
    table = str.maketrans(
        {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
    )
    slug = re.sub(r"[^A-Za-z0-9]+", "-", text.translate(table)).strip("-").lower()
    return slug[:40] or "entwurf"


def draft_filename(draft: Draft, by_author: bool = False) -> str:
    """A readable file name: canvas, organisation or author, and when it was started."""
    first = (draft.author, draft.organisation) if by_author else (draft.organisation, draft.author)
    who = _slug(first[0] or first[1] or "entwurf")
    return f"{draft.canvas.id}-{who}-{draft.created:%Y%m%d-%H%M%S}.yaml"


CONFLICT_MARK = ".konflikt-"
"""In the name of the copy kept when answers conflicted: `NAME.konflikt-DATE.yaml`."""


def is_conflict_copy(path: Path) -> bool:
    """Whether `path` is such a copy (the same person's draft again, not another participant)."""
    return CONFLICT_MARK in path.name


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


OnConflict = Literal["ask", "keep_both"]
"""What a save does when an answer was changed both here and in the file: return the conflicts
for a person to decide (nothing written), or write ours and keep the file's version as a copy."""


@dataclass
class SaveOutcome:
    """What a save found and did."""

    written: bool = True
    taken: dict[str, Any] = field(default_factory=dict)
    """Answers changed in the file by someone else, now part of the draft: show them."""
    conflicts: list[Conflict] = field(default_factory=list)
    """Answers changed differently here and in the file (with `ask`, nothing was written)."""
    copy: Path | None = None
    """With `keep_both`: where the file's own version was kept."""
    seen: tuple[str, dict[str, Any]] | None = None
    """With conflicts to decide: the file's version (hash, answers), for `accept`."""


class DraftWriter:
    """Saves one draft to one path without losing anybody's answers.

    It remembers the file as it last read or wrote it. If the file has changed since (a second
    window, plain mode, a hand edit), answers changed only there are merged in, and answers
    changed on both sides are put to the person or kept in a copy. It refuses to replace a file
    that is not this draft, and never writes a draft that kosi could not read back.
    """

    def __init__(
        self,
        path: Path,
        canvas_id: str,
        draft_id: str = "",
        known: bytes | None = None,
        base: dict[str, Any] | None = None,
    ) -> None:
        self.path = path
        self.canvas_id = canvas_id
        self.draft_id = draft_id
        self._last_hash = _hash(known) if known is not None else None
        self._base: dict[str, Any] = copy.deepcopy(base or {})

    def create(self, draft: Draft) -> bool:
        """Writes a new draft only if `path` is free; False if the name is taken."""
        data = self._encode(draft)
        if not create_exclusive(self.path, data):
            return False
        self._remember(draft, data)
        return True

    def save(self, draft: Draft, on_conflict: OnConflict = "keep_both") -> SaveOutcome:
        """Writes `draft` (a copy the caller can spare: merged answers are put into it).

        Raises `WriteError`; the caller's answers stay as they are.
        """
        with folder_locked(real_target(self.path).parent):
            return self._save(draft, on_conflict)

    def _save(self, draft: Draft, on_conflict: OnConflict) -> SaveOutcome:
        current = self._current()
        outcome = SaveOutcome()
        if current is not None and _hash(current) != self._last_hash:
            theirs = self._theirs(current)
            merged = merge_answers(self._base, draft.answers, theirs.answers)
            outcome.taken = merged.taken
            outcome.conflicts = merged.conflicts
            if merged.conflicts and on_conflict == "ask":
                outcome.written = False
                outcome.seen = (_hash(current), theirs.answers)
                return outcome
            if merged.conflicts:
                outcome.copy = self._keep_copy(current)
            draft.answers = merged.answers
        draft.updated = answer_models.now()
        data = self._encode(draft)
        write_atomic(self.path, data)
        self._remember(draft, data)
        return outcome

    def accept(self, seen: tuple[str, dict[str, Any]]) -> None:
        """Takes the file's version as the new common ground, after conflicts were decided."""
        self._last_hash, answers = seen
        self._base = copy.deepcopy(answers)

    def _remember(self, draft: Draft, data: bytes) -> None:
        self._last_hash = _hash(data)
        # As the file holds them, so that a reader of it sees no change where there is none.
        self._base = _readable(copy.deepcopy(draft.answers))
        self.draft_id = self.draft_id or draft.id

    def _encode(self, draft: Draft) -> bytes:
        data = draft_to_yaml(draft).encode("utf-8")
        if len(data) > MAX_BYTES:
            raise WriteError("save_too_large", self.path, str(MAX_BYTES // 1024))
        # One limit and one reader for writing and opening: what is saved can be opened again.
        try:
            parsed, source = parse_yaml(self.path, data.decode("utf-8"))
            draft_from_data(parsed, source, self.path)
        except ProblemsError as err:
            raise WriteError("save_unreadable", self.path, err.problems[0].code) from None
        return data

    def _current(self) -> bytes | None:
        try:
            if not stat.S_ISREG(os.stat(self.path).st_mode):
                # A device or pipe is no draft; reading a pipe would even wait forever.
                raise WriteError("save_not_regular", self.path)
            with open(self.path, "rb") as fh:
                return fh.read(MAX_BYTES + 1)
        except FileNotFoundError:
            return None
        except IsADirectoryError:
            raise WriteError("save_not_regular", self.path) from None
        except OSError as err:
            raise WriteError("save_failed", self.path, err.strerror or str(err)) from None

    def _theirs(self, current: bytes) -> Draft:
        try:
            data, source = parse_yaml(self.path, decode(self.path, current))
            existing = draft_from_data(data, source, self.path)
        except ProblemsError:
            raise WriteError("save_foreign", self.path) from None
        if existing.canvas.id != self.canvas_id or existing.id not in ("", self.draft_id):
            raise WriteError("save_foreign", self.path)
        return existing

    def _keep_copy(self, current: bytes) -> Path:
        target = real_target(self.path)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        for n in range(1, 1000):
            extra = "" if n == 1 else f"-{n}"
            candidate = target.with_name(
                f"{target.stem}{CONFLICT_MARK}{stamp}{extra}{target.suffix}"
            )
            if create_exclusive(candidate, current):
                return candidate
        raise WriteError("save_failed", target, "no free name for a copy")


def modified(path: Path) -> dt.datetime | None:
    """When a file was last changed, or None if it is gone."""
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime).astimezone()
    except OSError:
        return None
