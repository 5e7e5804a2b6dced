"""`kosi` and `kosi fill`: start the Textual app on the home screen, a canvas or a draft."""

from __future__ import annotations

from pathlib import Path

from kosi_tui.i18n import t
from kosi_tui.storage.catalog import find_canvas
from kosi_tui.storage.problems import ProblemsError
from kosi_tui.storage.yaml_source import load_yaml


def _is_draft(path: Path) -> bool:
    try:
        data, _ = load_yaml(path)
    except ProblemsError:
        return False
    return isinstance(data, dict) and str(data.get("format", "")).startswith("kosi-answers/")


def run_fill(source: str | None, draft: Path | None, lang: str, light: bool) -> int:
    """Runs the app; returns its exit code."""
    from kosi_tui.faces.tui.app import LIGHT, KosiApp, Start

    start = Start()
    if draft is not None and draft.exists() and source is None:
        start = Start("draft", draft)
    elif source is not None:
        path = Path(source)
        if path.is_file() and _is_draft(path):
            start = Start("draft", path)
        else:
            canvas = find_canvas(source)
            if canvas is None or not canvas.exists():
                print(t("cli.no_such_canvas", lang, name=source))
                return 1
            if draft is not None and draft.exists():
                start = Start("draft", draft)
            else:
                start = Start("canvas", canvas, draft)
    app = KosiApp(lang, start, LIGHT if light else None)
    app.run()
    return app.return_code or 0
