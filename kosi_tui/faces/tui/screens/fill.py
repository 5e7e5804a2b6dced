"""The filling screen: sections in a sidebar, one section's questions at a time, help on demand,
honest progress, autosave."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, OptionList, ProgressBar, Static

from kosi_tui.core.canvas import Info, Section
from kosi_tui.core.display import answer_text
from kosi_tui.core.progress import progress_text
from kosi_tui.core.text import localize
from kosi_tui.faces.autosave import AutoSaver, SaveEvents
from kosi_tui.faces.filling import Filling, SaveResult
from kosi_tui.faces.game_player import carry_into, is_game
from kosi_tui.faces.remembered import remember_saved_elsewhere
from kosi_tui.faces.tui.dialogs.conflict_dialog import ConflictDialog
from kosi_tui.faces.tui.dialogs.message_dialog import MessageDialog
from kosi_tui.faces.tui.dialogs.path_dialog import PathDialog
from kosi_tui.faces.tui.dialogs.save_failed_dialog import Choice, SaveFailedDialog
from kosi_tui.faces.tui.markup import as_typed, shown_path
from kosi_tui.faces.tui.screens.base import KosiScreen
from kosi_tui.faces.tui.widgets.factory import question_widget
from kosi_tui.faces.tui.widgets.footer import QuietFooter
from kosi_tui.faces.tui.widgets.question import QuestionWidget
from kosi_tui.faces.tui.widgets.role_card import CardWarning, GameStrip
from kosi_tui.faces.tui.widgets.sidebar import SectionList
from kosi_tui.i18n import t
from kosi_tui.i18n.locales import known
from kosi_tui.report.changes import describe_migration
from kosi_tui.storage.atomic import WriteError
from kosi_tui.storage.write_problem import describe

SAVING = "saving"
"""The worker group of saves."""
T = TypeVar("T")


def _question_of(widget: Widget | None) -> QuestionWidget | None:
    """The question `widget` belongs to, if any."""
    found = (widget, *widget.ancestors) if widget is not None else ()
    return next((w for w in found if isinstance(w, QuestionWidget)), None)


def _answerable(widget: QuestionWidget) -> bool:
    """Whether the widget is shown and takes an answer (not a text to read)."""
    return bool(widget.display) and not isinstance(widget.question, Info)


class FillScreen(KosiScreen[None]):
    """Filling one draft."""

    CSS_PATH = Path(__file__).parent / "fill.tcss"
    BINDINGS = [
        Binding("f1", "toggle_help", "Hilfe", id="help", priority=True),
        Binding("f7", "previous", "Zurück", id="prev", priority=True),
        Binding("f8", "next", "Weiter", id="next", priority=True),
        Binding("f5", "review", "Überblick", id="review", priority=True),
        Binding("f6", "sections", "Abschnitte", id="sections", priority=True, show=False),
        Binding("ctrl+s", "save", "Speichern", id="save", priority=True, show=False),
        Binding("f2", "save_elsewhere", "Speichern unter", id="save_as", show=False),
        Binding("f3", "resolve_conflicts", "Abweichungen", id="conflicts", show=False),
        Binding("f4", "role_card", "Rolle", id="role_card", priority=True),
    ]

    def __init__(self, filling: Filling) -> None:
        super().__init__()
        self.filling = filling
        self.index = 0
        self.visited: set[str] = set()
        self.focused_key: str | None = None
        events = SaveEvents(
            saved=lambda _result: self._show_save_state(),
            failed=self._save_failed,
            merged=self._merged,
        )
        self.saver = AutoSaver(filling, self._later, self._in_thread, events)
        """When and how the draft is saved; the screen shows what it hears."""
        self._section_lock = asyncio.Lock()
        self.ready = asyncio.Event()
        """Set once the first section is on screen (tests and tools wait for it)."""
        self._notice = ""
        """What the notice bar says (nothing: it is hidden)."""
        self._marked_in: str | None = None
        """The language the sidebar's marks were last all drawn in."""
        self._shown = 0
        """Counts the sections shown, so that the rest of one that is gone is not mounted."""
        self._holding = False
        """Whether this screen holds the app's keys back (`show_section`)."""

    # -- layout ----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="title")
        with Horizontal(id="progress-line"):
            yield Static(id="progress-text")
            yield ProgressBar(id="progress", show_eta=False, show_percentage=True)
        with Horizontal(id="body"):
            yield SectionList(id="sidebar")
            with Vertical(id="main-column"):
                # Above the scrolling questions: the role stays in view wherever the view is.
                yield GameStrip(self.filling, id="game-strip")
                with VerticalScroll(id="main"):
                    yield Static(id="section-title")
                    yield Static(id="section-intro")
                    yield Vertical(id="questions")
                    with Horizontal(id="nav"):
                        # Back is for the mouse (F7 and the footer by key): Tab past the
                        # last question reaches "Weiter", the button drawn as the one to press,
                        # and Enter there goes forward in every section, not back from 2 on.
                        back = Button("", id="prev")
                        back.can_focus = False
                        yield back
                        yield Button("", id="next", variant="primary")
        yield Static(id="help-panel")
        # Not focusable: a failure is said without taking the keys meant for the answer.
        yield Static(id="save-notice")
        yield CardWarning(id="card-warning")
        yield Static(id="saved")
        yield QuietFooter()

    async def on_mount(self) -> None:
        self.query_one("#help-panel").display = False
        self.query_one("#save-notice").display = False
        position = self.filling.draft.position
        sections = self.filling.canvas.canvas.sections
        start = next((i for i, s in enumerate(sections) if s.id == position.section), 0)
        focus = f"{position.section}.{position.question}" if position.question else None
        await self.show_section(start, focus)
        self._show_save_state()
        if self.filling.last.error is not None:
            self._save_failed(self.filling.last.error, True)
        notes = describe_migration(self.filling.migration, self.filling.canvas.compiled, self.lang)
        if notes:
            self.app.push_screen(
                MessageDialog(t("ui.changes_title", self.lang), notes, t("ui.ok", self.lang))
            )
        self._tell_where_else_open()
        if self.filling.dirty:
            self.schedule_save()
        if not self._holding:
            self.ready.set()  # else once the rest of the section is there

    def on_unmount(self) -> None:
        # The screen goes (back home, or the app ends): what is pending is written, and the
        # open-here mark is taken away so the next opening does not warn about this window.
        self._release_keys()
        self.saver.finish()
        self.filling.close()

    def _tell_where_else_open(self) -> None:
        lang, filling = self.lang, self.filling
        other = filling.other_holder
        if other is not None:
            lines = [
                t(
                    "ui.open_elsewhere",
                    lang,
                    host=other.host,
                    pid=other.pid,
                    since=other.since.strftime("%d.%m.%Y %H:%M"),
                ),
                t("ui.open_elsewhere_merge", lang),
            ]
            self.app.push_screen(
                MessageDialog(t("ui.open_elsewhere_title", lang), lines, t("ui.ok", lang))
            )
        if filling.named_like is not None:
            lines = [
                t("ui.name_taken", lang, wanted=filling.named_like.name, name=filling.path.name)
            ]
            self.app.push_screen(
                MessageDialog(t("ui.name_taken_title", lang), lines, t("ui.ok", lang))
            )

    async def language_changed(self, lang: str) -> None:
        # The canvas texts too: the draft remembers them for its report.
        self.filling.set_language(known(lang))
        self.schedule_save()
        # Relabelled, not built again: what is typed (also not yet in the draft, as in a list's
        # entry line), the focus and the scroll position stay.
        async with self._section_lock:
            for widget in self.query(QuestionWidget):
                widget.relabel()
            self._label_section()
            self._label_nav()
            self._update_title()
            self._update_sidebar(self.index)
        focused = _question_of(self.focused)
        if focused is not None:
            self._show_help(focused)
            # The texts above it may have taken more or fewer lines.
            self.call_after_refresh(focused.keep_in_view)
        self._show_save_state()

    # -- sections --------------------------------------------------------------------------------

    async def show_section(self, index: int, focus_key: str | None = None) -> None:
        """Shows one section's questions (only that one's: mounting is what costs time).

        The questions in view come first and are drawn; the rest follow right after. Keys wait
        for them (characters for the focused field excepted), so that Tab reaches the next
        question and not "Weiter".
        """
        # One section change at a time: a jump requested while the first section is still being
        # mounted (a fast key, the palette) waits instead of mounting into a half-built screen.
        async with self._section_lock:
            with self.app.batch_update():
                later = await self._show_section(index, focus_key)
        if not later:
            return
        if not self._holding:
            self._holding = True
            self.app.key_order.hold()
        self.call_after_refresh(self._mount_later, self._shown, later)

    async def _mount_later(self, shown: int, later: list[QuestionWidget]) -> None:
        """Mounts the questions below the first view, unless another section is shown by now."""
        try:
            async with self._section_lock:
                if shown != self._shown or not self.is_attached:
                    return
                session = self.filling.session
                for widget in later:  # an answer typed meanwhile may have shown or hidden one
                    widget.display = session.visible.get(widget.key, True)
                await self.query_one("#questions", Vertical).mount_all(later)
                if self.app.is_running:
                    self._show_issues_of(later)
                    # The game's marks (answers carried over) on these questions too.
                    self.query_one(GameStrip).show(self.current_section.id)
        finally:
            if shown == self._shown:
                self._release_keys()
                self.ready.set()

    def _release_keys(self) -> None:
        if self._holding:
            self._holding = False
            self.app.key_order.release()

    async def _show_section(self, index: int, focus_key: str | None) -> list[QuestionWidget]:
        """Mounts the questions in view; returns the rest."""
        self._shown += 1
        filling = self.filling
        sections = filling.canvas.canvas.sections
        index = max(0, min(index, len(sections) - 1))
        if index != self.index:
            self.visited.add(sections[self.index].id)
        previous, self.index = self.index, index
        section = sections[index]
        session = filling.session
        self._label_section()
        container = self.query_one("#questions", Vertical)
        # Keys pressed while the section changes must reach the screen, not a widget being removed.
        self.set_focus(None)
        await container.remove_children()
        # A new round starts from the offer given in the last one (group games only).
        if carry_into(filling, section.id):
            self.schedule_save()
        widgets: list[QuestionWidget] = []
        for question in section.questions:
            key = f"{section.id}.{question.id}"
            required = not isinstance(question, Info) and question.required
            widget = question_widget(key, question, session.answers.get(key), required)
            widget.display = session.visible.get(key, True)
            widgets.append(widget)
        first = self._in_first_view(widgets, focus_key)
        await container.mount_all(widgets[:first])
        if not self.app.is_running:
            return []  # the app ended while the section was being mounted: its widgets are going
        self._label_nav()
        self._update_title()
        self._update_sidebar(previous)
        self.query_one(GameStrip).show(section.id)
        # The question is kept while the section stays: opening a draft changes nothing to save.
        position = filling.draft.position
        filling.set_position(
            section.id, position.question if position.section == section.id else None
        )
        self._show_issues_of(widgets[:first])
        self._focus_first(widgets[:first], focus_key)
        return widgets[first:]

    def _in_first_view(self, widgets: list[QuestionWidget], focus_key: str | None) -> int:
        """How many of `widgets` to mount before the section is drawn: up to the question to
        focus, and from there as many as fill a view at the fewest lines each takes."""
        wanted = self.query_one("#main", VerticalScroll).size.height or self.app.size.height
        start = next((i for i, w in enumerate(widgets) if w.key == focus_key and w.display), 0)
        end = start
        while end < len(widgets) and wanted > 0:
            if widgets[end].display:
                wanted -= widgets[end].lines_at_least()
            end += 1
        # A question to answer among them, if the section has one: the focus goes there, not to
        # "Weiter" (a section may open with long texts).
        while end < len(widgets) and not any(_answerable(w) for w in widgets[:end]):
            end += 1
        return end

    def _show_issues_of(self, widgets: list[QuestionWidget]) -> None:
        """The messages of answers given (of all, when the person was in the section before)."""
        show_required = self.current_section.id in self.visited
        answers = self.filling.session.answers
        for widget in widgets:
            if _answerable(widget) and (answers.get(widget.key) is not None or show_required):
                widget.show_issues(self.filling.session.issues(widget.key, show_required))

    def _label_section(self) -> None:
        """The section's title and introduction, in the interface language."""
        lang, section = self.lang, self.current_section
        self.query_one("#section-title", Static).update(
            f"{self.index + 1}. {as_typed(localize(section.title, lang))}"
        )
        intro = self.query_one("#section-intro", Static)
        intro.update(as_typed(localize(section.intro, lang)) if section.intro else "")
        intro.display = bool(section.intro)

    def _label_nav(self) -> None:
        lang, index = self.lang, self.index
        last = index == len(self.filling.canvas.canvas.sections) - 1
        self.query_one("#prev", Button).label = t("ui.prev", lang)
        self.query_one("#prev", Button).disabled = index == 0
        self.query_one("#next", Button).label = t("ui.to_review" if last else "ui.next", lang)

    def _focus_first(self, widgets: list[QuestionWidget], focus_key: str | None) -> None:
        """Focuses the question `focus_key` if shown, else the first that takes an answer."""
        answerable = [w for w in widgets if _answerable(w)]
        first = answerable[0] if answerable else None
        target = next((w for w in answerable if w.key == focus_key), first)
        main = self.query_one("#main", VerticalScroll)
        main.scroll_home(animate=False)
        if target is not None:
            # One scroll, after layout, with the question's label at the top: predictable for
            # people and for screenshots alike.
            target.focus_input(scroll=False)
            if target is not first:
                self.call_after_refresh(main.scroll_to_widget, target, animate=False, top=True)
        else:
            self.query_one("#next", Button).focus()

    @property
    def current_section(self) -> Section:
        """The section on screen."""
        return self.filling.canvas.canvas.sections[self.index]

    def _update_sidebar(self, previous: int) -> None:
        count = len(self.filling.canvas.canvas.sections)
        sidebar = self.query_one(SectionList)
        sidebar.ensure(count)
        sidebar.highlighted = self.index
        if self._marked_in == self.lang:
            # A section change changes the marks of the section left and the one shown only.
            self._update_marks({previous, self.index})
            self._update_progress()
            return
        # Every mark and the progress line validate every answer of the draft, building a
        # Pydantic validator for each kind of answer the first time: on the first screen (and
        # in a new language) they follow once the section is drawn, and the question takes keys
        # before. Until then the other sections are listed without their mark.
        self._marked_in = self.lang
        self._update_marks({self.index})
        self._update_marks(set(range(count)) - {self.index}, known=False)
        self.call_after_refresh(self._update_all_marks)

    def _update_all_marks(self) -> None:
        if self.is_attached:
            self._update_marks(set(range(len(self.filling.canvas.canvas.sections))))
            self._update_progress()

    def _update_marks(self, indexes: set[int], known: bool = True) -> None:
        """The sidebar entries of these sections; without `known`, their titles only."""
        filling, lang = self.filling, self.lang
        sections = filling.canvas.canvas.sections
        sidebar = self.query_one(SectionList)
        for i in sorted(indexes):
            section = sections[i]
            sidebar.mark(
                i,
                localize(section.title, lang),
                filling.section_state(section.id) if known else None,
                not filling.session.section_visible.get(section.id, True),
                i == self.index,
            )

    def _update_title(self) -> None:
        lang = self.lang
        sections = self.filling.canvas.canvas.sections
        title = localize(self.filling.canvas.canvas.title, lang)
        where = t("ui.section_of", lang, n=self.index + 1, total=len(sections))
        line = self.query_one("#title", Static)
        shown = f"[b]{as_typed(title)}[/b] · {where}"
        if line.content != shown:
            line.update(shown)

    def _update_progress(self) -> None:
        progress = self.filling.session.progress()
        text = progress_text(progress, self.lang)
        # Most keys change it not: a new text would lay out the whole screen again.
        line = self.query_one("#progress-text", Static)
        if line.content != text:
            line.update(text)
        bar = self.query_one("#progress", ProgressBar)
        total = max(progress.required_total, 1)
        if (bar.total, bar.progress) != (total, progress.required_answered):
            bar.update(total=total, progress=progress.required_answered)

    def _update_saved(self) -> None:
        last, lang = self.filling.last, self.lang
        # The file name first: on a narrow screen the line is cut at the end, in the folder.
        where = {
            "name": as_typed(self.filling.path.name),
            "folder": shown_path(self.filling.path.parent),
        }
        if last.error is not None:
            text = f"[b]{t('ui.save_failed_short', lang)}[/b]"
        elif last.saved_at is not None:
            text = t("ui.saved", lang, time=last.saved_at.strftime("%H:%M:%S"), **where)
        else:
            text = t("ui.not_saved", lang, **where)
        saved = self.query_one("#saved", Static)
        saved.update(text)
        saved.set_class(last.error is not None, "-failed")

    # -- answers ---------------------------------------------------------------------------------

    @on(QuestionWidget.Answered)
    def _answered(self, event: QuestionWidget.Answered) -> None:
        widget = event.widget
        filling = self.filling
        changed = filling.set_answer(widget.key, event.value)
        session = filling.session
        section_id = self.current_section.id
        if changed:  # most answers show or hide nothing
            for other in self.query(QuestionWidget):
                if other.key in changed:
                    other.display = session.visible.get(other.key, True)
        widget.show_issues(session.issues(widget.key, include_required=section_id in self.visited))
        # Only the marks that can have changed: this section's and those of shown or hidden questions.
        compiled = filling.canvas.compiled
        touched = {self.index} | {compiled.questions[k].section_index for k in changed}
        self._update_marks(touched)
        self._update_progress()
        self.query_one(GameStrip).show(section_id)
        self.schedule_save()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        node = _question_of(event.widget)
        if node is not None:
            self.focused_key = node.key
            section, question = node.key.split(".", 1)
            self.filling.set_position(section, question)
            self._show_help(node)

    def _show_help(self, widget: QuestionWidget) -> None:
        lang = self.lang
        question = widget.question
        parts = [f"[b]{as_typed(localize(question.label, lang))}[/b]"]
        help_text = localize(question.help, lang) if question.help else ""
        parts.append(as_typed(help_text) if help_text else t("ui.help_none", lang))
        example = getattr(question, "example", None)
        if example:
            parts.append(
                f"[i]{as_typed(t('ui.example', lang, example=localize(example, lang)))}[/i]"
            )
        self.query_one("#help-panel", Static).update("\n".join(parts))

    # -- navigation ------------------------------------------------------------------------------

    async def _step(self, direction: int) -> None:
        sections = self.filling.canvas.canvas.sections
        target = self.index + direction
        # Skip sections that are hidden by their condition.
        while 0 <= target < len(sections) and not self.filling.session.section_visible.get(
            sections[target].id, True
        ):
            target += direction
        if 0 <= target < len(sections):
            await self.show_section(target)
            self.schedule_save()
        elif direction > 0:
            self.visited.add(self.current_section.id)
            self.action_review()

    async def action_previous(self) -> None:
        """Goes to the previous section."""
        await self._step(-1)

    async def action_next(self) -> None:
        """Goes to the next section (after the last one: to the overview)."""
        await self._step(1)

    @on(Button.Pressed, "#prev")
    async def _prev_pressed(self) -> None:
        await self.action_previous()

    @on(Button.Pressed, "#next")
    async def _next_pressed(self) -> None:
        await self.action_next()

    @on(OptionList.OptionSelected, "#sidebar")
    async def _jump(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        await self.jump_to_section(event.option_index)

    async def jump_to_section(self, index: int, focus_key: str | None = None) -> None:
        """Shows another section (from the sidebar, the palette or the overview)."""
        await self.show_section(index, focus_key)
        self.schedule_save()

    async def jump_to_question(self, key: str) -> None:
        """Shows the section of a question and focuses it."""
        located = self.filling.canvas.compiled.questions.get(key)
        if located is not None:
            await self.jump_to_section(located.section_index, key)

    def action_sections(self) -> None:
        """Moves the focus to the section list."""
        self.query_one(SectionList).focus()

    def action_toggle_help(self) -> None:
        """Shows or hides the help for the focused question."""
        panel = self.query_one("#help-panel")
        panel.display = not panel.display
        # The panel takes lines from the view: bring the focused question back after layout.
        focused = _question_of(self.focused)
        if focused is not None:
            self.call_after_refresh(focused.keep_in_view)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The role card exists only in a group game: elsewhere F4 is neither shown nor taken.
        return is_game(self.filling) if action == "role_card" else True

    def action_role_card(self) -> None:
        """Opens the participant's role card (a group game)."""
        self.query_one(GameStrip).open_card()

    def action_review(self) -> None:
        """Opens the overview with the report, what is missing, and export."""
        from kosi_tui.faces.tui.screens.review import ReviewScreen

        self.visited.add(self.current_section.id)

        async def back(key: str | None) -> None:
            if key:
                await self.jump_to_question(key)
            else:
                await self.show_section(self.index, self.focused_key)

        self.app.push_screen(ReviewScreen(self.filling), back)

    # -- saving ----------------------------------------------------------------------------------
    # The saver decides when and what (faces/autosave.py); the screen gives it Textual's timers
    # and worker threads, so a slow or network disk never delays a keystroke, and shows what it
    # hears.

    def schedule_save(self) -> None:
        """Saves a moment after the last change, at the latest shortly after the first one."""
        self.saver.changed()

    def _later(self, seconds: float, then: Callable[[], None]) -> Callable[[], None]:
        return self.set_timer(seconds, then).stop

    def _in_thread(self, work: Callable[[], T], then: Callable[[T], None]) -> None:
        async def save() -> None:
            then(await asyncio.to_thread(work))

        self.run_worker(save(), group=SAVING, exit_on_error=False)

    async def _saved_now(self, start: Callable[[Callable[[SaveResult], None]], None]) -> SaveResult:
        """Waits for a save the saver runs; the screen's own messages, typed answers among them,
        wait too."""
        done: asyncio.Future[SaveResult] = asyncio.get_running_loop().create_future()
        start(done.set_result)
        return await done

    def _merged(self, changed: set[str]) -> None:
        """Answers changed in the file were taken in: shown, and named in a note."""
        self.call_later(self._show_changed_elsewhere, changed)
        questions = self.filling.canvas.compiled.questions
        labels = [localize(questions[k].question.label, self.lang) for k in sorted(changed)]
        self.notify(
            as_typed("\n".join(labels)), title=t("ui.taken_from_file", self.lang), timeout=8
        )

    def _save_failed(self, _error: WriteError, new: bool) -> None:
        self._show_save_state()
        if new:
            # Every new failure is said, also after a save in between worked; the bar below
            # holds the details, the note only draws the eye to it.
            self.notify(
                t("ui.save_failed_toast", self.lang),
                title=t("ui.save_failed_title", self.lang),
                severity="error",
            )

    async def _show_changed_elsewhere(self, keys: set[str]) -> None:
        section_keys = {w.key for w in self.query(QuestionWidget)}
        if keys & section_keys:
            await self.show_section(self.index, self.focused_key)
        compiled = self.filling.canvas.compiled
        self._update_marks({compiled.questions[k].section_index for k in keys})
        self._update_progress()

    def _show_save_state(self) -> None:
        """The save line, and the notice bar while saving fails or answers conflicted."""
        last, lang = self.filling.last, self.lang
        self._update_saved()
        bar = self.query_one("#save-notice", Static)
        text = ""
        if last.error is not None:
            message = self._failure_said(last.error)
            keys = t(
                "ui.save_failed_keys" if self._elsewhere else "ui.save_failed_keys_workshop", lang
            )
            title = as_typed(t("ui.save_failed_title", lang))
            text = f"[b]{title}:[/b] {as_typed(message)}\n{keys}"
        elif conflicts := self.saver.conflicts:
            copy = self.saver.conflict_copy
            where = as_typed(str(copy)) if copy else ""
            text = t("ui.conflict_bar", lang, count=len(conflicts), copy=where)
        if text == self._notice:
            return
        self._notice = text
        bar.update(text)
        bar.display = bool(text)
        # The bar takes its lines from the view: the answer being typed stays above it.
        focused = _question_of(self.focused)
        if focused is not None:
            self.call_after_refresh(focused.keep_in_view)

    def _failure_said(self, error: WriteError) -> str:
        """A failed save in words: on a served workshop's machine without its folders, and
        without "save elsewhere", which the keys there do not offer."""
        if self._elsewhere:
            return describe(error, self.lang, holding="draft")
        return describe(error, self.lang, holding="draft", show_path="name", elsewhere=None)

    @property
    def _elsewhere(self) -> bool:
        """Whether saving to another file may be offered (never on a served workshop's machine)."""
        return self.app.workplace.offers_save_elsewhere

    def action_save(self) -> None:
        """Saves now (in the background; the line below says when it is done)."""
        self.saver.save()

    def action_resolve_conflicts(self) -> None:
        """Goes through the answers that were changed here and elsewhere, one dialog each."""
        conflicts = self.saver.conflicts
        if not conflicts:
            return
        conflict = conflicts[0]
        lang = self.lang
        located = self.filling.canvas.compiled.questions.get(conflict.key)
        if located is None:
            self.saver.settle(conflict, take_theirs=False)
            return
        question = located.question
        copy = self.saver.conflict_copy

        def chosen(kept: str | None) -> None:
            self.saver.settle(conflict, take_theirs=kept == "theirs")
            if kept == "theirs":
                self.call_later(self._show_changed_elsewhere, {conflict.key})
            self._show_save_state()
            if self.saver.conflicts:
                self.action_resolve_conflicts()

        self.app.push_screen(
            ConflictDialog(
                localize(question.label, lang),
                answer_text(question, conflict.ours, lang),
                answer_text(question, conflict.theirs, lang),
                str(copy) if copy else "",
                1,
                len(conflicts),
            ),
            chosen,
        )

    def action_save_elsewhere(self) -> None:
        """Asks for another file and saves there from now on."""
        if not self._elsewhere:
            return  # In a served workshop nobody types a path on the server.
        self._save_elsewhere(quitting=False)

    async def save_now(self, always: bool = False) -> SaveResult:
        """Saves what is pending (or, `always`, the whole draft) in a worker thread and waits."""
        return await self._saved_now(lambda then: self.saver.save_now(then, always))

    async def _save_as_now(self, path: Path) -> SaveResult:
        """Saves to another file from now on, in a worker thread."""
        return await self._saved_now(lambda then: self.saver.save_as(path, then))

    def show_save_failure(self, quitting: bool) -> None:
        """The blocking notice when quitting fails to save, with a way to save elsewhere."""
        error = self.filling.last.error
        message = self._failure_said(error) if error else ""

        async def chosen(choice: Choice | None) -> None:
            if choice == "retry":
                if (await self.save_now(always=True)).error is None:
                    self._show_save_state()
                    if quitting:
                        self.app.exit()
                else:
                    self.show_save_failure(quitting)
            elif choice == "elsewhere":
                self._save_elsewhere(quitting)
            elif choice == "quit":
                self.app.exit()

        self.app.push_screen(SaveFailedDialog(message, quitting, elsewhere=self._elsewhere), chosen)

    def _save_elsewhere(self, quitting: bool) -> None:
        lang = self.lang
        suggestion = Path.home() / self.filling.path.name

        async def chosen(path: Path | None) -> None:
            if path is None:
                if quitting:
                    self.show_save_failure(quitting)
                return
            original = self.filling.path
            result = await self._save_as_now(path)
            self._show_save_state()
            if result.error is None and self.filling.path != original:
                # The start page lists the copy (wherever it is) and marks the old file.
                await self.run_worker(
                    partial(remember_saved_elsewhere, original, self.filling.path), thread=True
                ).wait()
            if result.error is not None:
                if quitting:
                    self.show_save_failure(quitting)
            elif quitting:
                self.app.exit()

        self.app.push_screen(
            PathDialog(
                t("ui.save_elsewhere", lang),
                t("ui.save_as_path", lang),
                suggestion,
                t("ui.key_save", lang),
                t("ui.cancel", lang),
            ),
            chosen,
        )

    async def request_quit(self) -> None:
        """Quits after saving; if saving fails, asks first instead of losing anything."""
        if (await self.save_now()).error is None:
            self.app.exit()
            return
        self._show_save_state()
        self.show_save_failure(quitting=True)
