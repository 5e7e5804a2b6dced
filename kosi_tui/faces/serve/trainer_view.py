"""The trainer's live view in the terminal running `kosi serve --workshop`.

Who has started a draft, how far each is (sections complete) and when it was last saved, read
from the workshop folder; how many browsers are connected; the URL and the code. The drafts
are read without marking them open, in a thread, and again only when a file has changed.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Group
from rich.live import Live
from rich.table import Table
from rich.text import Text

from kosi_tui.faces.serve.attempts import Failures
from kosi_tui.i18n import t

if TYPE_CHECKING:
    from kosi_tui.faces.serve.server import KosiServer

PERIOD = 2.0
"""Seconds between two looks at the workshop folder."""


@dataclass(frozen=True)
class Participant:
    """One draft in the workshop folder, as the trainer sees it."""

    person: str
    organisation: str
    complete: int
    sections: int
    saved: dt.datetime


def read_participant(path: Path) -> Participant | None:
    """The draft at `path` in short; None when it cannot be read (yet)."""
    from kosi_tui.faces.filling import Filling
    from kosi_tui.storage.opening import open_draft
    from kosi_tui.storage.problems import ProblemsError

    try:
        saved = dt.datetime.fromtimestamp(path.stat().st_mtime)
        opened = open_draft(path)
    except (OSError, ProblemsError):
        return None
    # The constructor only reads; `Filling.open` would mark the draft as open here.
    filling = Filling(opened.canvas, opened.draft, path)
    sections = opened.canvas.canvas.sections
    complete = sum(filling.section_state(s.id) == "complete" for s in sections)
    draft = opened.draft
    return Participant(draft.author, draft.organisation, complete, len(sections), saved)


class Roster:
    """The workshop's drafts, re-read only when their files change."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._known: dict[Path, tuple[tuple[float, int], Participant | None]] = {}

    def read(self) -> list[Participant | None]:
        """Every draft, most recently saved first (unreadable ones last)."""
        from kosi_tui.storage.draft_file import is_conflict_copy

        seen: dict[Path, tuple[tuple[float, int], Participant | None]] = {}
        for path in sorted(self.folder.glob("*.yaml")):
            if is_conflict_copy(path):
                continue  # the same participant again
            try:
                stat = path.stat()
            except OSError:
                continue
            stamp = (stat.st_mtime, stat.st_size)
            known = self._known.get(path)
            seen[path] = known if known and known[0] == stamp else (stamp, read_participant(path))
        self._known = seen
        rows = [row for _, row in seen.values()]
        return sorted(rows, key=lambda r: r.saved.timestamp() if r else 0.0, reverse=True)


def failures_line(failures: list[Failures], lang: str) -> Text | None:
    """Wrong codes by address (at most eight), locked-out ones marked; None when there are none."""
    if not failures:
        return None
    items = []
    for failed in failures[:8]:
        item = t("serve.view_failure", lang, address=failed.address,
                 count=failed.wrong + failed.refused)  # fmt: skip
        items.append(item + (f" ({t('serve.view_locked', lang)})" if failed.locked else ""))
    if len(failures) > 8:
        items.append("…")
    return Text(t("serve.view_failures", lang, items=", ".join(items)), style="yellow")


def render(
    rows: list[Participant | None],
    browsers: int,
    urls: list[str],
    code: str | None,
    lang: str,
    failures: list[Failures] | None = None,
) -> Group:
    """The view: a header line, wrong codes by address if any, and a table of participants."""
    head = Text(t("serve.view_title", lang), style="bold")
    head.append("  " + "  ".join(urls))
    if code:
        head.append("  " + t("serve.code_is", lang, code=code), style="bold")
    head.append("  " + t("serve.view_browsers", lang, count=browsers))
    failed = failures_line(failures or [], lang)
    if failed is not None:
        head = Text("\n").join([head, failed])
    if not rows:
        return Group(head, Text(t("serve.view_nobody", lang), style="dim"))
    table = Table(expand=False)
    for key in ("serve.view_person", "serve.view_organisation"):
        table.add_column(t(key, lang))
    table.add_column(t("serve.view_progress", lang), justify="right")
    table.add_column(t("serve.view_saved", lang), justify="right")
    for row in rows:
        if row is None:
            table.add_row(t("serve.view_unreadable", lang), "", "", "")
        else:
            table.add_row(
                Text(row.person),  # Text, not markup: names are typed by participants
                Text(row.organisation),
                f"{row.complete}/{row.sections}",
                f"{row.saved:%H:%M:%S}",
            )
    return Group(head, table)


def start_trainer_view(server: KosiServer, folder: Path, urls: list[str], code: str | None) -> None:
    """Starts the live view on the server's console; it stops with the server."""
    roster = Roster(folder)
    live = Live(console=server.console, auto_refresh=False, transient=False)

    async def keep_up() -> None:
        live.start()
        try:
            while True:
                rows = await asyncio.to_thread(roster.read)
                failures = server.attempts.failures()
                live.update(render(rows, len(server.sessions), urls, code, server.lang, failures))
                live.refresh()
                await asyncio.sleep(PERIOD)
        finally:
            live.stop()

    task = asyncio.get_running_loop().create_task(keep_up())
    server.on_stop.append(task.cancel)
