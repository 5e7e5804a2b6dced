"""Where a command's report goes: the file's ending decides the format, `-` is standard output,
and an existing file is never replaced unless asked."""

from __future__ import annotations

import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from kosi_tui.faces.commands.say import say
from kosi_tui.i18n import t
from kosi_tui.storage.atomic import WriteError, write_atomic

FORMATS = {"md": "Markdown", "html": "HTML"}
"""The formats kosi writes, with the name people know them by."""
SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
NOT_YET = frozenset(
    (".pdf", ".docx", ".doc", ".odt", ".rtf", ".csv", ".xlsx", ".xls", ".ods", ".txt", ".json")
)
"""Endings people will try for a report that kosi cannot write (yet): refused, not mislabelled."""
STDOUT = Path("-")


class OutputRefused(Exception):
    """`-o` and `--format` ask for something kosi cannot write; the message says what can be."""


@dataclass(frozen=True)
class Output:
    """Where a report goes and as what."""

    given: Path | None
    """The `-o` path; None for the default name next to the source."""
    fmt: str
    """`md` or `html`."""

    @property
    def to_stdout(self) -> bool:
        """Whether the report goes to standard output (`-o -`); then messages go to stderr."""
        return self.given == STDOUT

    def path(self, default: Path) -> Path:
        """The file to write: the one given, else `default` with the format's ending."""
        if self.given is not None:
            return self.given
        return default.with_suffix(".html" if self.fmt == "html" else ".md")


def _formats() -> str:
    return ", ".join(f"{name} (.{fmt})" for fmt, name in FORMATS.items())


def choose_output(given: Path | None, fmt: str | None, lang: str) -> Output:
    """The output for `-o` and `--format`; raises `OutputRefused` for an ending kosi cannot write
    or a `--format` that contradicts the ending.

    A path without an ending (`/dev/stdout`, `-`) takes `--format`, else Markdown.
    """
    suffix = "" if given is None or given == STDOUT else given.suffix.lower()
    if not suffix:
        return Output(given, fmt or "md")
    if suffix in SUFFIXES:
        implied = SUFFIXES[suffix]
        if fmt is not None and fmt != implied:
            raise OutputRefused(
                t("cli.format_conflict", lang, fmt=fmt, suffix=suffix, formats=_formats())
            )
        return Output(given, implied)
    key = "cli.format_not_yet" if suffix in NOT_YET else "cli.format_unknown"
    raise OutputRefused(t(key, lang, suffix=suffix, formats=_formats()))


def _is_stream(path: Path) -> bool:
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def write_output(output: Output, default: Path, text: str, force: bool, lang: str) -> int:
    """Writes the report and says where; 1 with a message when it exists or cannot be written."""
    data = text.encode("utf-8")
    if output.to_stdout:
        sys.stdout.flush()
        # Bytes, so the report is UTF-8 whatever the locale says (the HTML declares UTF-8).
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:
            sys.stdout.write(text)
        else:
            buffer.write(data)
        sys.stdout.flush()
        return 0
    path = output.path(default)
    # Writing into a device or pipe (/dev/stdout, /dev/null) replaces nothing.
    stream = _is_stream(path)
    if path.exists() and not force and not stream:
        say(t("save.exists", lang, path=str(path)))
        return 1
    try:
        write_atomic(path, data, backup=False)
    except WriteError as err:
        say(t(f"save.{err.code}", lang, path=str(err.path), reason=err.reason))
        return 1
    if not stream:
        # On a stream the report itself may be on the terminal: no message after it.
        say(t("cli.written", lang, path=str(path)))
    return 0
