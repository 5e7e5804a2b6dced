"""Safe YAML reading that remembers where every value stood in the file.

PyYAML's composer gives nodes with positions; we build plain Python data from them ourselves so
that we can refuse duplicate keys, cyclic or exploding aliases and unsafe tags with a message
that names the line, instead of letting `safe_load` guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kosi_tui.core.numbers import date_mistake
from kosi_tui.core.visible_text import printable
from kosi_tui.storage.problems import Problem, ProblemsError

MAX_BYTES = 2 * 1024 * 1024
"""Largest file read; canvases and drafts are far smaller."""
MAX_NODES = 200_000
"""Most values built from one file, counting every expansion of an alias."""
MAX_DEPTH = 64
"""Deepest nesting of lists and mappings; canvases and drafts need fewer than ten levels."""

_PLAIN_TAGS = frozenset({"tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"})

PathKey = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Mark:
    """A 1-based line and column, and for scalars how the text was written."""

    line: int
    col: int
    style: str | None = None
    single_line: bool = True
    raw: str | None = None
    """The scalar as written, for messages about YAML's own reading of it (`no` is false)."""


@dataclass
class SourceMap:
    """Where each value (and each mapping key) of the data stood in the file."""

    values: dict[PathKey, Mark] = field(default_factory=dict)
    keys: dict[PathKey, Mark] = field(default_factory=dict)

    def find(self, path: PathKey, at_key: bool = False) -> Mark:
        """The mark of `path`, or of the nearest enclosing value that has one."""
        if at_key and path in self.keys:
            return self.keys[path]
        for end in range(len(path), -1, -1):
            mark = self.values.get(path[:end])
            if mark is not None:
                return mark
        return Mark(1, 1)

    def expression_col(self, path: PathKey, offset: int) -> tuple[int, int]:
        """Line and column of character `offset` of a single-line scalar at `path`."""
        mark = self.find(path)
        if mark.single_line and mark.style in (None, "", "'", '"'):
            quote = 1 if mark.style in ("'", '"') else 0
            return mark.line, mark.col + quote + offset
        return mark.line, mark.col


def _mark(node: yaml.Node) -> Mark:
    start, end = node.start_mark, node.end_mark
    if isinstance(node, yaml.ScalarNode):
        raw = node.value if len(node.value) <= 200 else None
        return Mark(start.line + 1, start.column + 1, node.style, start.line == end.line, raw)
    return Mark(start.line + 1, start.column + 1)


class _Builder:
    def __init__(self, file: Path) -> None:
        self.file = file
        self.count = 0
        self.source = SourceMap()
        self.problems: list[Problem] = []
        self.constructor = yaml.SafeLoader("")

    def problem(self, node: yaml.Node, code: str, **args: Any) -> None:
        mark = _mark(node)
        self.problems.append(Problem(self.file, mark.line, mark.col, "error", code, args))

    def fatal(self, node: yaml.Node, code: str, **args: Any) -> ProblemsError:
        """A problem that stops building at once (the file is too big or too deep to go on)."""
        mark = _mark(node)
        return ProblemsError.one(self.file, code, args, mark.line, mark.col)

    def build(self, node: yaml.Node, path: PathKey, active: frozenset[int]) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.fatal(node, "yaml_too_many_nodes", limit=MAX_NODES)
        if id(node) in active:
            self.problem(node, "yaml_recursive_alias")
            return None
        if len(path) > MAX_DEPTH:
            raise self.fatal(node, "yaml_too_deep", limit=MAX_DEPTH)
        if not isinstance(node, yaml.ScalarNode) and node.tag not in _PLAIN_TAGS:
            # `!!python/object/apply:…` on a list: never built, and never silently accepted.
            self.problem(node, "yaml_bad_tag", tag=node.tag)
            return None
        self.source.values[path] = _mark(node)
        if isinstance(node, yaml.ScalarNode):
            try:
                value = self.constructor.construct_object(node, deep=True)
            except yaml.YAMLError:
                self.problem(node, "yaml_bad_tag", tag=node.tag)
                return None
            except ValueError:
                # PyYAML reads `2030-02-30` as a date and fails on the day no calendar has.
                mistake = date_mistake(node.value)
                if mistake is None:
                    self.problem(node, "yaml_bad_value", value=node.value)
                else:
                    self.problem(node, mistake[0], **mistake[1])
                return None
            # "\e]0;…" in a quoted string is valid YAML: shown, never sent to a terminal.
            return printable(value) if isinstance(value, str) else value
        inner = active | {id(node)}
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, (*path, i), inner) for i, child in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.problem(key_node, "yaml_merge_key")
                    continue
                if not isinstance(key_node, yaml.ScalarNode):
                    self.problem(key_node, "yaml_complex_key")
                    continue
                key = self.build(key_node, (*path, "\0key"), inner)
                if not isinstance(key, str | int | float | bool) and key is not None:
                    key = str(key)
                if key in result:
                    self.problem(key_node, "yaml_duplicate_key", key=str(key))
                    continue
                self.source.keys[(*path, key)] = _mark(key_node)
                result[key] = self.build(value_node, (*path, key), inner)
            return result
        self.problem(node, "yaml_bad_tag", tag=node.tag)  # pragma: no cover - no other node kinds
        return None


def decode(file: Path, raw: bytes) -> str:
    """The text of a file; raises `ProblemsError` for files that are too big or not UTF-8."""
    if len(raw) > MAX_BYTES:
        raise ProblemsError.one(file, "file_too_large", {"size": len(raw), "limit": MAX_BYTES})
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        col = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        raise ProblemsError.one(file, "not_utf8", None, line, col) from None


def read_file(file: Path) -> bytes:
    """The bytes of a file; raises `ProblemsError` when it cannot be read."""
    try:
        if file.stat().st_size > MAX_BYTES:
            raise ProblemsError.one(
                file, "file_too_large", {"size": file.stat().st_size, "limit": MAX_BYTES}
            )
        return file.read_bytes()
    except FileNotFoundError:
        raise ProblemsError.one(file, "file_missing") from None
    except IsADirectoryError:
        raise ProblemsError.one(file, "file_is_folder") from None
    except PermissionError:
        raise ProblemsError.one(file, "file_unreadable") from None
    except OSError as err:
        raise ProblemsError.one(
            file, "file_os_error", {"reason": err.strerror or str(err)}
        ) from None


_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's composer where installed: the same nodes and positions, several times faster."""


def _reader_problem(file: Path, text: str, err: yaml.reader.ReaderError) -> ProblemsError:
    position = min(max(err.position, 0), len(text))
    line = text.count("\n", 0, position) + 1
    col = position - (text.rfind("\n", 0, position) + 1) + 1
    code = f"U+{err.character:04X}" if isinstance(err.character, int) else "?"
    return ProblemsError.one(file, "control_character", {"code": code}, line, col)


_QUOTED_VALUE = re.compile(r"""(?:^|[:,\[{-])\s+(["'])""")


def _quotes_inside_quotes(line: str) -> bool:
    """Whether a quoted value on `line` ends where its text goes on: `show_if: "x == "a""`.
    YAML takes the inner quote as the end of the text, and its own message says nothing of it."""
    for match in _QUOTED_VALUE.finditer(line):
        quote, i = match.group(1), match.end()
        while i < len(line):
            if quote == '"' and line[i] == "\\":
                i += 2
                continue
            if line[i] == quote:
                if quote == "'" and line[i + 1 : i + 2] == "'":  # '' is a ' inside '…'
                    i += 2
                    continue
                break
            i += 1
        after = line[i + 1 :].lstrip()
        if i < len(line) and after and after[0] not in ",]}#:":
            return True
    return False


def parse_yaml(file: Path, text: str) -> tuple[Any, SourceMap]:
    """Data and source map of YAML text; raises `ProblemsError` for anything unsafe or broken."""
    loader: yaml.SafeLoader | None = None
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
    except yaml.reader.ReaderError as err:
        raise _reader_problem(file, text, err) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = err.problem or "syntax error"
        lines = text.splitlines()
        source_line = lines[line - 1] if 0 < line <= len(lines) else ""
        if "undefined alias" in problem:
            alias = re.match(r"\*([^\s,\[\]{}]+)", source_line[col - 1 :])
            name = alias.group(1) if alias else "?"
            raise ProblemsError.one(file, "yaml_unknown_alias", {"name": name}, line, col) from None
        code = "yaml_tab" if "\t" in source_line[: col + 1] else "yaml_syntax"
        if code == "yaml_syntax" and _quotes_inside_quotes(source_line):
            code = "yaml_nested_quotes"
        raise ProblemsError.one(file, code, {"detail": problem}, line, col) from None
    except yaml.YAMLError as err:
        raise ProblemsError.one(file, "yaml_syntax", {"detail": str(err)}) from None
    finally:
        if loader is not None:
            loader.dispose()
    if node is None:
        raise ProblemsError.one(file, "file_empty")
    builder = _Builder(file)
    data = builder.build(node, (), frozenset())
    if builder.problems:
        raise ProblemsError(builder.problems)
    return data, builder.source


def load_yaml(file: Path) -> tuple[Any, SourceMap]:
    """Read, decode and parse one YAML file."""
    return parse_yaml(file, decode(file, read_file(file)))
