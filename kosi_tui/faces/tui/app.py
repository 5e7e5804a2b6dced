"""The kosi Textual app: screens, language and theme, the command palette, quitting safely."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen

from kosi_tui.core.text import localize
from kosi_tui.faces.filling import Filling
from kosi_tui.faces.tui.bindings import localize_bindings
from kosi_tui.faces.tui.dialogs.new_draft_dialog import NewDraftDialog
from kosi_tui.faces.tui.screens.error import ErrorScreen
from kosi_tui.faces.tui.screens.fill import FillScreen
from kosi_tui.faces.tui.screens.home import HomeScreen
from kosi_tui.i18n import t
from kosi_tui.storage.canvas_file import LoadedCanvas, load_canvas
from kosi_tui.storage.problems import Problem, ProblemsError

DARK, LIGHT = "textual-dark", "textual-light"


@dataclass(frozen=True)
class Start:
    """What the app opens with: the home screen, a canvas to start, or a draft to continue."""

    kind: Literal["home", "canvas", "draft"] = "home"
    path: Path | None = None
    draft_path: Path | None = None
    """Where a new draft is saved (`--draft FILE`), instead of the drafts folder."""


class SectionCommands(Provider):
    """ "Go to: <section>" for every section of the canvas being filled."""

    def _targets(self) -> list[tuple[str, int]]:
        screen = self.app.screen_stack[-1] if self.app.screen_stack else None
        fill = next((s for s in reversed(self.app.screen_stack) if isinstance(s, FillScreen)), None)
        if fill is None or screen is None:
            return []
        lang = fill.lang
        return [
            (t("ui.cmd_jump", lang, section=f"{n + 1}. {localize(s.title, lang)}"), n)
            for n, s in enumerate(fill.filling.canvas.canvas.sections)
        ]

    def _jump(self, index: int) -> None:
        fill = next((s for s in reversed(self.app.screen_stack) if isinstance(s, FillScreen)), None)
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
    BINDINGS = [Binding("ctrl+q", "quit", "Beenden", priority=True, id="quit")]

    def __init__(
        self,
        lang: str = "de",
        start: Start | None = None,
        theme: str | None = None,
        workshop: Path | None = None,
    ) -> None:
        super().__init__()
        self.lang = lang
        self.start = start or Start()
        self.workshop = workshop
        """In a served workshop: every new draft goes here, and no draft can be opened."""
        self.theme = theme or DARK

    def on_mount(self) -> None:
        localize_bindings(self, self.lang)
        start = self.start
        # Straight to the canvas or draft: the home screen is built only when someone goes there.
        if start.kind == "canvas" and start.path is not None:
            try:
                self.start_new(load_canvas(start.path))
            except ProblemsError as err:
                self.show_problems(err.problems)
        elif start.kind == "draft" and start.path is not None:
            self.open_draft(start.path)
        else:
            self.push_screen(HomeScreen())

    # -- opening ---------------------------------------------------------------------------------

    def show_problems(self, problems: list[Problem]) -> None:
        """The error screen for a file that cannot be opened; afterwards, the home screen."""
        self.push_screen(ErrorScreen(problems), lambda _: self.go_home())

    def go_home(self) -> None:
        """Shows the home screen, building it if the app started elsewhere."""
        if not any(isinstance(s, HomeScreen) for s in self.screen_stack):
            self.push_screen(HomeScreen())

    def start_new(self, canvas: LoadedCanvas) -> None:
        """Asks for organisation and name, then starts filling a new draft."""
        title = localize(canvas.canvas.title, self.lang)

        def chosen(answer: tuple[str, str] | None) -> None:
            if answer is None:
                self.go_home()
                return
            organisation, author = answer
            filling = Filling.start(
                canvas,
                organisation,
                author,
                self.lang,
                self.workshop,
                named_after_author=self.workshop is not None,
                path=self.start.draft_path,
            )
            self.push_screen(FillScreen(filling))

        self.push_screen(
            NewDraftDialog(title, self.lang, need_author=self.workshop is not None), chosen
        )

    def open_draft(self, path: Path) -> None:
        """Continues a draft where it was left; a broken file opens the error screen."""
        if self.workshop is not None:
            return  # In a workshop nobody opens a draft: it could be someone else's.
        try:
            filling = Filling.open(path)
        except ProblemsError as err:
            self.show_problems(err.problems)
            return
        self.push_screen(FillScreen(filling))

    # -- language, theme, palette ---------------------------------------------------------------

    async def set_language(self, lang: str) -> None:
        """Switches interface and canvas texts, keeping everything typed."""
        self.lang = lang
        localize_bindings(self, lang)
        for screen in self.screen_stack:
            if isinstance(screen, FillScreen):
                screen.filling.draft.lang = "en" if lang == "en" else "de"
                await screen.refresh_texts()
            elif isinstance(screen, HomeScreen):
                await screen.recompose()
                screen.load()
        self.refresh_bindings()

    def toggle_theme(self) -> None:
        """Light for projectors, dark otherwise."""
        self.theme = LIGHT if self.theme == DARK else DARK

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        lang = self.lang
        other = "en" if lang == "de" else "de"
        yield SystemCommand(
            t("ui.cmd_language", lang),
            t("ui.cmd_language_help", lang),
            lambda: self.call_later(self.set_language, other),
        )
        yield SystemCommand(
            t("ui.cmd_theme", lang), t("ui.cmd_theme_help", lang), self.toggle_theme
        )
        fill = self._fill_screen()
        if fill is not None:
            yield SystemCommand(
                t("ui.cmd_review", lang), t("ui.cmd_review_help", lang), fill.action_review
            )
            yield SystemCommand(
                t("ui.cmd_export_md", lang),
                t("ui.cmd_export_help", lang),
                lambda: self._export(fill, "md"),
            )
            yield SystemCommand(
                t("ui.cmd_export_html", lang),
                t("ui.cmd_export_help", lang),
                lambda: self._export(fill, "html"),
            )
        yield from super().get_system_commands(screen)

    def _export(self, fill: FillScreen, fmt: str) -> None:
        from kosi_tui.faces.tui.screens.review import ReviewScreen

        review = ReviewScreen(fill.filling)
        self.push_screen(review, lambda key: None)
        self.call_after_refresh(review.action_export, fmt)

    def _fill_screen(self) -> FillScreen | None:
        return next((s for s in reversed(self.screen_stack) if isinstance(s, FillScreen)), None)

    # -- quitting --------------------------------------------------------------------------------

    async def action_quit(self) -> None:
        """Quits; while filling, saves first and never drops answers silently."""
        fill = self._fill_screen()
        if fill is None:
            self.exit()
        else:
            fill.request_quit()
