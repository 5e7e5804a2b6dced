"""The counts people read, in words: the progress line (app, plain mode, start page, report) and a
canvas's number of questions on the start page. All of them come from `Session.progress`, so the
start page, the progress line, the overview, plain mode and the report never disagree."""

from __future__ import annotations

from kosi_tui.core.compiled import CompiledCanvas
from kosi_tui.core.session import Progress, fresh_session
from kosi_tui.i18n import t


def added_text(progress: Progress, lang: str, after_all: bool = False) -> str:
    """Says how many required questions conditions added because of the answers (" – 4 kamen
    durch Ihre Antworten dazu"), so a growing total is no mystery; empty when none. `after_all`:
    it follows the count of all questions (in the report), so it names the required ones."""
    if not progress.added:
        return ""
    key = "progress.added_required" if after_all else "progress.added"
    return t(key, lang, count=progress.added)


def progress_text(progress: Progress, lang: str) -> str:
    """The progress line: "7 von 45 Pflichtfragen beantwortet – 4 kamen durch Ihre Antworten
    dazu"."""
    if not progress.required_total:
        return t("ui.progress_none", lang)
    done = t("ui.progress", lang, done=progress.required_answered, total=progress.required_total)
    return done + added_text(progress, lang)


def canvas_line(compiled: CompiledCanvas, lang: str) -> str:
    """A canvas on the start page: the questions a new draft of it shows (the report of that
    draft counts the same), how many more its answers may bring, and the time it takes."""
    shown = fresh_session(compiled).progress().total
    most = compiled.canvas.question_count()
    more = t("progress.up_to", lang, most=most) if most > shown else ""
    minutes = compiled.canvas.minutes
    if minutes:
        return t("progress.canvas_line", lang, questions=shown, more=more, minutes=minutes)
    return t("progress.canvas_line_nominutes", lang, questions=shown, more=more)
