"""Responses exported from a survey platform, read back into kosi drafts.

Two shapes: an XLSForm platform's export (ODK Central, KoboToolbox: one column per field, named
`section__question` as `kosi export --xlsform` wrote it, group paths before it with `/` or `-`;
several choices space-separated) and LimeSurvey's CSV with question codes as headings
(`Code`, `Code[SQ001]` for several choices, `Code[R1_SQ001]` for a table's cells; answer codes as
`kosi export --limesurvey` wrote them). Every value is read the way the question's kind reads
typed text; a value it cannot read is named by row and column and left out, never guessed.

A table is a repeat group on the XLSForm platforms, exported apart from the main rows: in
KoboToolbox's XLSX export as a sheet of its own whose rows name their response by `_parent_index`
(the main sheet's `_index`), in ODK Central's CSV zip as a CSV file of its own whose rows name it
by `PARENT_KEY` (the main file's `KEY`). Such a file is read whole; the CSV alone leaves tables out.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from kosi_tui.core.answers import Draft, new_draft
from kosi_tui.core.canvas import (
    AnyQuestion,
    Column,
    Date,
    MultiChoice,
    Number,
    Scale,
    ShortText,
    SingleChoice,
    Table,
)
from kosi_tui.core.compiled import CompiledCanvas
from kosi_tui.core.kinds import YesNo
from kosi_tui.core.kinds.base import Typed
from kosi_tui.core.kinds.issue import Issue
from kosi_tui.core.visible_text import printable
from kosi_tui.exchange.limesurvey import answer_code, table_rows
from kosi_tui.exchange.names import column_code, limesurvey_codes, xlsform_name

Platform = Literal["xlsform", "limesurvey"]

MAX_BYTES = 50 * 1024 * 1024
"""Largest response file read (a city's export of thousands of responses stays far below)."""

_IDS = ("meta/instanceID", "instanceID", "KEY", "_uuid", "id")
_TIMES = ("SubmissionDate", "_submission_time", "submitdate", "end", "datestamp")


@dataclass(frozen=True)
class BadValue:
    """A value that could not be read: where (row as in a spreadsheet, column heading)."""

    row: int
    column: str
    value: str
    issue: Issue
    part: str = ""
    """The sheet or the zip's file of a repeat group; empty: the main rows."""


@dataclass
class Imported:
    """The drafts read from a response file, what was left out, and from which platform."""

    platform: Platform
    drafts: list[tuple[str, Draft]] = field(default_factory=list)
    """Each response's draft with a stable name for its file (from the response's id)."""
    bad: list[BadValue] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    """Columns that name no question of the canvas (besides the platform's own)."""
    left_out: list[str] = field(default_factory=list)
    """Questions whose answers this file cannot hold (a repeat group is a file of its own)."""


class ResponsesError(Exception):
    """The file is no response export kosi can read; `code` and `args` say why."""

    def __init__(self, code: str, **args: Any) -> None:
        super().__init__(code)
        self.code = code
        self.args_ = args


Rows = list[list[str]]


@dataclass(frozen=True)
class Repeat:
    """A repeat group's rows (a table's), from a sheet or a file of its own."""

    part: str
    """Its sheet's or file's name, to name where a bad value is."""
    rows: Rows
    parent: str
    """The heading naming the response a row belongs to (`_parent_index`, `PARENT_KEY`)."""
    key: str
    """The main rows' heading the parent names (`_index`, `KEY`)."""


def read_rows(raw: bytes) -> Rows:
    """The CSV's rows: UTF-8 (with or without byte order mark), `,`, `;` or tab between fields."""
    if len(raw) > MAX_BYTES:
        raise ResponsesError("responses_too_large", limit=MAX_BYTES)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ResponsesError("responses_not_utf8") from None
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as err:
        raise ResponsesError("responses_not_csv", detail=str(err)) from None
    if not rows or not any(rows[0]):
        raise ResponsesError("responses_empty")
    return [[printable(cell) for cell in row] for row in rows]


def _field(heading: str) -> str:
    return re.split(r"[/-]", heading.strip())[-1]


def platform_of(headings: list[str], compiled: CompiledCanvas) -> Platform:
    """Which platform wrote the headings: LimeSurvey's question codes or XLSForm's names."""
    names = {xlsform_name(key) for key in compiled.questions}
    codes = {c.lower() for c in limesurvey_codes(compiled.canvas).values()}
    xlsform = sum(_field(h) in names for h in headings)
    limesurvey = sum(h.split("[")[0].strip().lower() in codes for h in headings)
    if not xlsform and not limesurvey:
        raise ResponsesError("responses_no_questions")
    return "xlsform" if xlsform >= limesurvey else "limesurvey"


@dataclass
class _Reader:
    compiled: CompiledCanvas
    platform: Platform
    lang: str
    bad: list[BadValue] = field(default_factory=list)

    def parse(self, question: AnyQuestion, text: str, row: int, column: str) -> Any:
        """The answer in `text` as the question's kind reads it (None: empty or left out)."""
        if not text.strip():
            return None
        if not isinstance(question, Typed):
            return None
        typed = self.platform_text(question, text)
        # Numbers and dates come from a machine, not a person: written with a decimal point.
        lang = "en" if isinstance(question, Number) else self.lang
        parsed = question.parse(typed, lang)
        issue = parsed.issue
        if issue is None and parsed.value is not None:
            issues = question.bounds(parsed.value)
            issue = issues[0] if issues else None
        if issue is not None:
            self.bad.append(BadValue(row, column, text, issue))
            return None
        return parsed.value

    def platform_text(self, question: AnyQuestion, text: str) -> str:
        """A platform's value as a person would type it for the kind."""
        value = text.strip()
        if isinstance(question, YesNo):
            return {"y": "yes", "n": "no"}.get(value.lower(), value)
        if isinstance(question, Date):
            return value[:10] if re.match(r"\d{4}-\d{2}-\d{2}[ T]", value) else value
        if isinstance(question, Number) and re.fullmatch(r"-?\d+\.\d+", value):
            return value.rstrip("0").rstrip(".") if "." in value else value
        if self.platform == "limesurvey" and isinstance(question, SingleChoice | Scale):
            choices = (
                [c.id for c in question.choices]
                if isinstance(question, SingleChoice)
                else [str(p) for p in range(question.min, question.max + 1)]
            )
            codes = [answer_code(question, i) for i in range(len(choices))]
            if value in codes:
                return choices[codes.index(value)]
        if isinstance(question, MultiChoice) and self.platform == "xlsform":
            return ",".join(value.split())
        return value


def read_responses(raw: bytes, compiled: CompiledCanvas, sha256: str, lang: str) -> Imported:
    """The drafts in a response CSV file (for the canvas file with hash `sha256`); raises
    `ResponsesError` when it is none. With repeat groups: `repeats.read_export`, then
    `read_tables`."""
    return read_tables(read_rows(raw), [], compiled, sha256, lang)


def read_tables(
    rows: Rows, repeats: list[Repeat], compiled: CompiledCanvas, sha256: str, lang: str
) -> Imported:
    """The drafts in the main rows and, for tables, the repeat groups' rows."""
    headings = [h.strip() for h in rows[0]]
    platform = platform_of(headings, compiled)
    reader = _Reader(compiled, platform, lang)
    result = Imported(platform)
    columns = _columns(headings, compiled, platform, result, repeats)
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        values = dict(zip(headings, cells, strict=False))
        answers: dict[str, Any] = {}
        for key, reading in columns.items():
            value = reading(reader, values, number)
            if value is not None:
                answers[key] = value
        draft = _draft(compiled, sha256, answers, values, lang)
        result.drafts.append((_response_id(values, number), draft))
    result.bad = reader.bad
    return result


Reading = Callable[[_Reader, dict[str, str], int], Any]
"""How one question's answer is read from a row (its values by heading, its row number)."""


def _columns(
    headings: list[str],
    compiled: CompiledCanvas,
    platform: Platform,
    result: Imported,
    repeats: list[Repeat],
) -> dict[str, Reading]:
    """How each question's answer is read from a row, by question key."""
    readings: dict[str, Reading] = {}
    used: set[str] = set()
    codes = limesurvey_codes(compiled.canvas)
    for key, located in compiled.questions.items():
        question = located.question
        if not question.answerable:
            continue
        if platform == "xlsform":
            heading = next((h for h in headings if _field(h) == xlsform_name(key)), None)
            if isinstance(question, Table):
                used.update(h for h in headings if _field(h).startswith(xlsform_name(key) + "__"))
                repeat = _repeat_of(question, key, repeats, headings)
                if repeat is None:
                    result.left_out.append(key)
                else:
                    readings[key] = repeat
                continue
            if heading is None:
                continue
            used.add(heading)
            if isinstance(question, MultiChoice):
                # KoboToolbox adds a 0/1 column per choice (`q/choice`): the main column counts.
                used.update(h for h in headings if h.startswith(heading + "/"))
            readings[key] = _single(question, heading)
            continue
        code = codes[key]
        if isinstance(question, MultiChoice):
            subs = {column_code(i): c.id for i, c in enumerate(question.choices)}
            found = {h: subs[m.group(1)] for h in headings
                     if (m := re.fullmatch(rf"{code}\[(\w+)\]", h)) and m.group(1) in subs}  # fmt: skip
            if found:
                used.update(found)
                readings[key] = _several(question, found)
            continue
        if isinstance(question, Table):
            cells = {h: (int(m.group(1)), m.group(2)) for h in headings
                     if (m := re.fullmatch(rf"{code}\[R(\d+)_(SQ\d+)\]", h))}  # fmt: skip
            if cells:
                used.update(cells)
                readings[key] = _table(question, cells)
            continue
        heading = next((h for h in headings if h.strip().lower() == code.lower()), None)
        if heading is not None:
            used.add(heading)
            readings[key] = _single(question, heading)
    meta = re.compile(r"^(_|meta|__|SubmissionDate$|KEY$|start$|end$|today$|deviceid$|"
                      r"id$|submitdate$|lastpage$|startlanguage$|seed$|startdate$|datestamp$|"
                      r"ipaddr$|refurl$|token$|instanceID$|formhub|Submitter|Attachments|"
                      r"Status$|ReviewState$|DeviceID$|Edits$|FormVersion$)")  # fmt: skip
    result.ignored = [h for h in headings if h and h not in used and not meta.match(_field(h))
                      and not meta.match(h)]  # fmt: skip
    return readings


def _single(question: AnyQuestion, heading: str) -> Reading:
    def read(reader: _Reader, values: dict[str, str], row: int) -> Any:
        return reader.parse(question, values.get(heading, ""), row, heading)

    return read


def _several(question: MultiChoice, found: dict[str, str]) -> Reading:
    def read(reader: _Reader, values: dict[str, str], row: int) -> Any:
        picked = []
        for heading, choice in found.items():
            cell = values.get(heading, "").strip()
            if cell.upper() == "Y":
                picked.append(choice)
            elif cell and cell.upper() != "N":
                reader.bad.append(BadValue(row, heading, cell, Issue("choose_listed")))
        return reader.parse(question, ",".join(picked), row, next(iter(found)))

    return read


def _table(question: Table, cells: dict[str, tuple[int, str]]) -> Reading:
    columns = {column_code(i): column for i, column in enumerate(question.columns)}

    def read(reader: _Reader, values: dict[str, str], row: int) -> Any:
        table: dict[int, dict[str, Any]] = {}
        for heading, (number, code) in cells.items():
            column = columns.get(code)
            text = values.get(heading, "").strip()
            if column is None or not text or number > table_rows(question):
                continue
            parsed = column.parse(text, "en" if column.type == "number" else reader.lang)
            issues = [parsed.issue] if parsed.issue else column.issues(parsed.value)
            if issues:
                reader.bad.append(BadValue(row, heading, text, issues[0]))
                continue
            table.setdefault(number, {})[column.id] = parsed.value
        if not table:
            return None
        return [
            {c.id: cells_.get(c.id) for c in question.columns}
            for _, cells_ in sorted(table.items())
        ]

    return read


def _repeat_of(
    question: Table, key: str, repeats: list[Repeat], headings: list[str]
) -> Reading | None:
    """How a table's rows are read from the repeat group that holds its columns; None when
    there is none (or the main rows lack the heading its rows name their response by)."""
    names = {f"{xlsform_name(key)}__{c.id}": c for c in question.columns}
    for repeat in repeats:
        columns = {h: names[_field(h)] for h in repeat.rows[0] if _field(h) in names}
        if columns and repeat.parent in repeat.rows[0] and repeat.key in headings:
            return _repeat_rows(question, repeat, columns)
    return None


def _repeat_rows(question: Table, repeat: Repeat, columns: dict[str, Column]) -> Reading:
    headings = [h.strip() for h in repeat.rows[0]]
    by_parent: dict[str, list[tuple[int, dict[str, str]]]] = {}
    for number, cells in enumerate(repeat.rows[1:], start=2):
        values = dict(zip(headings, cells, strict=False))
        parent = values.get(repeat.parent, "").strip()
        if parent and any(values.get(h, "").strip() for h in columns):
            by_parent.setdefault(parent, []).append((number, values))

    def read(reader: _Reader, values: dict[str, str], row: int) -> Any:
        table = []
        for number, cells in by_parent.get(values.get(repeat.key, "").strip(), []):
            found: dict[str, Any] = {}
            for heading, column in columns.items():
                text = cells.get(heading, "").strip()
                if not text:
                    continue
                typed = ",".join(text.split()) if column.type == "multi_choice" else text
                parsed = column.parse(typed, "en" if column.type == "number" else reader.lang)
                issues = [parsed.issue] if parsed.issue else column.issues(parsed.value)
                if issues:
                    reader.bad.append(BadValue(number, heading, text, issues[0], repeat.part))
                    continue
                found[column.id] = parsed.value
            if found:
                table.append({c.id: found.get(c.id) for c in question.columns})
        return table or None

    return read


def _response_id(values: dict[str, str], row: int) -> str:
    for name in _IDS:
        for heading, value in values.items():
            if (heading == name or _field(heading) == name.split("/")[-1]) and value.strip():
                return re.sub(r"[^A-Za-z0-9]+", "-", value.strip()).strip("-")[-36:] or str(row)
    return f"zeile-{row}"


def _when(values: dict[str, str]) -> dt.datetime | None:
    for name in _TIMES:
        value = next((v for h, v in values.items() if _field(h) == name and v.strip()), None)
        if value is None:
            continue
        try:
            stamp = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            continue
        return (stamp if stamp.tzinfo else stamp.astimezone()).replace(microsecond=0)
    return None


def _draft(
    compiled: CompiledCanvas,
    sha256: str,
    answers: dict[str, Any],
    values: dict[str, str],
    lang: str,
) -> Draft:
    canvas = compiled.canvas
    organisation = ""
    for key, located in compiled.questions.items():
        question = located.question
        if isinstance(question, ShortText) and question.prefill == "organisation":
            organisation = str(answers.get(key, ""))
    language = values.get("startlanguage", "").strip() or lang
    draft = new_draft(
        canvas.id,
        canvas.version,
        sha256,
        str(canvas.title if isinstance(canvas.title, str) else canvas.title.get(lang, "")),
        language if language in ("de", "en") else lang,
        organisation=organisation,
        answers=answers,
    )
    when = _when(values)
    if when is not None:
        draft = draft.model_copy(update={"created": when, "updated": when})
    return draft


def draft_name(canvas_id: str, platform: Platform, response: str) -> str:
    """The file name of an imported response: the same response, the same name."""
    return f"{canvas_id}-{platform}-{response}.yaml"


__all__ = [
    "BadValue",
    "Imported",
    "Repeat",
    "ResponsesError",
    "draft_name",
    "read_responses",
    "read_tables",
]
