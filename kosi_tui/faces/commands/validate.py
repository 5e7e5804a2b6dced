"""`kosi validate`: checks canvas files and prints every problem as FILE:LINE:COL."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from kosi_tui.faces.commands.say import say
from kosi_tui.i18n import t
from kosi_tui.storage.canvas_file import load_canvas
from kosi_tui.storage.locate import NAMING, canvas_files, is_draft
from kosi_tui.storage.problems import Problem, ProblemsError


class _Output:
    """Prints until the reader goes away (`kosi validate *.yaml | head -1`); after that the
    files are still checked, so the exit status says whether they are fine."""

    def __init__(self) -> None:
        self.gone = False

    def __call__(self, text: str) -> None:
        if self.gone:
            return
        try:
            say(text)
            sys.stdout.flush()
        except BrokenPipeError:
            self.gone = True
            # Python flushes stdout again on exit and would complain there; nothing to say now.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)


def _canvases_in(path: Path) -> list[Path]:
    """A file as given; a folder stands for the canvases in it (`*.kosi.yaml`, and any other
    YAML file that is not a draft)."""
    if not path.is_dir():
        return [path]
    return [p for p in canvas_files(path) if p.name.endswith(NAMING) or not is_draft(p)]


def _empty_folder(path: Path) -> bool:
    """A folder given to check with no canvas in it is a mistake to say, not a silent pass."""
    return path.is_dir() and not _canvases_in(path)


def run_validate(files: list[Path], strict: bool, lang: str) -> int:
    """Validates each file; 1 when any has errors (or, with `strict`, warnings)."""
    out = _Output()
    failed = 0
    for folder in [file for file in files if _empty_folder(file)]:
        failed += 1
        out(Problem(folder, 1, 1, "error", "folder_without_canvases", {}).render(lang))
    files = [found for file in files for found in _canvases_in(file)]
    for file in files:
        problems: list[Problem]
        try:
            loaded = load_canvas(file)
            problems = loaded.warnings
            summary = t(
                "cli.valid_summary",
                lang,
                file=str(file),
                sections=len(loaded.canvas.sections),
                questions=loaded.canvas.question_count(),
            )
        except ProblemsError as err:
            problems = err.problems
            summary = ""
        for problem in problems:
            out(problem.render(lang))
        errors = sum(p.severity == "error" for p in problems)
        warnings = len(problems) - errors
        if errors or (strict and warnings):
            failed += 1
        elif summary:
            out(summary + (t("cli.with_warnings", lang, count=warnings) if warnings else ""))
    if len(files) > 1 or failed:
        out(t("cli.validate_total", lang, count=len(files), failed=failed))
    return 1 if failed else 0
