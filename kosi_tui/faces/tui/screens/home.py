"""The home screen: start a canvas, continue or delete a draft."""

from __future__ import annotations

from pathlib import Path

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from kosi_tui.core.numbers import format_date
from kosi_tui.core.text import localize
from kosi_tui.faces.draft_list import DraftEntry, list_drafts
from kosi_tui.faces.tui.bindings import localize_bindings
from kosi_tui.faces.tui.dialogs.confirm_dialog import ConfirmDialog
from kosi_tui.faces.tui.widgets.footer import QuietFooter
from kosi_tui.i18n import t
from kosi_tui.storage.atomic import backup_path
from kosi_tui.storage.canvas_file import LoadedCanvas
from kosi_tui.storage.catalog import CatalogEntry, catalog


class DraftOptions(OptionList):
    """The drafts; Delete asks before removing one."""

    BINDINGS = [Binding("delete", "delete_draft", "Löschen", id="delete")]

    def action_delete_draft(self) -> None:
        """Asks, then deletes the highlighted draft."""
        screen = self.screen
        if isinstance(screen, HomeScreen) and self.highlighted is not None:
            screen.delete_draft(self.highlighted)


def _entry(title: str, line: str, more: str = "") -> Group:
    """A bold title, then indented lines that wrap under themselves; all shown as written."""
    parts: list[RenderableType] = [Text(title, style="bold"), Padding(Text(line), (0, 0, 0, 2))]
    if more:
        parts.append(Padding(Text(more, style="dim"), (0, 0, 0, 2)))
    return Group(*parts)


class HomeScreen(Screen[None]):
    """Canvases to start and drafts to continue."""

    CSS_PATH = Path(__file__).parent / "home.tcss"

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[CatalogEntry] = []
        self.drafts: list[DraftEntry] = []

    @property
    def lang(self) -> str:
        """The interface language."""
        return str(getattr(self.app, "lang", "de"))

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Static(f"[b]{t('ui.home_title', lang)}[/b]", id="home-title")
        with VerticalScroll(id="home-body"):
            yield Static(t("ui.home_new", lang), classes="home-heading")
            yield OptionList(id="canvases")
            yield Static(t("ui.home_drafts", lang), classes="home-heading home-drafts-heading")
            yield DraftOptions(id="drafts")
            yield Static(t("ui.home_no_drafts", lang), id="no-drafts")
        yield Static(t("ui.home_hint", lang), id="home-hint")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.query_one("#canvases", OptionList).focus()

    def on_screen_resume(self) -> None:
        # Also sent when the screen first shows: the one place the lists are (re)read.
        self.load()

    def load(self) -> None:
        """Reads the canvases and drafts again (they may have changed on disk)."""
        lang = self.lang
        localize_bindings(self.query_one(DraftOptions), lang)
        self.entries = catalog()
        canvases = self.query_one("#canvases", OptionList)
        canvases.clear_options()
        for entry in self.entries:
            canvases.add_option(Option(self._canvas_prompt(entry), id=str(entry.path)))
        if self.entries:
            canvases.highlighted = 0
        loaded: dict[str, LoadedCanvas] = {}
        for entry in self.entries:
            if entry.loaded is not None:
                loaded.setdefault(entry.loaded.canvas.id, entry.loaded)
        # In a served workshop the drafts of others must stay invisible.
        workshop = getattr(self.app, "workshop", None) is not None
        self.drafts = [] if workshop else list_drafts(loaded)
        drafts = self.query_one(DraftOptions)
        drafts.clear_options()
        for draft in self.drafts:
            drafts.add_option(Option(self._draft_prompt(draft), id=str(draft.path)))
        if self.drafts:
            drafts.highlighted = 0
        drafts.display = bool(self.drafts)
        self.query_one("#no-drafts").display = not self.drafts and not workshop
        for heading in self.query(".home-drafts-heading"):
            heading.display = not workshop

    def _canvas_prompt(self, entry: CatalogEntry) -> Group:
        lang = self.lang
        if entry.loaded is None:
            return _entry(entry.path.name, t("ui.home_broken_canvas", lang, path=str(entry.path)))
        canvas = entry.loaded.canvas
        questions = canvas.question_count()
        line = (
            t("ui.home_canvas_line", lang, questions=questions, minutes=canvas.minutes)
            if canvas.minutes
            else t("ui.home_canvas_line_nominutes", lang, questions=questions)
        )
        description = localize(canvas.description, lang) if canvas.description else ""
        return _entry(localize(canvas.title, lang), line, description)

    def _draft_prompt(self, draft: DraftEntry) -> Group:
        lang = self.lang
        if draft.problem is not None:
            message = t(
                "ui.home_draft_broken",
                lang,
                line=draft.problem.line,
                message=draft.problem.message(lang),
            )
            return _entry(draft.path.name, message)
        who = " – ".join(x for x in (draft.organisation, draft.author) if x) or draft.path.stem
        if draft.progress is not None:
            progress = t(
                "ui.progress",
                lang,
                done=draft.progress.required_answered,
                total=draft.progress.required_total,
            )
        else:
            progress = "?"
        updated = self._updated(draft)
        line = t(
            "ui.home_draft_line",
            lang,
            canvas=draft.canvas_title or draft.canvas_id,
            progress=progress,
            updated=updated,
        )
        return _entry(who, line)

    @on(OptionList.OptionSelected, "#canvases")
    def _start(self, event: OptionList.OptionSelected) -> None:
        entry = self.entries[event.option_index]
        app = self.app
        if entry.loaded is None:
            app.show_problems(entry.problems)  # type: ignore[attr-defined]
        else:
            app.start_new(entry.loaded)  # type: ignore[attr-defined]

    @on(OptionList.OptionSelected, "#drafts")
    def _open(self, event: OptionList.OptionSelected) -> None:
        self.app.open_draft(self.drafts[event.option_index].path)  # type: ignore[attr-defined]

    def delete_draft(self, index: int) -> None:
        """Asks for confirmation, then deletes a draft and its backup."""
        lang = self.lang
        draft = self.drafts[index]

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            for path in (draft.path, backup_path(draft.path)):
                path.unlink(missing_ok=True)
            self.notify(t("ui.deleted", lang, path=str(draft.path)))
            self.load()

        name = " – ".join(x for x in (draft.organisation, draft.author) if x) or draft.path.name
        # Two drafts of one organisation look alike: the file and its last change tell them apart.
        question = t(
            "ui.confirm_delete",
            lang,
            name=name,
            file=draft.path.name,
            updated=self._updated(draft),
        )
        self.app.push_screen(
            ConfirmDialog(question, t("ui.delete", lang), t("ui.cancel", lang)), confirmed
        )

    def _updated(self, draft: DraftEntry) -> str:
        if draft.updated is None:
            return "?"
        return format_date(draft.updated.date(), self.lang) + draft.updated.strftime(" %H:%M")
