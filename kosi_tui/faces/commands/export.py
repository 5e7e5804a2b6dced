"""`kosi export CANVAS --xlsx|--xlsform|--limesurvey`: a canvas in another tool's format, written where `-o`
says; what the format cannot hold is listed on standard error (and in the file)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kosi_tui.faces.commands.output import Output, write_output
from kosi_tui.faces.commands.say import say
from kosi_tui.i18n import t
from kosi_tui.storage.locate import find_canvas
from kosi_tui.storage.problems import ProblemsError

if TYPE_CHECKING:
    from kosi_tui.storage.canvas_file import LoadedCanvas

SUFFIXES = {"xlsx": ".xlsx", "xlsform": "-xlsform.xlsx", "limesurvey": "-limesurvey.txt"}
"""Each format's file ending; without `-o` the file is named after the canvas."""


def export_bytes(
    loaded: LoadedCanvas, fmt: str, target: Path, lang: str
) -> tuple[bytes, list[str]]:
    """The exported file and what the format could not hold (one line each)."""
    from kosi_tui.exchange.workbook import workbook_bytes

    if fmt == "limesurvey":
        from kosi_tui.exchange.limesurvey import limesurvey_text

        text, left_out = limesurvey_text(loaded.compiled, lang)
        # With the byte order mark, as LimeSurvey's own export writes the file.
        return "\ufeff".encode() + text.encode("utf-8"), left_out
    if fmt == "xlsform":
        from kosi_tui.exchange.xlsform import xlsform_sheets

        sheets, left_out = xlsform_sheets(loaded.compiled, lang)
        return workbook_bytes(target, sheets), left_out
    from kosi_tui.exchange.canvas_xlsx import canvas_sheets

    data = loaded.canvas.model_dump(by_alias=True, exclude_unset=True)
    return workbook_bytes(target, canvas_sheets(data)), []


def run_export(source: str, fmt: str, output: Path | None, force: bool, lang: str) -> int:
    """Exports the canvas `source` (a file or an id); 1 with a message when it cannot."""
    from kosi_tui.storage.canvas_file import load_canvas

    path = find_canvas(source)
    if path is None or not path.exists():
        say(t("cli.no_such_canvas", lang, name=source))
        return 1
    try:
        loaded = load_canvas(path)
        target = output or Path(f"{loaded.canvas.id}{SUFFIXES[fmt]}")
        content, left_out = export_bytes(loaded, fmt, target, lang)
    except ProblemsError as err:
        for problem in err.problems:
            say(problem.render(lang), err=True)
        return 1
    for line in left_out:
        say(t("cli.export_left_out", lang, what=line), err=True)
    return write_output(Output(target, "md"), target, content, force, lang)
