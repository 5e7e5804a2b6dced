"""`kosi preview FILE`: the canvas being written, shown as people will fill it and loaded again
whenever the file is saved."""

from __future__ import annotations

import sys

from kosi_tui.core.visible_text import for_terminal
from kosi_tui.faces.commands.fill import tell_where_drafts_are
from kosi_tui.faces.commands.say import say
from kosi_tui.i18n import t
from kosi_tui.storage.locate import find_canvas


def run_preview(name: str, lang: str, light: bool) -> int:
    """Runs the preview until the person quits; 1 when there is no such file or no terminal."""
    path = find_canvas(name)
    if path is None or not path.is_file():
        say(t("cli.no_such_canvas", lang, name=for_terminal(name)))
        return 1
    if not sys.stdout.isatty() or not sys.stdin.isatty():
        say(t("cli.preview_needs_terminal", lang, path=for_terminal(str(path))))
        return 1
    from kosi_tui.faces.tui.app import LIGHT
    from kosi_tui.faces.tui.preview import PreviewApp

    app = PreviewApp(lang, path, LIGHT if light else None)
    code = app.run_saving()
    tell_where_drafts_are(app.fillings, app.lang)
    return code
