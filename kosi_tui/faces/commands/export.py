"""`kosi export CANVAS --xlsx`: a canvas in another tool's format, written where `-o` says."""

from __future__ import annotations

from pathlib import Path

from kosi_tui.faces.commands.output import Output, write_output
from kosi_tui.faces.commands.say import say
from kosi_tui.i18n import t
from kosi_tui.storage.locate import find_canvas
from kosi_tui.storage.problems import ProblemsError

SUFFIXES = {"xlsx": ".xlsx"}
"""Each format's file ending; without `-o` the file is named after the canvas."""


def export_bytes(data: dict[str, object], fmt: str, target: Path) -> tuple[bytes, list[str]]:
    """The exported file and what the format could not hold (one line each)."""
    from kosi_tui.exchange.canvas_xlsx import canvas_sheets
    from kosi_tui.exchange.workbook import workbook_bytes

    return workbook_bytes(target, canvas_sheets(data)), []


def run_export(source: str, fmt: str, output: Path | None, force: bool, lang: str) -> int:
    """Exports the canvas `source` (a file or an id); 1 with a message when it cannot."""
    from kosi_tui.storage.canvas_file import load_canvas

    path = find_canvas(source)
    if path is None or not path.exists():
        say(t("cli.no_such_canvas", lang, name=source))
        return 1
    try:
        canvas = load_canvas(path).canvas
        target = output or Path(f"{canvas.id}{SUFFIXES[fmt]}")
        data = canvas.model_dump(by_alias=True, exclude_unset=True)
        content, left_out = export_bytes(data, fmt, target)
    except ProblemsError as err:
        for problem in err.problems:
            say(problem.render(lang), err=True)
        return 1
    for line in left_out:
        say(t("cli.export_left_out", lang, what=line), err=True)
    return write_output(Output(target, "md"), target, content, force, lang)
