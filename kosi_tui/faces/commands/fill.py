"""`kosi` and `kosi fill`: start the Textual app on the home screen, a canvas or a draft."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kosi_tui.faces.commands.own_command import resume_line
from kosi_tui.faces.commands.say import say
from kosi_tui.i18n import t
from kosi_tui.storage.locate import find_canvas, is_draft

if TYPE_CHECKING:
    from kosi_tui.faces.filling import Filling


def _plain_wanted(flag: bool) -> bool:
    """Plain mode when asked for, or when the terminal cannot show the app."""
    return flag or os.environ.get("KOSI_PLAIN", "") not in ("", "0") or not sys.stdout.isatty()


def run_fill(
    source: str | None,
    draft: Path | None,
    lang: str,
    light: bool,
    plain: bool = False,
    lang_given: bool = True,
) -> int:
    """Runs the app (or the plain prompt mode); returns its exit code.

    A draft opens in its own language (`lang` in the file, the one it was last filled in) unless
    `--lang` was given (`lang_given`): a choice made for this run beats the choice remembered
    for the draft, which beats the standing default (KOSI_LANG, the locale) that `lang` is then.
    """
    if _plain_wanted(plain):
        return _run_plain(source, draft, lang, lang_given)
    from kosi_tui.faces.tui import collector

    collector.hold()  # until the app's first screen is drawn
    from kosi_tui.faces.tui.app import LIGHT, KosiApp, Start

    start = Start()
    if draft is not None and draft.exists() and source is None:
        start = Start("draft", draft)
    elif source is not None:
        path = Path(source)
        if path.is_file() and is_draft(path):
            start = Start("draft", path)
        else:
            canvas = find_canvas(source)
            if canvas is None or not canvas.exists():
                say(t("cli.no_such_canvas", lang, name=source))
                return 1
            if draft is not None and draft.exists():
                start = Start("draft", draft)
            else:
                start = Start("canvas", canvas, draft)
    if start.kind == "draft" and start.path is not None and not lang_given:
        lang = _language_of(start.path) or lang
    app = KosiApp(lang, start, LIGHT if light else None)
    code = app.run_saving()
    tell_where_drafts_are(app.fillings, app.lang)
    return code


def tell_where_drafts_are(fillings: list[Filling], lang: str) -> None:
    """After the app: where each draft of this run is, and how to go on with it."""
    for filling in fillings:
        path = filling.path
        if filling.last.error is not None or filling.dirty:
            say(t("cli.draft_not_saved", lang, path=str(path)), err=True)
            _rescue(filling, lang)
            continue
        command = resume_line(path, filling.draft.lang, lang)
        say(t("cli.draft_where", lang, path=str(path), command=command))


def _rescue(filling: Filling, lang: str) -> None:
    """The app ended without saving a draft (its disk failed, then the terminal closed or the
    person quit anyway): as in plain mode, the answers are not left in memory only."""
    from kosi_tui.faces.autosave import rescue
    from kosi_tui.storage.draft_file import draft_to_yaml

    copy = rescue(filling)
    if copy is not None:
        command = resume_line(copy, filling.draft.lang, lang)
        say(t("cli.emergency_copy", lang, copy=str(copy), command=command), err=True)
        return
    say(t("cli.emergency_screen", lang), err=True)
    say(draft_to_yaml(filling.snapshot().draft), err=True)


def _language_of(path: Path) -> str | None:
    """The language a draft was last filled in; None if the file cannot be read (the app then
    says why when it opens it)."""
    from kosi_tui.storage.draft_file import load_draft
    from kosi_tui.storage.problems import ProblemsError

    try:
        return load_draft(path).lang
    except (ProblemsError, OSError):
        return None


def _run_plain(source: str | None, draft: Path | None, lang: str, lang_given: bool) -> int:
    from kosi_tui.faces.filling import Filling
    from kosi_tui.faces.plain import start_plain
    from kosi_tui.storage.canvas_file import load_canvas
    from kosi_tui.storage.problems import ProblemsError

    try:
        target = Path(source) if source else draft
        if not (target is not None and target.is_file() and is_draft(target)):
            target = draft if draft is not None and draft.exists() else None
        if target is not None:
            filling = Filling.open(target)
            return start_plain(filling, lang if lang_given else filling.draft.lang)
        canvas_path = find_canvas(source or "innovationslabor")
        if canvas_path is None or not canvas_path.exists():
            say(t("cli.no_such_canvas", lang, name=source))
            return 1
        return start_plain(load_canvas(canvas_path), lang, draft_path=draft)
    except ProblemsError as err:
        for problem in err.problems:
            say(problem.render(lang))
        return 1
