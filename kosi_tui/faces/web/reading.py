"""A sent section page read into answers: each field through its kind's own reading of typed text
(`parse`), so the form takes exactly what the terminal app and plain mode take.

Field names: `a.KEY` for a question's answer (several values for several choices), `a.KEY.I` for
a list's entries, `a.KEY.ROW.COLUMN` for a table's cells, `n.KEY` for how many entries or rows the
page showed, `on` once for every question the page showed (a question hidden there is left
as it is, whatever its condition says now), and `shown.KEY` for the answer as the page showed it
(`shown_digest`), so that only what the person changed on that page is taken.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from kosi_tui.core.canvas import (
    AnyQuestion,
    Column,
    Info,
    ListQuestion,
    MultiChoice,
    Scale,
    SingleChoice,
    Table,
)
from kosi_tui.core.kinds import YesNo
from kosi_tui.core.kinds.base import Typed
from kosi_tui.core.kinds.issue import Issue
from kosi_tui.faces.web.problems import Problems

MAX_ENTRIES = 200
"""The most rows or entries read from one page (a page may claim any number)."""


class Posted(Protocol):
    """What aiohttp gives for a sent form (a multidict of texts)."""

    def get(self, key: str, default: Any = None) -> Any: ...

    def getall(self, key: str, default: Any = None) -> list[Any]: ...

    def __contains__(self, key: object) -> bool: ...


def shown_digest(value: Any) -> str:
    """An answer's fingerprint, carried by the page that shows it: a field sent back unchanged
    (same fingerprint) leaves the draft's answer alone, though another tab of the same browser
    or the terminal view changed it meanwhile."""
    text = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def draft_digest(draft: Any) -> str:
    """Which draft a page was shown for (its id, and when it was started for drafts from before
    ids): a page left open in one tab must not write into a draft opened since in another."""
    return shown_digest([draft.id, draft.created.isoformat()])


@dataclass
class Read:
    """What a page said: answers to set, and messages for what could not be read."""

    values: dict[str, Any] = field(default_factory=dict)
    problems: dict[str, Problems] = field(default_factory=dict)


def text(posted: Posted, name: str) -> str:
    value = posted.get(name, "")
    return value if isinstance(value, str) else ""


def texts(posted: Posted, name: str) -> list[str]:
    return [v for v in posted.getall(name, []) if isinstance(v, str)]


def count(posted: Posted, key: str) -> int:
    raw = text(posted, f"n.{key}")
    return min(int(raw), MAX_ENTRIES) if raw.isdecimal() and len(raw) < 5 else 0


def shown_on_page(posted: Posted) -> set[str]:
    """The questions the sent page showed."""
    return set(texts(posted, "on"))


def read_answer(
    question: AnyQuestion, key: str, posted: Posted, lang: str
) -> tuple[Any, Problems, bool]:
    """One question's answer from the page: (value, problems, whether to set it). A text that
    cannot be read leaves the answer as it was and says why."""
    problems = Problems()
    name = f"a.{key}"
    if isinstance(question, Info):
        return None, problems, False
    if isinstance(question, SingleChoice):
        chosen = text(posted, name)
        ids = [c.id for c in question.choices]
        return (chosen if chosen in ids else None), problems, True
    if isinstance(question, MultiChoice):
        picked = set(texts(posted, name))
        return [c.id for c in question.choices if c.id in picked] or None, problems, True
    if isinstance(question, YesNo):
        said = text(posted, name)
        return {"yes": True, "no": False}.get(said), problems, True
    if isinstance(question, ListQuestion):
        return [entry.strip() for entry in posted_entries(key, posted)] or None, problems, True
    if isinstance(question, Table):
        return read_table(question, key, posted, lang, problems), problems, True
    if isinstance(question, Scale):
        chosen = text(posted, name)
        parsed = question.parse(chosen, lang)
    elif isinstance(question, Typed):
        parsed = question.parse(text(posted, name), lang)
    else:  # pragma: no cover - every kind but tables types as one text
        return None, problems, False
    if parsed.issue is not None:
        problems.question.append(parsed.issue.message(lang))
        return None, problems, False
    return parsed.value, problems, True


def read_cell(
    column: Column, typed: str | list[str], lang: str, row: int | None = None
) -> tuple[Any, str | None]:
    """One cell as typed: choices by their id, numbers and texts as the column reads them."""
    ids = [c.id for c in column.choices or []]
    if isinstance(typed, list):
        return [i for i in ids if i in typed] or None, None
    if column.type == "choice":
        return (typed if typed in ids else None), None
    parsed = column.parse(typed, lang)
    if parsed.issue is not None:
        issue = Issue(parsed.issue.code, parsed.issue.args, row=row, column=column.label)
        return None, issue.message(lang)
    return parsed.value, None


def posted_rows(question: Table, key: str, posted: Posted) -> list[dict[str, str | list[str]]]:
    """The table rows the page showed as typed, without the empty ones: row N here is row N of
    the answer."""
    rows: list[dict[str, str | list[str]]] = []
    for index in range(count(posted, key)):
        row: dict[str, str | list[str]] = {}
        for column in question.columns:
            name = f"a.{key}.{index}.{column.id}"
            row[column.id] = (
                texts(posted, name) if column.type == "multi_choice" else text(posted, name)
            )
        if any(v.strip() if isinstance(v, str) else v for v in row.values()):
            rows.append(row)
    return rows


def posted_entries(key: str, posted: Posted) -> list[str]:
    """A list's entries as typed, without the empty ones."""
    entries = [text(posted, f"a.{key}.{i}") for i in range(count(posted, key))]
    return [entry for entry in entries if entry.strip()]


def read_table(
    question: Table, key: str, posted: Posted, lang: str, problems: Problems
) -> list[dict[str, Any]] | None:
    """The rows the page showed, without the empty ones."""
    rows: list[dict[str, Any]] = []
    for index, typed in enumerate(posted_rows(question, key, posted)):
        row: dict[str, Any] = {}
        for column in question.columns:
            value, said = read_cell(column, typed[column.id], lang, index)
            if said is not None:
                problems.cells.setdefault((index, column.id), []).append(said)
            if value is not None:
                row[column.id] = value
        rows.append(row)
    return rows or None


def read_section(
    keys: list[str],
    questions: Mapping[str, AnyQuestion],
    visible: set[str],
    posted: Posted,
    lang: str,
) -> Read:
    """The answers to the questions of one section that the page showed and that are visible."""
    read = Read()
    on_page = shown_on_page(posted)
    for key in keys:
        if key not in on_page or key not in visible:
            continue
        value, problems, take = read_answer(questions[key], key, posted, lang)
        if take:
            read.values[key] = value
        if problems:
            read.problems[key] = problems
    return read
