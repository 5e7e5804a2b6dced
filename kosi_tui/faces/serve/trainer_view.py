"""The trainer's live view in the terminal running `kosi serve --workshop`.

Who has started a draft, how far each is (sections complete) and when it was last saved, read
from the workshop folder; how many browsers are connected; the URL and the code; wrong codes by
address. This is what the beamer shows: the trainer's code only while the trainer asks for it
(key t), and the trainer ends one session with its number and e (it saves first). The drafts
are read without marking them open, in a thread, and again only when a file has changed.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

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


@dataclass
class Controls:
    """What the trainer has asked for with keys in the live view."""

    sessions: list[tuple[str, float]] = field(default_factory=list)
    """Each open session: its address and when its browser last sent real input."""
    selected: int = 0
    """The chosen session, counted from 1 (0: none)."""
    chosen: object | None = None
    """That session itself: numbers move when an earlier session ends, the choice must not."""
    trainer_code: str | None = None
    """Shown only while the trainer wants it (key t)."""
    note: str = ""


def controls_lines(controls: Controls, lang: str) -> list[Text]:
    """The keys, the sessions with their numbers (the chosen one marked), the trainer's code."""
    now = time.monotonic()
    sessions = Text(t("serve.view_sessions", lang, items=""))
    for n, (address, last) in enumerate(controls.sessions[:9], start=1):
        item = t("serve.view_session", lang, n=n, address=address,
                 minutes=int((now - last) // 60))  # fmt: skip
        sessions.append(item, style="reverse" if n == controls.selected else "")
        sessions.append("  ")
    lines = [Text(t("serve.view_keys", lang), style="dim")]
    if controls.sessions:
        lines.append(sessions)
    if controls.trainer_code:
        lines.append(Text(t("serve.view_trainer_code", lang, code=controls.trainer_code)))
    if controls.note:
        lines.append(Text(controls.note))
    return lines


def render(
    rows: list[Participant | None],
    browsers: int,
    urls: list[str],
    code: str | None,
    lang: str,
    failures: list[Failures] | None = None,
    controls: Controls | None = None,
) -> Group:
    """The view: a header line, wrong codes by address if any, the trainer's keys and sessions,
    and a table of participants."""
    head = Text(t("serve.view_title", lang), style="bold")
    head.append("  " + "  ".join(urls))
    if code:
        head.append("  " + t("serve.code_is", lang, code=code), style="bold")
    head.append("  " + t("serve.view_browsers", lang, count=browsers))
    failed = failures_line(failures or [], lang)
    extra = ([failed] if failed is not None else []) + (
        controls_lines(controls, lang) if controls is not None else []
    )
    if extra:
        head = Text("\n").join([head, *extra])
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


class Session(Protocol):
    address: str


S = TypeVar("S", bound=Session)


def press(
    key: str, controls: Controls, sessions: list[S], trainer_code: str | None, lang: str
) -> S | None:
    """What a key in the live view does, given the open sessions in their numbered order;
    returns the session to end (after `e`), if any."""
    if key == "t":
        controls.trainer_code = None if controls.trainer_code else trainer_code
    elif key.isdigit() and key != "0":
        number = int(key)
        controls.chosen = sessions[number - 1] if number <= len(sessions) else None
        controls.selected = number if controls.chosen is not None else 0
    elif key == "e" and controls.chosen is not None:
        number = number_of(controls.chosen, sessions)
        controls.chosen, controls.selected = None, 0
        if not number:
            return None  # it ended meanwhile: never another one in its place
        ending = sessions[number - 1]
        controls.note = t("serve.view_ended", lang, n=number, address=ending.address)
        return ending
    return None


def number_of(chosen: object | None, sessions: Sequence[object]) -> int:
    """The number the live view shows for `chosen` now (0: it is not open any more)."""
    return next((n for n, s in enumerate(sessions, start=1) if s is chosen), 0)


def start_trainer_view(
    server: KosiServer,
    folder: Path,
    urls: list[str],
    code: str | None,
    trainer_code: str | None = None,
) -> None:
    """Starts the live view on the server's console, with keys if it is a terminal; it stops
    with the server."""
    roster = Roster(folder)
    live = Live(console=server.console, auto_refresh=False, transient=False)
    controls = Controls()
    rows: list[Participant | None] = []

    def draw() -> None:
        sessions = server.open_sessions()
        controls.sessions = [(s.address, s.last_input) for s in sessions]
        # The mark follows the chosen session when an earlier one ends.
        controls.selected = number_of(controls.chosen, sessions)
        failures = server.attempts.failures()
        view = render(rows, len(sessions), urls, code, server.lang, failures, controls)
        live.update(view)
        live.refresh()

    def on_key(key: str) -> None:
        sessions = server.open_sessions()
        ending = press(key, controls, sessions, trainer_code, server.lang)
        if ending is not None:
            asyncio.get_running_loop().create_task(server.end_session(ending))
        draw()

    async def keep_up() -> None:
        nonlocal rows
        live.start()
        restore = listen_to_keys(on_key)
        try:
            while True:
                rows = await asyncio.to_thread(roster.read)
                draw()
                await asyncio.sleep(PERIOD)
        finally:
            if restore is not None:
                restore()
            live.stop()

    task = asyncio.get_running_loop().create_task(keep_up())
    server.on_stop.append(task.cancel)


def listen_to_keys(on_key: Callable[[str], None]) -> Callable[[], None] | None:
    """Hands each key typed in the terminal to `on_key`; returns how to stop (None: no keys)."""
    if not sys.stdin.isatty():
        return None
    try:
        import termios
        import tty
    except ImportError:  # Windows: the view runs without keys
        return None
    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    tty.setcbreak(fd)  # keys one by one, without echo; Ctrl+C still stops the server
    loop = asyncio.get_running_loop()

    def read() -> None:
        for key in os.read(fd, 64).decode("utf-8", "ignore"):
            on_key(key)

    loop.add_reader(fd, read)

    def restore() -> None:
        loop.remove_reader(fd)
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)

    return restore
