"""`kosi preview FILE`: the canvas as people will fill it, loaded again whenever the file is
saved – at the same question, with the answers typed so far – while a save with mistakes shows
them (FILE:LINE:COL) above the last canvas that had none.

The file is watched by a Textual timer, not a file-watching library: one `stat` per tick (a few
microseconds, in a worker thread) tells whether the size or time changed, and only then is the
file read and hashed; editors that save by writing a new file and renaming it are seen the same
way, and so are network folders, which many watchers miss. A file whose time is less than two
seconds old is hashed on every tick, as file systems with coarse times may keep the time of two
quick saves the same.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static
from textual.worker import WorkerState

from kosi_tui.core.migration import MigrationReport, migrate
from kosi_tui.faces.filling import Filling
from kosi_tui.faces.tui.app import KosiApp, fill_screen_in
from kosi_tui.faces.tui.screens.base import KosiScreen
from kosi_tui.faces.tui.screens.fill import FillScreen
from kosi_tui.faces.tui.widgets.footer import QuietFooter
from kosi_tui.i18n import t
from kosi_tui.storage.canvas_file import LoadedCanvas, load_canvas
from kosi_tui.storage.problems import Problem, ProblemsError

if TYPE_CHECKING:
    from textual.timer import Timer
    from textual.worker import Worker

PREVIEW = "preview"
"""The worker group that looks at the file."""
RECENT_NS = 2_000_000_000
"""A file changed this recently is hashed on every tick (coarse file times)."""
SHOWN_PROBLEMS = 6


class FileWatch:
    """Tells when a file's content changed since it was last looked at."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._stat: tuple[int, int] | None = None
        self._hash: str | None = None

    def changed(self) -> bool:
        """Whether the content differs from the last look (a file that cannot be read now, as
        between an editor's delete and rename, has not changed yet)."""
        try:
            stat = os.stat(self.path)
        except OSError:
            return False
        key = (stat.st_mtime_ns, stat.st_size)
        recent = time.time_ns() - stat.st_mtime_ns < RECENT_NS
        if key == self._stat and not recent:
            return False
        try:
            raw = self.path.read_bytes()
        except OSError:
            return False
        self._stat = key
        digest = hashlib.sha256(raw).hexdigest()
        if digest == self._hash:
            return False
        self._hash = digest
        return True


def look(watch: FileWatch) -> LoadedCanvas | list[Problem] | None:
    """The canvas as saved now, its problems, or None when the file did not change. Runs in a
    worker thread."""
    if not watch.changed():
        return None
    try:
        return load_canvas(watch.path)
    except ProblemsError as err:
        return err.problems


def problems_text(problems: list[Problem], lang: str) -> Text:
    """The problems as a block of plain text (nothing in them is read as markup)."""
    lines = [t("ui.preview_broken", lang)]
    lines += [problem.render(lang) for problem in problems[:SHOWN_PROBLEMS]]
    if len(problems) > SHOWN_PROBLEMS:
        lines.append(t("ui.preview_more", lang, count=len(problems) - SHOWN_PROBLEMS))
    return Text("\n".join(lines))


class PreviewFillScreen(FillScreen):
    """The filling screen with a bar above that shows the problems of the last save."""

    DEFAULT_CSS = """
    #preview-problems {
        height: auto;
        max-height: 9;
        background: $error 25%;
        padding: 0 1;
    }
    """

    def __init__(self, filling: Filling, problems: Text | None = None) -> None:
        super().__init__(filling)
        self.problems = problems

    def compose(self) -> ComposeResult:
        bar = Static(self.problems or "", id="preview-problems")
        bar.display = self.problems is not None
        yield bar
        yield from super().compose()

    def show_problems(self, problems: Text | None) -> None:
        """Shows the problems of the file as saved, or hides the bar when there are none."""
        self.problems = problems
        bar = self.query_one("#preview-problems", Static)
        bar.update(problems or "")
        bar.display = problems is not None


class PreviewWaiting(KosiScreen[None]):
    """Before the file was ever without mistakes: its problems, until it is saved again."""

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(id="preview-waiting")
        yield QuietFooter()

    def show_problems(self, problems: Text | None) -> None:
        """Shows the problems of the file as saved."""
        self.query_one("#preview-waiting", Static).update(problems or "")


class PreviewApp(KosiApp):
    """The app showing one canvas file as it is being written."""

    def __init__(
        self,
        lang: str,
        path: Path,
        theme: str | None = None,
        interval: float = 0.5,
        folder: Path | None = None,
    ) -> None:
        super().__init__(lang, theme=theme)
        self.path = path
        self.interval = interval
        self.file_watch = FileWatch(path)
        self.folder = folder
        """Where the answers typed in the preview are kept (a temporary folder by default)."""
        self.reloads = 0
        """How often a saved canvas was shown (the first time included)."""
        self.problems: list[Problem] = []
        """The problems of the file as last saved (none when it was shown)."""
        self._timer: Timer | None = None
        self._looking = False

    async def open_start(self) -> None:
        self.push_screen(PreviewWaiting())
        self.check()
        self._timer = self.set_interval(self.interval, self.check)

    def check(self) -> None:
        """Looks at the file in a worker thread; `on_worker_state_changed` shows what changed.

        Nothing waits here for the worker: a timer tick awaiting a worker can outlast the app's
        end, and three test runs hung idle in this app while the tick did so.
        """
        if self._looking:
            return
        self._looking = True
        watch = self.file_watch
        self.run_worker(lambda: look(watch), thread=True, group=PREVIEW, exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != PREVIEW:
            super().on_worker_state_changed(event)
            return
        if not event.worker.is_finished:
            return
        self._looking = False
        found = event.worker.result if event.state == WorkerState.SUCCESS else None
        if found is None:
            return
        if isinstance(found, list):
            self.problems = found
            self._show_problems(problems_text(found, self.lang))
            return
        self.problems = []
        self.call_next(self._show, found)

    def _show_problems(self, problems: Text | None) -> None:
        screen = self.screen
        if isinstance(screen, PreviewFillScreen | PreviewWaiting):
            screen.show_problems(problems)
        else:
            # A dialog is open: the bar of the screen below shows them when it is back.
            below = fill_screen_in(self.screen_stack)
            if isinstance(below, PreviewFillScreen):
                below.show_problems(problems)

    async def _show(self, loaded: LoadedCanvas) -> None:
        """Shows the canvas: a new filling with the answers and the position carried over."""
        current = fill_screen_in(self.screen_stack)
        self.reloads += 1
        folder = self.folder or Path(tempfile.mkdtemp(prefix="kosi-vorschau-"))
        self.folder = folder
        path = folder / f"vorschau-{self.reloads}.yaml"
        if isinstance(current, FillScreen):
            filling = carried(current, loaded, path)
        else:
            filling = Filling.start(loaded, "", "", self.lang, path=path)
        self.fillings = [filling]
        screen = PreviewFillScreen(filling)
        if current is None:
            await self.switch_screen(screen)
            return
        # A dialog over the old screen (help, a row) goes with it: its canvas is gone.
        while self.screen is not current:
            self.pop_screen()
        await self.switch_screen(screen)


def carried(screen: FillScreen, loaded: LoadedCanvas, path: Path) -> Filling:
    """A new filling of `loaded` with the answers and the place of the filling on `screen`;
    answers to questions the canvas no longer has are kept aside (and come back with them)."""
    old = screen.filling
    sections = old.canvas.canvas.sections
    section = sections[min(screen.index, len(sections) - 1)].id
    question = screen.focused_key.split(".", 1)[1] if screen.focused_key else None
    draft = old.draft.model_copy(deep=True)
    draft.position.section, draft.position.question = section, question
    canvas = loaded.canvas
    draft.canvas.id, draft.canvas.title = canvas.id, old.draft.canvas.title
    migrate(draft, loaded.compiled, loaded.sha256)
    draft.canvas.version, draft.canvas.sha256 = canvas.version, loaded.sha256
    # No "the canvas changed" dialog on every save: the author knows.
    filling = Filling(loaded, draft, path, MigrationReport())
    filling.revision = 1  # written at the first save
    return filling
