"""The kosi Textual app: screens, language and theme, the command palette, quitting safely.

Start-up is what people wait for, so this module imports only Textual and kosi's light modules.
The canvas engine (Pydantic) and the filling screen are imported where they are first needed; for
a new draft they load in a thread while the person types into the first dialog. Files are read
and written in worker threads: a slow or network disk never holds up the screen.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.reactive import reactive
from textual.screen import Screen
from textual.worker import Worker, WorkerFailed, WorkerState

from kosi_tui.core.text import localize
from kosi_tui.faces.tui import collector, lenient_input
from kosi_tui.faces.tui.key_order import KeyOrder, is_typed
from kosi_tui.faces.tui.screens.base import KosiScreen
from kosi_tui.faces.workplace import workplace_for
from kosi_tui.i18n import t
from kosi_tui.i18n.locales import LOCALES, next_language
from kosi_tui.report.formats import FORMATS

if TYPE_CHECKING:
    from kosi_tui.faces.filling import Filling
    from kosi_tui.faces.tui.dialogs.new_draft_dialog import NewDraftDialog, Resume
    from kosi_tui.faces.tui.screens.fill import FillScreen
    from kosi_tui.faces.tui.screens.home import HomeScreen
    from kosi_tui.storage.canvas_file import LoadedCanvas
    from kosi_tui.storage.problems import Problem

DARK, LIGHT = "textual-dark", "textual-light"
CANVAS_LOADING = "canvas"
"""The worker group of a canvas loading behind the new-draft dialog."""
OPENING = "opening"
"""The worker group of a draft being opened or created."""


@dataclass(frozen=True)
class Start:
    """What the app opens with: the home screen, a canvas to start, or a draft to continue."""

    kind: Literal["home", "canvas", "draft"] = "home"
    path: Path | None = None
    draft_path: Path | None = None
    """Where a new draft is saved (`--draft FILE`), instead of the drafts folder."""


def load_for_filling(path: Path) -> LoadedCanvas | list[Problem]:
    """The checked canvas in `path`, or its problems; also readies the filling screen's code.

    Runs in a worker thread while the new-draft dialog is on screen.
    """
    import kosi_tui.faces.tui.screens.fill  # noqa: F401 - the screen that follows the dialog
    from kosi_tui.storage.canvas_file import load_canvas
    from kosi_tui.storage.problems import ProblemsError

    try:
        return load_canvas(path)
    except ProblemsError as err:
        return err.problems


def open_for_filling(path: Path) -> Filling | list[Problem]:
    """The draft in `path` opened with its canvas, or the problems of whichever file is at fault;
    also readies the filling screen's code. Runs in a worker thread."""
    import kosi_tui.faces.tui.screens.fill  # noqa: F401 - the screen that shows it
    from kosi_tui.faces.filling import Filling
    from kosi_tui.storage.problems import ProblemsError

    try:
        return Filling.open(path)
    except ProblemsError as err:
        return err.problems


def fill_screen_in(stack: list[Screen[Any]]) -> FillScreen | None:
    """The filling screen on an app's screen stack, if one is open."""
    from kosi_tui.faces.tui.screens.fill import FillScreen

    return next((s for s in reversed(stack) if isinstance(s, FillScreen)), None)


class SectionCommands(Provider):
    """ "Go to: <section>" for every section of the canvas being filled."""

    def _targets(self) -> list[tuple[str, int]]:
        fill = fill_screen_in(self.app.screen_stack)
        if fill is None:
            return []
        lang = fill.lang
        return [
            (t("ui.cmd_jump", lang, section=f"{n + 1}. {localize(s.title, lang)}"), n)
            for n, s in enumerate(fill.filling.canvas.canvas.sections)
        ]

    def _jump(self, index: int) -> None:
        fill = fill_screen_in(self.app.screen_stack)
        if fill is not None:
            self.app.call_later(fill.jump_to_section, index)

    async def discover(self) -> Hits:
        for text, index in self._targets():
            yield DiscoveryHit(text, lambda i=index: self._jump(i))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, index in self._targets():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), lambda i=index: self._jump(i))


class KosiApp(App[None]):
    """Guides officials through a canvas, section by section."""

    CSS_PATH = Path(__file__).parent / "app.tcss"
    TITLE = "kosi"
    COMMANDS = App.COMMANDS | {SectionCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Beenden", priority=True, id="quit"),
        # Textual's own palette key, with a description that is translated ("^p palette").
        Binding("ctrl+p", "command_palette", "Befehle", show=False, priority=True, id="palette"),
    ]

    lang: reactive[str] = reactive("de")
    """The interface language; screens and dialogs follow it (`KosiScreen.language_changed`)."""

    def __init__(
        self,
        lang: str = "de",
        start: Start | None = None,
        theme: str | None = None,
        workshop: Path | None = None,
    ) -> None:
        super().__init__()
        self.set_reactive(KosiApp.lang, lang)
        self.start = start or Start()
        self.workplace = workplace_for(workshop)
        """What may be done here: one's own computer, or a participant's place in a workshop."""
        self.theme = theme or DARK
        self._waiting: NewDraftDialog | None = None
        """The new-draft dialog whose canvas is still loading."""
        self.fillings: list[Filling] = []
        """Every draft opened in this app, so that whatever ends the app can save them."""
        self._signals: list[int] = []
        """The signals this app catches while it runs (released when it ends)."""
        lenient_input.install()
        self.key_order = KeyOrder(self, super().on_event)
        """Typed keys, handed to the focused widget one after another (see `key_order`)."""

    async def on_event(self, event: events.Event) -> None:
        if is_typed(event):
            await self.key_order.receive(event)
        else:
            await super().on_event(event)

    async def on_mount(self) -> None:
        self._save_on_signals()
        await self.open_start()

    async def open_start(self) -> None:
        """Opens what the app started with (`kosi preview` opens its file instead)."""
        start = self.start
        # Straight to the canvas or draft: the home screen is built only when someone goes there.
        if start.kind == "canvas" and start.path is not None:
            await self.start_new_from_file(start.path)
        elif start.kind == "draft" and start.path is not None:
            await self.open_draft(start.path)
        else:
            self.go_home()

    def on_ready(self) -> None:
        # The first screen is drawn. A draft was opened before it; a canvas or the start page
        # are still being read behind it, and release the collector once they are there.
        if self.start.kind == "draft":
            collector.release()

    # -- opening ---------------------------------------------------------------------------------

    def show_problems(self, problems: list[Problem]) -> None:
        """The error screen for a file that cannot be opened; afterwards, the home screen."""
        from kosi_tui.faces.tui.screens.error import ErrorScreen

        self.push_screen(ErrorScreen(problems), lambda _: self.go_home())

    def go_home(self) -> None:
        """Shows the home screen, building it if the app started elsewhere."""
        from kosi_tui.faces.tui.screens.home import HomeScreen

        if not any(isinstance(s, HomeScreen) for s in self.screen_stack):
            self.push_screen(HomeScreen())

    async def on_home_screen_canvas_chosen(self, message: HomeScreen.CanvasChosen) -> None:
        entry = message.entry
        if entry.loaded is None:
            self.show_problems(entry.problems)
        else:
            await self.start_new(entry.loaded)

    async def on_home_screen_draft_chosen(self, message: HomeScreen.DraftChosen) -> None:
        # Awaited: keys pressed while the draft is read wait here, then reach its screen.
        await self.open_draft(message.path)

    async def start_new(self, canvas: LoadedCanvas) -> None:
        """Asks for organisation and name, then starts filling a new draft."""
        from kosi_tui.faces.tui.dialogs.new_draft_dialog import NewDraftDialog

        names = await self._remembered()
        dialog = NewDraftDialog(canvas.canvas.title, self._named, self._named, names)
        self.push_screen(dialog, partial(self._begin, canvas))

    async def start_new_from_file(self, path: Path) -> None:
        """Shows the new-draft dialog at once and loads the canvas while the person types.

        A canvas that turns out broken replaces the dialog with the error screen.
        """
        from kosi_tui.faces.tui.dialogs.new_draft_dialog import NewDraftDialog

        names = await self._remembered()
        worker: Worker[LoadedCanvas | list[Problem]] = self.run_worker(
            partial(load_for_filling, path), thread=True, group=CANVAS_LOADING
        )
        dialog = self._waiting = NewDraftDialog(None, self._named, self._named, names)
        # The dialog answers only once the canvas is there (see `on_worker_state_changed`).
        self.push_screen(dialog, lambda answer: self._begin(worker.result, answer))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != CANVAS_LOADING or not event.worker.is_finished:
            return
        collector.release()  # what start-up built is there (the canvas too)
        if event.state != WorkerState.SUCCESS:
            return
        result = event.worker.result
        dialog, self._waiting = self._waiting, None
        if isinstance(result, list):
            if dialog is not None and self.screen is dialog:
                self.pop_screen()
            self.show_problems(result)
        elif result is not None and dialog is not None:
            dialog.show_canvas_title(result.canvas.title)

    async def _remembered(self) -> tuple[str, str]:
        # Where one computer serves everyone, nobody gets the last person's name.
        if not self.workplace.remembers_names:
            return ("", "")
        from kosi_tui.faces.remembered import remembered_names

        # Read in a worker: the settings may live on a slow home folder.
        return await self.run_worker(remembered_names, thread=True, group=OPENING).wait()

    @property
    def _named(self) -> bool:
        return self.workplace.names_drafts_by_author

    async def _begin(
        self,
        canvas: LoadedCanvas | list[Problem] | None,
        answer: tuple[str, str] | Resume | None,
    ) -> None:
        from kosi_tui.faces.tui.dialogs.new_draft_dialog import Resume

        if isinstance(answer, Resume):
            await self._resume(answer.code)
            return
        if answer is None or canvas is None or isinstance(canvas, list):
            self.go_home()
            return
        from kosi_tui.faces.filling import Filling
        from kosi_tui.faces.remembered import remember_names
        from kosi_tui.faces.tui.screens.fill import FillScreen

        organisation, author = answer
        loaded, lang, workplace = canvas, self.lang, self.workplace
        named, path = self._named, self.start.draft_path

        def create() -> Filling:
            if workplace.remembers_names:
                remember_names(organisation, author)
            return Filling.start(
                loaded,
                organisation,
                author,
                lang,
                workplace.folder,
                named_after_author=named,
                path=path,
            )

        # The draft file is created (and the names remembered) in a thread.
        filling = await self.run_worker(create, thread=True, group=OPENING).wait()
        self.fillings.append(filling)
        self.push_screen(FillScreen(filling))
        if self.workplace.takes_resume_codes:
            await self._welcome_participant(filling)

    async def _welcome_participant(self, filling: Filling) -> None:
        """In a workshop: the resume code (a name already taken is told by the filling screen)."""
        from kosi_tui.faces.tui.dialogs.message_dialog import MessageDialog

        worker = self.run_worker(
            partial(self.workplace.new_resume_code, filling.path),
            thread=True,
            group=OPENING,
            exit_on_error=False,
        )
        try:
            code = await worker.wait()
        except WorkerFailed as failed:
            if isinstance(failed.error, OSError):
                return  # the draft is still saved; only coming back by code is not possible
            raise
        if code is None:
            return
        lines = t("ui.resume_text", self.lang, code=code).split("\n\n")
        self.push_screen(MessageDialog(t("ui.resume_title", self.lang), lines, "OK"))

    async def _resume(self, code: str) -> None:
        """Opens the draft a resume code was made for; any other code opens nothing."""
        draft = self.workplace.draft_for_code(code)
        if draft is None:
            self.notify(t("ui.resume_unknown", self.lang), severity="error", timeout=8)
            self.go_home()
            return
        await self.open_draft(draft, resumed=True)

    async def open_draft(self, path: Path, resumed: bool = False) -> None:
        """Continues a draft where it was left; a broken file opens the error screen.

        The files are read in a worker thread; the caller waits for it, and so do keys pressed
        meanwhile (they reach the filling screen). In a workshop only with `resumed`: the path
        then came from the person's resume code.
        """
        if not self.workplace.may_open(resumed):
            return  # In a workshop nobody opens a draft: it could be someone else's.
        opened = await self.run_worker(
            partial(open_for_filling, path), thread=True, group=OPENING
        ).wait()
        if isinstance(opened, list):
            self.show_problems(opened)
            return
        from kosi_tui.faces.tui.screens.fill import FillScreen

        filling = opened
        self.fillings.append(filling)
        self.push_screen(FillScreen(filling))

    # -- language, theme, palette ---------------------------------------------------------------

    def use_language(self, lang: str) -> None:
        """Switches interface and canvas texts to `lang`, keeping everything typed."""
        self.lang = lang

    def watch_lang(self) -> None:
        # The screens relabel themselves; the footer asks the screen for its keys again.
        self.refresh_bindings()

    def toggle_theme(self) -> None:
        """Light for projectors, dark otherwise."""
        self.theme = LIGHT if self.theme == DARK else DARK

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        lang = self.lang
        other = next_language(lang)
        yield SystemCommand(
            t("ui.cmd_language", lang, name=LOCALES[other].name),
            t("ui.cmd_language_help", lang),
            partial(self.use_language, other),
        )
        yield SystemCommand(
            t("ui.cmd_theme", lang), t("ui.cmd_theme_help", lang), self.toggle_theme
        )
        fill = fill_screen_in(self.screen_stack)
        if fill is not None:
            yield SystemCommand(
                t("ui.cmd_review", lang), t("ui.cmd_review_help", lang), fill.action_review
            )
            if fill.check_action("role_card", ()):
                # The footer says only 'Rolle' (at 80 columns 'Beenden' would be cut off); the
                # role question's help points to the card as 'Rollenkarte', found here too.
                yield SystemCommand(
                    t("ui.cmd_role_card", lang),
                    t("ui.cmd_role_card_help", lang),
                    fill.action_role_card,
                )
            for fmt in FORMATS:
                if fmt.key_binding is not None:
                    yield SystemCommand(
                        t("ui.cmd_export", lang, fmt=fmt.label),
                        t("ui.cmd_export_help", lang),
                        partial(self._export, fill, fmt.key),
                    )
        # Textual's own commands (Theme, Keys, Maximize, Screenshot) speak English only and
        # repeat what kosi offers; quitting is the one kept, in the interface language.
        yield SystemCommand(t("ui.cmd_quit", lang), t("ui.cmd_quit_help", lang), self.action_quit)

    def action_command_palette(self) -> None:
        """The command palette, its search line in the interface language."""
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            placeholder = t("ui.palette_placeholder", self.lang)
            self.push_screen(CommandPalette(id="--command-palette", placeholder=placeholder))

    def _export(self, fill: FillScreen, fmt: str) -> None:
        from kosi_tui.faces.tui.screens.review import ReviewScreen

        review = ReviewScreen(fill.filling)
        self.push_screen(review, lambda key: None)
        self.call_after_refresh(review.action_export, fmt)

    # -- quitting --------------------------------------------------------------------------------

    def _save_on_signals(self) -> None:
        """Closing the terminal (SIGHUP) or being told to stop (SIGTERM) saves before ending."""
        if self.is_headless:
            # No terminal to close and no person typing: an app in a test run. Caught there, a
            # SIGTERM only ended the app, and a test waiting on a hung app kept the run alive
            # past its `timeout`.
            return
        loop = asyncio.get_running_loop()
        for name in ("SIGHUP", "SIGTERM"):
            number = getattr(signal, name, None)  # Windows has neither as a signal to catch
            if number is not None:
                with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                    loop.add_signal_handler(number, self._stop_saving)
                    self._signals.append(number)

    def on_unmount(self) -> None:
        # The process may go on after the app (a test run, a script): a signal then ends it as
        # usual again instead of reaching a loop that no longer runs.
        loop = asyncio.get_running_loop()
        for number in self._signals:
            with contextlib.suppress(RuntimeError, ValueError):
                loop.remove_signal_handler(number)
        self._signals.clear()

    def _stop_saving(self) -> None:
        self.save_all()
        self.exit()

    def save_all(self) -> None:
        """Saves every draft with unsaved answers, in this thread (the app is about to end)."""
        for filling in self.fillings:
            if filling.dirty:
                filling.save()

    def run_saving(self) -> int:
        """Runs the app; whatever ends it (a crash included), answers in memory are then written."""
        try:
            self.run()
        finally:
            self.save_all()
            for filling in self.fillings:
                filling.close()
        self.keep_start_page()
        return self.return_code or 0

    def keep_start_page(self) -> None:
        """After drafts were filled, reads the start page's listing again (the engine is loaded
        by now), so that the next start shows it at once instead of reading the changed drafts
        first (`listing_cache`)."""
        if not self.fillings or not self.workplace.lists_drafts:
            return
        from kosi_tui.faces.tui.screens.home import Shelf

        # Only the next start's speed depends on it: a folder that cannot be read is no error.
        with contextlib.suppress(OSError):
            Shelf().read(with_drafts=True)

    async def action_quit(self) -> None:
        """Quits; while filling, saves first and never drops answers silently."""
        # A dialog holding typed work that is not in the draft yet (a table row) asks first.
        screen = self.screen
        if isinstance(screen, KosiScreen) and screen.asks_before_quitting():
            return
        fill = fill_screen_in(self.screen_stack)
        if fill is None:
            self.exit()
        else:
            await fill.request_quit()
