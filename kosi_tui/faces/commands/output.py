"""Writing a report file for a command: never over an existing file unless asked, and say where."""

from __future__ import annotations

from pathlib import Path

from kosi_tui.i18n import t
from kosi_tui.storage.atomic import WriteError, write_atomic


def output_path(given: Path | None, default: Path, fmt: str | None) -> tuple[Path, str]:
    """The file to write and its format (`md` or `html`), from `-o` and `--format`."""
    if given is not None:
        suffix = given.suffix.lower().lstrip(".")
        chosen = fmt or ("html" if suffix in ("html", "htm") else "md")
        return given, chosen
    chosen = fmt or "md"
    return default.with_suffix(".html" if chosen == "html" else ".md"), chosen


def write_output(path: Path, text: str, force: bool, lang: str) -> int:
    """Writes the file and prints its path; 1 with a message when it exists or cannot be written."""
    if path.exists() and not force:
        print(t("save.exists", lang, path=str(path)))
        return 1
    try:
        write_atomic(path, text.encode("utf-8"), backup=False)
    except WriteError as err:
        print(t(f"save.{err.code}", lang, path=str(err.path), reason=err.reason))
        return 1
    print(t("cli.written", lang, path=str(path)))
    return 0
