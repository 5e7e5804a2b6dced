"""A canvas as an XLSX workbook a trainer reads and edits, and the canvas read back from it.

Sheets: `settings` (id, version, languages, title, ...), `sections`, `questions` (one row each,
in order, with the section's id), `choices` (options of choice questions and table columns, and
the labels of scale points, by `section.question` or `section.question.column`), `columns` (of
table questions) and `more` (evaluation, glance page, poster and the Planspiel's group, one value
a row by its path). A text in several languages takes a column per language (`label:de`,
`label:en`); a plain `label` column holds one text for every language. A value that is a list or
a mapping is written as YAML in a `NAME:yaml` column.

Reading builds the same data the YAML loader would, with a source map whose marks stand for cells,
so the canvas checks name `FILE!SHEET:ROW:COLUMN`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kosi_tui.core.findings import Severity
from kosi_tui.exchange.workbook import Cell, CellProblem, column_letter, read_sheets
from kosi_tui.storage.problems import Problem, ProblemsError
from kosi_tui.storage.yaml_source import Mark, PathKey, SourceMap, parse_yaml

SETTINGS, SECTIONS, QUESTIONS, CHOICES, COLUMNS, MORE = (
    "settings",
    "sections",
    "questions",
    "choices",
    "columns",
    "more",
)
MORE_KEYS = ("evaluation", "glance", "poster", "group")
"""Top-level parts written one value a row in `more`; the other scalars go to `settings`."""

_LANG = re.compile(r"^[a-z]{2}$")
_HEADER = re.compile(r"^([a-z][a-z0-9_]*)(?::([a-z]{2}|yaml))?$")
_PATH = re.compile(r"^[a-z][a-z0-9_]*(\.([a-z][a-z0-9_]*|\d{1,6}))*$")
_IDS = frozenset({"id", "section", "question"})


# --- writing -------------------------------------------------------------------------------


def _is_text(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and bool(value)
        and all(
            isinstance(k, str) and _LANG.match(k) and isinstance(v, str) for k, v in value.items()
        )
    )


def _flow(value: Any) -> str:
    return yaml.safe_dump(
        value, default_flow_style=True, allow_unicode=True, sort_keys=False, width=10**6
    ).strip()


def _scalar(value: Any) -> Cell | None:
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    return None


def _put(record: dict[str, Cell], key: str, value: Any) -> None:
    if _is_text(value):
        for lang, text in value.items():
            record[f"{key}:{lang}"] = text
    elif (cell := _scalar(value)) is not None:
        record[key] = cell
    else:
        record[f"{key}:yaml"] = _flow(value)


def _table(records: list[dict[str, Cell]], first: list[str]) -> list[list[Cell]]:
    header = list(first)
    for record in records:
        header.extend(k for k in record if k not in header)
    return [list(header), *([record.get(h) for h in header] for record in records)]


def _flatten(value: Any, path: str, out: list[dict[str, Cell]]) -> None:
    if (
        isinstance(value, dict)
        and value
        and not _is_text(value)
        and all(isinstance(k, str) for k in value)
    ):
        for key, inner in value.items():
            _flatten(inner, f"{path}.{key}" if path else key, out)
        return
    if (
        isinstance(value, list)
        and value
        and all(isinstance(v, dict) and v and not _is_text(v) for v in value)
    ):
        for i, inner in enumerate(value):
            _flatten(inner, f"{path}.{i}", out)
        return
    record: dict[str, Cell] = {"path": path}
    _put(record, "value", value)
    out.append(record)


def canvas_sheets(data: dict[str, Any]) -> dict[str, list[list[Cell]]]:
    """The workbook's sheets for canvas data (as `Canvas.model_dump(by_alias=True,
    exclude_unset=True)` gives it)."""
    langs = [str(lang) for lang in data.get("languages", [])]

    def texts(*keys: str) -> list[str]:
        return [f"{k}:{lang}" for k in keys for lang in langs]

    settings: list[dict[str, Cell]] = []
    more: list[dict[str, Cell]] = []
    for key, value in data.items():
        if key == "sections":
            continue
        _flatten(value, key, more if key in MORE_KEYS else settings)
    sections: list[dict[str, Cell]] = []
    questions: list[dict[str, Cell]] = []
    choices: list[dict[str, Cell]] = []
    columns: list[dict[str, Cell]] = []
    for section in data["sections"]:
        record: dict[str, Cell] = {}
        for key, value in section.items():
            if key != "questions":
                _put(record, key, value)
        sections.append(record)
        for question in section["questions"]:
            record = {"section": section["id"]}
            key_of = f"{section['id']}.{question.get('id')}"
            for key, value in question.items():
                if key == "choices":
                    choices.extend(_choice(key_of, c) for c in value)
                elif key == "labels" and question.get("type") == "scale":
                    for point, label in value.items():
                        row: dict[str, Cell] = {"question": key_of, "id": point}
                        _put(row, "label", label)
                        choices.append(row)
                elif key == "columns" and question.get("type") == "table":
                    for column in value:
                        row = {"question": key_of}
                        for k, v in column.items():
                            if k == "choices":
                                col_key = f"{key_of}.{column['id']}"
                                choices.extend(_choice(col_key, c) for c in v)
                            else:
                                _put(row, k, v)
                        columns.append(row)
                else:
                    _put(record, key, value)
            questions.append(record)
    sheets = {
        SETTINGS: _table(settings, ["path", "value", *texts("value")]),
        SECTIONS: _table(sections, ["id", *texts("title", "intro")]),
        QUESTIONS: _table(
            questions, ["section", "id", "type", *texts("label", "help"), "required", "show_if"]
        ),
        CHOICES: _table(choices, ["question", "id", *texts("label"), "score"]),
        COLUMNS: _table(columns, ["question", "id", "type", *texts("label"), "required"]),
        MORE: _table(more, ["path", "value", *texts("value"), "value:yaml"]),
    }
    return sheets


def _choice(question: str, choice: dict[str, Any]) -> dict[str, Cell]:
    row: dict[str, Cell] = {"question": question}
    for key, value in choice.items():
        _put(row, key, value)
    return row


# --- reading -------------------------------------------------------------------------------


@dataclass
class _Reader:
    file: Path
    source: SourceMap = field(default_factory=SourceMap)
    cells: list[tuple[str, int, int]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    id_columns: dict[str, int] = field(default_factory=dict)
    """Each sheet's `id` column, where a row without id is pointed at."""

    def mark(self, sheet: str, row: int, col: int) -> Mark:
        # A mark's line is the cell's number; `place` turns it back into sheet, row and column.
        self.cells.append((sheet, row, col))
        return Mark(len(self.cells) + 1, 1)

    def cell_problem(
        self,
        sheet: str,
        row: int,
        col: int,
        code: str,
        severity: Severity = "error",
        **args: Any,
    ) -> CellProblem:
        return CellProblem(
            self.file,
            row,
            col,
            severity,
            code,
            args,
            sheet,
            column_letter(col),
        )

    def problem(self, sheet: str, row: int, col: int, code: str, **args: Any) -> None:
        self.problems.append(self.cell_problem(sheet, row, col, code, **args))

    def place(self, problem: Problem) -> Problem:
        """A problem found in the data, at the cell it came from."""
        if isinstance(problem, CellProblem):
            return problem
        code = "xlsx_missing" if problem.code == "missing" else problem.code
        index = problem.line - 2
        if 0 <= index < len(self.cells):
            sheet, row, col = self.cells[index]
            return self.cell_problem(sheet, row, col, code, problem.severity, **problem.args)
        return CellProblem(self.file, 0, 0, problem.severity, code, problem.args)

    def records(
        self, sheets: dict[str, list[list[Cell]]], name: str, required: bool
    ) -> list[tuple[int, dict[str, tuple[Cell, int]]]]:
        """The rows of a sheet as {header: (value, column)}, with their row numbers."""
        rows = sheets.get(name)
        if rows is None:
            if required:
                self.problems.append(CellProblem(self.file, 0, 0, "error", "xlsx_no_sheet",
                                                 {"sheet": name}))  # fmt: skip
            return []
        if not rows:
            return []
        header: dict[int, str] = {}
        for col, title in enumerate(rows[0], start=1):
            if title is None:
                continue
            text = str(title).strip()
            if not _HEADER.match(text):
                self.problem(name, 1, col, "xlsx_bad_header", header=text)
                continue
            header[col] = text
            if text == "id":
                self.id_columns[name] = col
        out: list[tuple[int, dict[str, tuple[Cell, int]]]] = []
        for r, row in enumerate(rows[1:], start=2):
            record: dict[str, tuple[Cell, int]] = {}
            for col, value in enumerate(row, start=1):
                if value is None:
                    continue
                if col not in header:
                    if col > len(rows[0]) or rows[0][col - 1] is None:
                        self.problem(name, r, col, "xlsx_no_header")
                    continue
                record[header[col]] = (value, col)
            if record:
                out.append((r, record))
        return out

    def value(self, sheet: str, row: int, col: int, header: str, value: Cell) -> Any:
        """A cell's value as the canvas wants it: ids as text, YAML columns parsed."""
        name, _, suffix = header.partition(":")
        if suffix == "yaml":
            try:
                data, _ = parse_yaml(self.file, str(value))
            except ProblemsError as err:
                self.problem(sheet, row, col, "xlsx_bad_yaml", detail=err.problems[0])
                return None
            return data
        if suffix:  # one language of a text
            return _as_text(value)
        if name in _IDS and isinstance(value, int | float) and not isinstance(value, bool):
            return _as_text(value)
        if isinstance(value, dt.date):
            return value.isoformat()
        return value

    def fields(
        self,
        sheet: str,
        row: int,
        record: dict[str, tuple[Cell, int]],
        path: PathKey,
        skip: tuple[str, ...] = (),
    ) -> dict[str, Any]:
        """A row as a mapping of canvas keys, each remembered at its cell under `path`."""
        out: dict[str, Any] = {}
        first = self.id_columns.get(sheet) or next(iter(record.values()))[1]
        self.source.values.setdefault(path, self.mark(sheet, row, first))
        for header, (value, col) in record.items():
            name, _, suffix = header.partition(":")
            if name in skip:
                continue
            mark = self.mark(sheet, row, col)
            parsed = self.value(sheet, row, col, header, value)
            if suffix and suffix != "yaml":
                if name in out and not isinstance(out[name], dict):
                    self.problem(sheet, row, col, "xlsx_text_twice", key=name)
                    continue
                out.setdefault(name, {})[suffix] = parsed
                self.source.values[(*path, name, suffix)] = mark
                self.source.values.setdefault((*path, name), mark)
                self.source.keys.setdefault((*path, name), mark)
                continue
            if name in out:
                self.problem(sheet, row, col, "xlsx_text_twice", key=name)
                continue
            out[name] = parsed
            self.source.values[(*path, name)] = mark
            self.source.keys[(*path, name)] = mark
        return out

    def paths(self, sheet: str, rows: list[tuple[int, dict[str, tuple[Cell, int]]]],
              into: dict[str, Any]) -> None:  # fmt: skip
        """Rows of `path` and value into nested data."""
        for row, record in rows:
            given = record.get("path")
            if given is None:
                first = next(iter(record.values()))[1]
                self.problem(sheet, row, first, "xlsx_no_path")
                continue
            text, path_col = str(given[0]).strip(), given[1]
            if not _PATH.match(text):
                self.problem(sheet, row, path_col, "xlsx_bad_path", path=text)
                continue
            keys: PathKey = tuple(int(p) if p.isdecimal() else p for p in text.split("."))
            values = self.fields(sheet, row, {k: v for k, v in record.items() if k != "path"}
                                 or {"path": given}, keys, skip=("path",))  # fmt: skip
            if "value" not in values:
                self.problem(sheet, row, path_col, "xlsx_no_value", path=text)
                continue
            if not _place(into, keys, values["value"]):
                self.problem(sheet, row, path_col, "xlsx_bad_path", path=text)
                continue
            for end in range(1, len(keys)):
                mark = self.mark(sheet, row, path_col)
                self.source.values.setdefault(keys[:end], mark)
                self.source.keys.setdefault(keys[:end], mark)
            self.source.keys[keys] = self.mark(sheet, row, path_col)
            # The value's marks were made under the path plus "value": move them up one.
            for key in [k for k in self.source.values if k[: len(keys) + 1] == (*keys, "value")]:
                self.source.values[(*keys, *key[len(keys) + 1 :])] = self.source.values.pop(key)


def _as_text(value: Cell) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _place(into: dict[str, Any], path: PathKey, value: Any) -> bool:
    """Puts `value` at `path`, making mappings and lists on the way; False when the path clashes
    with one given before (a value there already, a list index out of turn)."""
    here: Any = into
    for key, after in zip(path, [*path[1:], None], strict=True):
        last = after is None
        if isinstance(key, int):
            if not isinstance(here, list) or key > len(here):
                return False
            if key == len(here):
                if last:
                    here.append(value)
                    return True
                here.append([] if isinstance(after, int) else {})
            elif last:
                return False
            here = here[key]
        else:
            if not isinstance(here, dict):
                return False
            if last:
                if key in here:
                    return False
                here[key] = value
                return True
            here = here.setdefault(key, [] if isinstance(after, int) else {})
    return False


def canvas_from_sheets(
    file: Path, sheets: dict[str, list[list[Cell]]]
) -> tuple[dict[str, Any], SourceMap, Callable[[Problem], Problem], list[Problem]]:
    """The canvas data in a workbook's sheets, its source map, how to place a problem at its
    cell, and warnings; raises `ProblemsError` for what keeps the data from being built."""
    reader = _Reader(file)
    for name in sheets:
        if name not in (SETTINGS, SECTIONS, QUESTIONS, CHOICES, COLUMNS, MORE):
            reader.warnings.append(
                CellProblem(file, 0, 0, "warning", "xlsx_unknown_sheet", {"sheet": name})
            )
    data: dict[str, Any] = {}
    reader.paths(SETTINGS, reader.records(sheets, SETTINGS, True), data)
    sections: list[dict[str, Any]] = []
    by_id: dict[str, int] = {}
    for row, record in reader.records(sheets, SECTIONS, True):
        index = len(sections)
        section = reader.fields(SECTIONS, row, record, ("sections", index))
        section["questions"] = []
        sections.append(section)
        if isinstance(section.get("id"), str):
            by_id.setdefault(section["id"], index)
    data["sections"] = sections
    questions: dict[str, tuple[dict[str, Any], PathKey]] = {}
    for row, record in reader.records(sheets, QUESTIONS, True):
        given = record.get("section")
        target = (
            by_id.get(str(reader.value(QUESTIONS, row, given[1], "section", given[0])))
            if given
            else None
        )
        if target is None:
            col = given[1] if given else 1
            reader.problem(QUESTIONS, row, col, "xlsx_unknown_section",
                           section=str(given[0]) if given else "")  # fmt: skip
            continue
        path: PathKey = ("sections", target, "questions", len(sections[target]["questions"]))
        question = reader.fields(QUESTIONS, row, record, path, skip=("section",))
        sections[target]["questions"].append(question)
        key = f"{sections[target]['id']}.{question.get('id')}"
        questions.setdefault(key, (question, path))
    columns: dict[str, tuple[dict[str, Any], PathKey]] = {}
    for row, record in reader.records(sheets, COLUMNS, False):
        found = _owner(reader, COLUMNS, row, record, questions)
        if found is None:
            continue
        question, path = found
        table = question.setdefault("columns", [])
        column_path: PathKey = (*path, "columns", len(table))
        column = reader.fields(COLUMNS, row, record, column_path, skip=("question",))
        table.append(column)
        columns.setdefault(f"{_key(record)}.{column.get('id')}", (column, column_path))
    for row, record in reader.records(sheets, CHOICES, False):
        found = _owner(reader, CHOICES, row, record, {**questions, **columns})
        if found is None:
            continue
        owner, path = found
        if owner.get("type") == "scale":
            _scale_label(reader, row, record, owner, path)
            continue
        options = owner.setdefault("choices", [])
        options.append(
            reader.fields(CHOICES, row, record, (*path, "choices", len(options)), ("question",))
        )
    more: dict[str, Any] = {}
    reader.paths(MORE, reader.records(sheets, MORE, False), more)
    for key in MORE_KEYS:
        if key in more:
            data[key] = more.pop(key)
    for key, value in more.items():  # a path of `more` that belongs in settings is fine too
        data.setdefault(key, value)
    if reader.problems:
        raise ProblemsError(reader.problems)
    return data, reader.source, reader.place, reader.warnings


def _key(record: dict[str, tuple[Cell, int]]) -> str:
    value = record.get("question", (None, 0))[0]
    return _as_text(value) if value is not None else ""


def _owner(
    reader: _Reader,
    sheet: str,
    row: int,
    record: dict[str, tuple[Cell, int]],
    owners: dict[str, tuple[dict[str, Any], PathKey]],
) -> tuple[dict[str, Any], PathKey] | None:
    key = _key(record)
    found = owners.get(key)
    if found is None:
        col = record["question"][1] if "question" in record else 1
        reader.problem(sheet, row, col, "xlsx_unknown_question", question=key)
    return found


def _scale_label(
    reader: _Reader,
    row: int,
    record: dict[str, tuple[Cell, int]],
    owner: dict[str, Any],
    path: PathKey,
) -> None:
    point, col = record.get("id", (None, 1))
    if isinstance(point, str) and re.fullmatch(r"-?\d{1,9}", point.strip()):
        point = int(point)
    if isinstance(point, float) and point.is_integer():
        point = int(point)
    if not isinstance(point, int) or isinstance(point, bool):
        reader.problem(CHOICES, row, col, "xlsx_scale_point", value=str(point or ""))
        return
    labels = owner.setdefault("labels", {})
    texts = reader.fields(CHOICES, row, record, (*path, "labels", point), ("question", "id"))
    if "label" in texts:
        labels[point] = texts["label"]
    moved = {
        k: v
        for k, v in reader.source.values.items()
        if k[: len(path) + 3] == (*path, "labels", point, "label")
    }
    for key, mark in moved.items():
        reader.source.values[(*path, "labels", point, *key[len(path) + 3 :])] = mark


def read_canvas_workbook(
    file: Path, raw: bytes | None = None
) -> tuple[dict[str, Any], SourceMap, Callable[[Problem], Problem], list[Problem]]:
    """`canvas_from_sheets` of the workbook in `file` (or its bytes `raw`)."""
    return canvas_from_sheets(file, read_sheets(file, raw))
