"""The home screen: start a canvas, continue or delete a draft.

The screen is drawn before anything is read: the canvases and drafts are read in a worker thread
whenever the screen comes into view, and only files that changed since are read again. The lists
keep what they show (and the highlighted row) until the new reading differs. On the first view
the lists show at once what they showed last time for files that did not change since
(`listing_cache`), while the canvas engine loads and the files are read.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from kosi_tui.core.numbers import format_date
from kosi_tui.core.progress import canvas_counts, canvas_words, progress_text
from kosi_tui.core.text import localize
from kosi_tui.faces.tui import collector
from kosi_tui.faces.tui.dialogs.confirm_dialog import ConfirmDialog
from kosi_tui.faces.tui.screens.base import KosiScreen
from kosi_tui.faces.tui.widgets.footer import QuietFooter
from kosi_tui.i18n import t
from kosi_tui.paths import drafts_dir, settings_file
from kosi_tui.storage import listing_cache
from kosi_tui.storage.atomic import backup_path
from kosi_tui.storage.kept_reads import FileState
from kosi_tui.storage.listing_cache import CanvasCard, DraftCard, Kept
from kosi_tui.storage.locate import catalog_files, source_of

if TYPE_CHECKING:
    # Reading canvases and drafts needs the engine (Pydantic): imported in the worker, after the
    # screen is drawn.
    from kosi_tui.faces.draft_list import DraftList
    from kosi_tui.storage.canvas_file import LoadedCanvas
    from kosi_tui.storage.catalog import Catalog, CatalogEntry

LISTING = "home-listing"
"""The worker group that reads the canvases and drafts."""


class DraftOptions(OptionList):
    """The drafts; Delete asks before removing one."""

    BINDINGS = [Binding("delete", "delete_draft", "Löschen", id="delete")]

    class DeleteAsked(Message):
        """Delete was pressed on the draft at `index`."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def action_delete_draft(self) -> None:
        """Asks the screen to delete the highlighted draft."""
        if self.highlighted is not None:
            self.post_message(self.DeleteAsked(self.highlighted))


def _entry(title: str, line: str, more: str = "", warning: str = "") -> Group:
    """A bold title, then indented lines that wrap under themselves; all shown as written."""
    parts: list[RenderableType] = [Text(title, style="bold"), Padding(Text(line), (0, 0, 0, 2))]
    if more:
        parts.append(Padding(Text(more, style="dim"), (0, 0, 0, 2)))
    if warning:
        parts.append(Padding(Text(warning), (0, 0, 0, 2)))
    return Group(*parts)


@dataclass(frozen=True)
class Listing:
    """One reading of the canvases and drafts: the entries to act on, and how they are shown."""

    entries: list[CatalogEntry]
    canvases: list[CanvasCard]
    drafts: list[DraftCard]


def _canvas_card(entry: CatalogEntry) -> CanvasCard:
    if entry.loaded is None:
        return CanvasCard(entry.path, "", None, None, None, 0, 0)
    canvas = entry.loaded.canvas
    shown, most, minutes = canvas_counts(entry.loaded.compiled)
    return CanvasCard(entry.path, canvas.id, canvas.title, canvas.description, minutes, shown, most)


def _inputs(with_drafts: bool) -> set[Path]:
    """The files a listing is read from (drafts saved elsewhere are named in the settings)."""
    files = {p for p, _ in catalog_files()}
    if with_drafts:
        folder = drafts_dir().absolute()
        if folder.is_dir():
            files.update(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))
        files.add(settings_file())
    return files


class Shelf:
    """What the start page read, kept while the app runs; each file is read again only when it
    changed. Used from the reading worker only."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._catalog: Catalog | None = None
        self._drafts: DraftList | None = None
        self._kept: Kept | None = None
        """The cards last written, so that an unchanged reading writes nothing."""

    def glance(self, with_drafts: bool) -> tuple[list[CanvasCard], list[DraftCard]] | None:
        """What the page listed last time, if none of its files changed since; needs no canvas
        engine."""
        kept = listing_cache.read()
        if kept is None or kept.with_drafts != with_drafts:
            return None
        files = _inputs(with_drafts) | {d.path for d in kept.drafts}
        if files != kept.inputs.keys():
            return None
        if any(FileState.of(path) != state for path, state in kept.inputs.items()):
            return None
        return kept.canvases, kept.drafts

    def read(self, with_drafts: bool) -> Listing:
        """The canvases and (unless `with_drafts` is false) the drafts, as the files are now."""
        from kosi_tui.faces.draft_list import DraftList
        from kosi_tui.storage.catalog import Catalog

        # A worker that was superseded still runs to its end: one reading at a time.
        with self._lock:
            if self._catalog is None or self._drafts is None:
                self._catalog, self._drafts = Catalog(), DraftList()
            # Taken before reading: a listing read while a file changed is not kept.
            before = {path: FileState.of(path) for path in _inputs(with_drafts)}
            entries = self._catalog.entries()
            if with_drafts:
                loaded: dict[str, LoadedCanvas] = {}
                for entry in entries:
                    if entry.loaded is not None:
                        loaded.setdefault(entry.loaded.canvas.id, entry.loaded)
                drafts = self._drafts.entries(loaded)
            else:
                drafts = []
            listing = Listing(entries, [_canvas_card(e) for e in entries], drafts)
            for draft in drafts:
                before.setdefault(draft.path, FileState.of(draft.path))
            now = {path: FileState.of(path) for path in _inputs(with_drafts) | before.keys()}
            kept = Kept(with_drafts, before, listing.canvases, listing.drafts)
            if now == before and kept != self._kept:
                listing_cache.write(kept)
                self._kept = kept
            return listing


class HomeScreen(KosiScreen[None]):
    """Canvases to start and drafts to continue; the app opens what is chosen."""

    CSS_PATH = Path(__file__).parent / "home.tcss"

    class CanvasChosen(Message):
        """A canvas to start (or, when it is broken, whose problems to show)."""

        def __init__(self, entry: CatalogEntry) -> None:
            super().__init__()
            self.entry = entry

    class DraftChosen(Message):
        """A draft to continue."""

        def __init__(self, path: Path) -> None:
            super().__init__()
            self.path = path

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[CatalogEntry] = []
        """The canvases as last read, to start from (filled once the engine has read them)."""
        self.canvases: list[CanvasCard] = []
        self.drafts: list[DraftCard] = []
        self.shelf = Shelf()
        self._listed = False
        """Whether the lists show a reading (after a language switch they are new and empty)."""

    @property
    def _lists_drafts(self) -> bool:
        # In a served workshop the drafts of others must stay invisible.
        return self.app.workplace.lists_drafts

    def compose(self) -> ComposeResult:
        lang = self.lang
        self._listed = False
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
        self._before_reading("canvases")

    def _before_reading(self, focus: str) -> None:
        # Until the first reading: no "no drafts yet" that a moment later is wrong.
        self.query_one(DraftOptions).display = False
        self.query_one("#no-drafts").display = False
        self.query_one(f"#{focus}", OptionList).focus()

    async def on_screen_resume(self) -> None:
        # Also sent when the screen first shows: the one place the lists are (re)read.
        await self.load()

    async def language_changed(self, lang: str) -> None:
        # Built again in the new language; the list that had the focus gets it back.
        drafts = self.focused is not None and self.focused.id == "drafts"
        await self.recompose()
        self._before_reading("drafts" if drafts else "canvases")
        await self.load()

    async def load(self) -> None:
        """Reads the canvases and drafts again in a worker (only files that changed are read).

        The screen waits for the reading, so that choosing from a list acts on what is shown;
        the lists themselves go on taking keys meanwhile.
        """
        with_drafts = self._lists_drafts
        if not self._listed:
            glance = await self.run_worker(
                partial(self.shelf.glance, with_drafts), thread=True, group=LISTING
            ).wait()
            if glance is not None and self.is_attached:
                self._show(*glance)
        worker = self.run_worker(partial(self.shelf.read, with_drafts), thread=True, group=LISTING)
        listing = await worker.wait()
        if not self.is_attached:
            return
        self.entries = listing.entries
        self._show(listing.canvases, listing.drafts)
        collector.release()  # the start page has read what it shows: start-up is over

    def _show(self, canvases: list[CanvasCard], drafts: list[DraftCard]) -> None:
        """Puts what was read into the lists, changing only what differs."""
        first = not self._listed
        self._listed = True
        canvas_list = self.query_one("#canvases", OptionList)
        if first or canvases != self.canvases:
            self.canvases = canvases
            _replace(
                canvas_list, [Option(self._canvas_prompt(c), id=str(c.path)) for c in canvases]
            )
        draft_list = self.query_one(DraftOptions)
        if first or drafts != self.drafts:
            self.drafts = drafts
            _replace(draft_list, [Option(self._draft_prompt(d), id=str(d.path)) for d in drafts])
        listed = self._lists_drafts
        draft_list.display = bool(self.drafts)
        self.query_one("#no-drafts").display = not self.drafts and listed
        # With no drafts to list, the canvases may take the room the draft list would have had.
        self.set_class(not self.drafts and listed, "-no-drafts")
        for heading in self.query(".home-drafts-heading"):
            heading.display = listed

    def _canvas_prompt(self, canvas: CanvasCard) -> Group:
        lang = self.lang
        if canvas.title is None:
            return _entry(canvas.path.name, t("ui.home_broken_canvas", lang, path=str(canvas.path)))
        line = canvas_words(canvas.shown, canvas.most, canvas.minutes, lang)
        description = localize(canvas.description, lang) if canvas.description else ""
        return _entry(localize(canvas.title, lang), line, description, self._same_id(canvas))

    def _same_id(self, canvas: CanvasCard) -> str:
        """Names the other files of the card's id: two cards of one title are told apart, and
        the person sees which file is which (`kosi fill ID` opens the user's)."""
        others = [c for c in self.canvases if c.id == canvas.id and c.path != canvas.path]
        return "\n".join(
            t(
                "ui.home_same_id",
                self.lang,
                id=canvas.id,
                source=t(f"cli.source_{source_of(other.path)}", self.lang),
                path=str(other.path),
            )
            for other in others
        )

    def _draft_prompt(self, draft: DraftCard) -> Group:
        lang = self.lang
        if draft.conflict_of is not None:
            title = t("ui.home_conflict_copy", lang, updated=self._updated(draft))
            return _entry(title, t("ui.home_conflict_line", lang, file=draft.path.name))
        if draft.problem is not None:
            message = t(
                "ui.home_draft_broken",
                lang,
                line=draft.problem.line,
                message=draft.problem.message(lang),
            )
            return _entry(draft.path.name, message)
        who = " – ".join(x for x in (draft.organisation, draft.author) if x) or draft.path.stem
        progress = progress_text(draft.progress, lang) if draft.progress is not None else "?"
        updated = self._updated(draft)
        line = t(
            "ui.home_draft_line",
            lang,
            canvas=draft.canvas_title or draft.canvas_id,
            progress=progress,
            updated=updated,
        )
        if draft.moved_to is not None:
            return _entry(who, line, t("ui.home_moved", lang, path=str(draft.moved_to)))
        if draft.path.parent != drafts_dir().absolute():
            return _entry(who, line, t("ui.home_elsewhere", lang, folder=str(draft.path.parent)))
        return _entry(who, line)

    @on(OptionList.OptionSelected, "#canvases")
    def _start(self, event: OptionList.OptionSelected) -> None:
        self.post_message(self.CanvasChosen(self.entries[event.option_index]))

    @on(OptionList.OptionSelected, "#drafts")
    def _open(self, event: OptionList.OptionSelected) -> None:
        self.post_message(self.DraftChosen(self.drafts[event.option_index].path))

    @on(DraftOptions.DeleteAsked)
    def _delete_asked(self, event: DraftOptions.DeleteAsked) -> None:
        """Asks for confirmation, then deletes a draft and its backup."""
        lang = self.lang
        draft = self.drafts[event.index]

        async def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            await self.run_worker(partial(_delete, draft.path), thread=True).wait()
            self.notify(t("ui.deleted", lang, path=str(draft.path)))
            await self.load()

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

    def _updated(self, draft: DraftCard) -> str:
        if draft.updated is None:
            return "?"
        return format_date(draft.updated.date(), self.lang) + draft.updated.strftime(" %H:%M")


def _delete(path: Path) -> None:
    """Deletes a draft and its backup (in a worker thread: the disk may be slow)."""
    for file in (path, backup_path(path)):
        file.unlink(missing_ok=True)


def _replace(options: OptionList, new: list[Option]) -> None:
    """The list's options replaced at once, the highlight kept on the same entry if it is still
    there (else on the same row)."""
    before = options.highlighted
    kept_id = options.get_option_at_index(before).id if before is not None else None
    options.clear_options()
    options.add_options(new)
    if not new:
        return
    ids = [o.id for o in new]
    if kept_id in ids:
        options.highlighted = ids.index(kept_id)
    else:
        options.highlighted = min(before or 0, len(new) - 1)
