"""Drafts on disk: a commented, human-readable YAML file per draft, written crash-safely.

A file that is not a kosi draft of the expected canvas is never written over: a person's work must
not be replaced by ours because two files share a name.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from kosi_tui.core import answers as answer_models
from kosi_tui.core.answers import ANSWERS_FORMAT, Draft
from kosi_tui.storage.atomic import WriteError, write_atomic
from kosi_tui.storage.problems import Problem, ProblemsError
from kosi_tui.storage.pydantic_problems import model_keys, problem_for
from kosi_tui.storage.yaml_dump import dump_yaml
from kosi_tui.storage.yaml_source import SourceMap, decode, parse_yaml, read_file

HEADER = """\
# kosi – Entwurf / draft
# Antworten auf einen Canvas. Sie dürfen die Datei von Hand bearbeiten; kosi prüft sie beim Öffnen.
# Answers to a canvas. You may edit this file by hand; kosi checks it when opening it.
"""


@cache
def _keys() -> tuple[str, ...]:
    return model_keys(vars(answer_models).values())


def draft_from_data(data: Any, source: SourceMap, file: Path) -> Draft:
    """Validates parsed YAML as a draft; raises `ProblemsError` for a foreign or corrupt file."""
    if not isinstance(data, dict) or "format" not in data:
        raise ProblemsError([Problem(file, 1, 1, "error", "not_a_draft", {})])
    if data["format"] != ANSWERS_FORMAT:
        mark = source.find(("format",))
        raise ProblemsError(
            [
                Problem(
                    file,
                    mark.line,
                    mark.col,
                    "error",
                    "draft_format_unknown",
                    {"found": data["format"]},
                )
            ]
        )
    try:
        return Draft.model_validate(data)
    except ValidationError as err:
        problems = [problem_for(e, data, source, file, _keys()) for e in err.errors()]
        raise ProblemsError(sorted(problems, key=lambda p: (p.line, p.col))) from None


def load_draft(file: Path) -> Draft:
    """The draft in `file`; raises `ProblemsError` naming the line of anything wrong."""
    data, source = parse_yaml(file, decode(file, read_file(file)))
    return draft_from_data(data, source, file)


def draft_to_yaml(draft: Draft) -> str:
    """The draft as the text of its file."""
    data = draft.model_dump(mode="python")
    for stamp in ("created", "updated"):
        data[stamp] = data[stamp].isoformat()
    if not data["orphaned"]:
        del data["orphaned"]
    return HEADER + dump_yaml(data)


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


@dataclass
class DraftWriter:
    """Saves one draft to one path, refusing to replace a file that is not this draft's."""

    path: Path
    canvas_id: str
    _last_hash: str | None = None

    def save(self, draft: Draft) -> None:
        """Writes the draft; raises `WriteError` (the draft in memory stays as it is)."""
        self._check_ours()
        draft.updated = answer_models.now()
        data = draft_to_yaml(draft).encode("utf-8")
        write_atomic(self.path, data)
        self._last_hash = hashlib.sha256(data).hexdigest()

    def _check_ours(self) -> None:
        try:
            current = self.path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as err:
            raise WriteError("save_failed", self.path, err.strerror or str(err)) from None
        if self._last_hash == hashlib.sha256(current).hexdigest():
            return
        try:
            data, source = parse_yaml(self.path, decode(self.path, current))
            existing = draft_from_data(data, source, self.path)
        except ProblemsError:
            raise WriteError("save_foreign", self.path) from None
        if existing.canvas.id != self.canvas_id:
            raise WriteError("save_foreign", self.path)


def modified(path: Path) -> dt.datetime | None:
    """When a file was last changed, or None if it is gone."""
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime).astimezone()
    except OSError:
        return None
