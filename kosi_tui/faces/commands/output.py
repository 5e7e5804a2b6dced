"""Where a command's report goes: the file's ending decides the format, `-` is standard output,
and an existing file is never replaced unless asked."""

from __future__ import annotations

import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from kosi_tui.faces.commands.say import say
from kosi_tui.i18n import t
from kosi_tui.report.formats import BY_KEY, BY_SUFFIX, DOCUMENT_KEYS, NOT_YET
from kosi_tui.storage.atomic import WriteError, write_atomic
from kosi_tui.storage.write_problem import describe

STDOUT = Path("-")


class OutputRefused(Exception):
    """`-o` and `--format` ask for something kosi cannot write; the message says what can be."""


@dataclass(frozen=True)
class Output:
    """Where a report goes and as what."""

    given: Path | None
    """The `-o` path; None for the default name next to the source."""
    fmt: str
    """A key of `report.formats.BY_KEY`."""

    @property
    def to_stdout(self) -> bool:
        """Whether the report goes to standard output (`-o -`); then messages go to stderr."""
        return self.given == STDOUT

    def path(self, default: Path) -> Path:
        """The file to write: the one given, else `default` with the format's ending."""
        if self.given is not None:
            return self.given
        return default.with_suffix(BY_KEY[self.fmt].suffix)


def _formats(allowed: tuple[str, ...]) -> str:
    return ", ".join(f"{BY_KEY[fmt].label} ({BY_KEY[fmt].suffix})" for fmt in allowed)


def choose_output(
    given: Path | None, fmt: str | None, lang: str, allowed: tuple[str, ...] = DOCUMENT_KEYS
) -> Output:
    """The output for `-o` and `--format`; raises `OutputRefused` for an ending kosi cannot write
    (here: outside `allowed`) or a `--format` that contradicts the ending.

    A path without an ending (`/dev/stdout`, `-`) takes `--format`, else Markdown.
    """
    suffix = "" if given is None or given == STDOUT else given.suffix.lower()
    formats = _formats(allowed)
    if not suffix:
        chosen = fmt or "md"
        if chosen not in allowed:
            raise OutputRefused(t("cli.sheet_only", lang, formats=formats))
        return Output(given, chosen)
    if suffix in BY_SUFFIX:
        implied = BY_SUFFIX[suffix].key
        if fmt is not None and fmt != implied:
            raise OutputRefused(
                t("cli.format_conflict", lang, fmt=fmt, suffix=suffix, formats=formats)
            )
        if implied not in allowed:
            key = "cli.sheet_only" if BY_KEY[implied].kind == "sheet" else "cli.format_not_yet"
            raise OutputRefused(t(key, lang, suffix=suffix, formats=formats))
        return Output(given, implied)
    key = "cli.format_not_yet" if suffix in NOT_YET else "cli.format_unknown"
    raise OutputRefused(t(key, lang, suffix=suffix, formats=formats))


def is_stream(path: Path) -> bool:
    """Whether `path` is a device or a pipe (/dev/stdout, /dev/null), not a file."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def write_output(output: Output, default: Path, text: str | bytes, force: bool, lang: str) -> int:
    """Writes the report and says where; 1 with a message when it exists or cannot be written."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    if output.to_stdout:
        sys.stdout.flush()
        # Bytes, so the report is UTF-8 whatever the locale says (the HTML declares UTF-8).
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:
            sys.stdout.write(text if isinstance(text, str) else data.decode("utf-8", "replace"))
        else:
            buffer.write(data)
        sys.stdout.flush()
        return 0
    path = output.path(default)
    # Writing into a device or pipe (/dev/stdout, /dev/null) replaces nothing.
    stream = is_stream(path)
    if path.exists() and not force and not stream:
        say(t("save.exists", lang, path=str(path)))
        return 1
    try:
        write_atomic(path, data, backup=False)
    except WriteError as err:
        # A command holds no answers to reassure about ("Ihre Antworten sind noch da"): it
        # needs another place.
        say(describe(err, lang, holding="document", elsewhere="-o"))
        return 1
    if not stream:
        # On a stream the report itself may be on the terminal: no message after it.
        say(t("cli.written", lang, path=str(path)))
    return 0
