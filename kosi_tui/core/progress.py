"""The counts people read, in words: the progress line (app, plain mode, start page, report) and a
canvas's number of questions on the start page. All of them come from `Session.progress`, so the
start page, the progress line, the overview, plain mode and the report never disagree.

The words need only the counts: the start page says them before the canvas engine is loaded
(from what it listed last time), so the engine is imported here only to count.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from kosi_tui.i18n import t

if TYPE_CHECKING:
    from kosi_tui.core.compiled import CompiledCanvas


class Counted(Protocol):
    """What the progress line says: `Session.progress`, or those counts kept (`RequiredCount`)."""

    @property
    def required_answered(self) -> int: ...

    @property
    def required_total(self) -> int: ...

    @property
    def added(self) -> int: ...


@dataclass(frozen=True)
class RequiredCount:
    """The counts of a `Session.progress` that the progress line says."""

    required_answered: int
    required_total: int
    added: int = 0


def added_text(progress: Counted, lang: str, after_all: bool = False) -> str:
    """Says how many required questions conditions added because of the answers (" – 4 kamen
    durch Ihre Antworten dazu"), so a growing total is no mystery; empty when none. `after_all`:
    it follows the count of all questions (in the report), so it names the required ones."""
    if not progress.added:
        return ""
    key = "progress.added_required" if after_all else "progress.added"
    return t(key, lang, count=progress.added)


def progress_text(progress: Counted, lang: str) -> str:
    """The progress line: "7 von 45 Pflichtfragen beantwortet – 4 kamen durch Ihre Antworten
    dazu"."""
    if not progress.required_total:
        return t("ui.progress_none", lang)
    done = t("ui.progress", lang, done=progress.required_answered, total=progress.required_total)
    return done + added_text(progress, lang)


def canvas_line(compiled: CompiledCanvas, lang: str) -> str:
    """A canvas on the start page: the questions a new draft of it shows (the report of that
    draft counts the same), how many more its answers may bring, and the time it takes."""
    return canvas_words(*canvas_counts(compiled), lang)


def canvas_counts(compiled: CompiledCanvas) -> tuple[int, int, int | None]:
    """The questions a new draft shows, the most its answers may bring, and the minutes."""
    from kosi_tui.core.session import fresh_session

    shown = fresh_session(compiled).progress().total
    return shown, compiled.canvas.question_count(), compiled.canvas.minutes


def canvas_words(shown: int, most: int, minutes: int | None, lang: str) -> str:
    """`canvas_line` from its counts."""
    more = t("progress.up_to", lang, most=most) if most > shown else ""
    if minutes:
        return t("progress.canvas_line", lang, questions=shown, more=more, minutes=minutes)
    return t("progress.canvas_line_nominutes", lang, questions=shown, more=more)
