"""The game beside a participant's questions in a group game (a Planspiel): their role, the round
the board is in, what was carried over from the last round, the event cards played for them, and
a bar when their offer goes beyond their role card. F4 opens the whole card, private side
included (it is their own screen).

The strip stands above the scrolling questions, so that the role stays in view wherever the view
is, and takes at most a few lines (`strip_lines`): what does not fit ends in '… F4 zeigt alles'.
The board's files in the draft's folder are read every `LOOK_SECONDS` in a thread; a new event
card is also announced as a notice. What to show comes from `core/group_player.py`.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from rich.console import Console
from rich.text import Text
from textual import events
from textual.widgets import Static

from kosi_tui.core.group import role_name
from kosi_tui.core.group_player import PlayerView
from kosi_tui.core.text import localize
from kosi_tui.faces.filling import Filling
from kosi_tui.faces.game_player import (
    GameNow,
    card_lines,
    event_lines,
    is_game,
    read_game_now,
    round_notes,
    view_of,
)
from kosi_tui.faces.tui.dialogs.message_dialog import MessageDialog
from kosi_tui.faces.tui.markup import as_typed
from kosi_tui.faces.tui.widgets.question import QuestionWidget
from kosi_tui.i18n import t

LOOK_SECONDS = 2.0
"""Seconds between two looks at the board's files: a new round or event card shows this much
later at most (the board itself looks four times a second; a participant needs less)."""


_MEASURE = Console(width=200, color_system=None, legacy_windows=False)
"""Only measures how many lines a text wraps to; never prints."""


def strip_lines(screen_height: int) -> int:
    """The most lines the strip takes: five at 24 rows (the questions keep fourteen), more on a
    taller terminal."""
    return max(5, screen_height // 5)


def wrapped_height(markup: str, width: int) -> int:
    """How many lines `markup` (Textual's, as the strip writes it) takes at `width` columns."""
    plain = Text.from_markup(markup).plain
    return len(Text(plain).wrap(_MEASURE, max(1, width)))


def fitted(full: list[str], short: list[str], width: int, most: int, more: str) -> list[str]:
    """`full` when it fits in `most` wrapped lines; else `short` (the same in fewer words) as
    far as it fits, the first line always, ending in `more` (F4 shows it all)."""
    if sum(wrapped_height(line, width) for line in full) <= most:
        return full
    kept, used = [short[0]], wrapped_height(short[0], width)
    room = most - wrapped_height(more, width)
    for line in short[1:]:
        height = wrapped_height(line, width)
        if used + height > room:
            break
        kept.append(line)
        used += height
    return [*kept, more]


class GameStrip(Static):
    """Above the section's questions: role, round, carried-over answers, event cards."""

    DEFAULT_CSS = """
    GameStrip {
        height: auto;
        padding: 0 1;
        margin: 1 1 0 2;
        background: $boost;
        border-left: outer $accent;
    }
    """

    def __init__(self, filling: Filling, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.filling = filling
        self.section_id = ""
        self.now = GameNow()
        self.view: PlayerView | None = None
        self._seen_events: int | None = None
        self._shown = ""
        self._strip_width = 0
        self.display = False

    @property
    def lang(self) -> str:
        return str(getattr(self.screen, "lang", "de"))

    def on_mount(self) -> None:
        if is_game(self.filling):
            self._look()
            self.set_interval(LOOK_SECONDS, self._look)

    def on_resize(self, event: events.Resize) -> None:
        # The cap counts wrapped lines: a new width (or height) may fit more or fewer.
        # After this layout: a new text given during it kept the old height.
        self.call_after_refresh(self._check_height)
        if event.size.width != self._strip_width:
            self._strip_width = event.size.width
            self.call_after_refresh(self.show, self.section_id)

    def _text_width(self) -> int:
        """The columns the strip's text has: its own once laid out, else its column's less the
        margins, border and padding (4 + 1 + 2)."""
        self._strip_width = self.size.width
        if self.content_region.width > 0:
            return self.content_region.width
        parent = self.parent
        width = parent.size.width if parent is not None and hasattr(parent, "size") else 0
        return max(20, width - 7)

    def _look(self) -> None:
        folder = self.filling.path.parent
        canvas_id = self.filling.canvas.canvas.id
        self.run_worker(lambda: self._read(folder, canvas_id), thread=True, group="game-look",
                        exclusive=True, exit_on_error=False)  # fmt: skip

    def _read(self, folder: Path, canvas_id: str) -> None:
        now = read_game_now(folder, canvas_id)
        # A look still under way as the app ends has nobody left to tell.
        with contextlib.suppress(RuntimeError):
            self.app.call_from_thread(self._got, now)

    def _got(self, now: GameNow) -> None:
        if now == self.now:
            return
        self.now = now
        self.show(self.section_id)
        if self.view is None:
            return
        if self._seen_events is not None:
            lang = self.lang
            for played in self.view.events[self._seen_events :]:
                what = f"{localize(played.event.title, lang)} – {localize(played.event.text, lang)}"
                self.notify(as_typed(what), title=t("game.event_title", lang), timeout=20)
        self._seen_events = len(self.view.events)

    def show(self, section_id: str) -> None:
        """Shows the game beside section `section_id` (after a section change or an answer)."""
        self.section_id = section_id
        if not is_game(self.filling) or not self.is_attached:
            return
        lang = self.lang
        view = self.view = view_of(self.filling, section_id, self.now)
        if view is None:
            return
        self.display = True
        role = (
            t("game.your_role", lang, role=role_name(view.role, lang, short=True))
            if view.role is not None
            else t("game.no_role", lang)
        )
        first = [f"[b]{as_typed(role)}[/b]"]
        if view.board_round is not None:
            first.append(t("game.board_round", lang, n=view.board_round + 1, total=view.rounds))
        first.append(t("game.card_key", lang))
        lines = [" · ".join(first)]
        lines += round_notes(view, lang)
        short = list(lines)
        if view.carried and view.section_round:
            lines.append(t("game.carried", lang, n=view.section_round, count=len(view.carried)))
            short.append(
                t("game.carried_short", lang, n=view.section_round, count=len(view.carried))
            )
        lines += [as_typed(line) for line in event_lines(view, lang)]
        # Shortened, the newest card comes first: the older ones are the first to be cut.
        short += [
            as_typed(t("game.event_short", lang, n=played.round + 1,
                       title=localize(played.event.title, lang)))
            for played in reversed(view.events)
        ]  # fmt: skip
        most = strip_lines(self.app.size.height)
        lines = fitted(lines, short, self._text_width(), most, t("game.strip_more", lang))
        text = "\n".join(lines)
        if text != self._shown:  # most keys change nothing here: no new layout for them
            self._shown = text
            self.update(text)
            self.call_after_refresh(self._check_height)
        carried = set(view.carried)
        for question in self.screen.query(QuestionWidget):
            question.set_class(question.key in carried, "-carried")
        for warning in self.screen.query(CardWarning):
            warning.show(view, lang)

    def _check_height(self) -> None:
        # Two layouts in a row (a section's later questions mounted right after the first) can
        # leave the strip as high as its text was at the width of the first: lay it out again.
        # Looked at after a new text and after a resize only, not on every key.
        width = self.content_region.width
        if not self.is_attached or width <= 0:
            return
        wanted = self.get_content_height(self.container_size, self.app.size, width)
        if wanted != self.content_region.height:
            self.refresh(layout=True)

    def open_card(self) -> None:
        """Opens the whole role card, the private side included."""
        lang = self.lang
        view = self.view or view_of(self.filling, self.section_id, self.now)
        role = view.role if view is not None else None
        if role is None:
            title, lines = t("game.card_title", lang, role="–"), [t("game.no_card", lang)]
        else:
            title = t("game.card_title", lang, role=localize(role.name, lang))
            lines = card_lines(role, lang)
        if view is not None and view.events:
            lines += [t("game.events", lang), *event_lines(view, lang)]
        self.app.push_screen(MessageDialog(title, lines, t("ui.ok", lang)))


class CardWarning(Static):
    """A bar under the questions while the round's offer goes beyond the role card: a note, not a
    block (the board shows it to the trainer too)."""

    DEFAULT_CSS = """
    CardWarning {
        height: auto;
        background: $warning 20%;
        border-top: solid $warning;
        padding: 0 1;
    }
    """

    def __init__(self, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.display = False

    def show(self, view: PlayerView, lang: str) -> None:
        """Shows the limits the offer goes beyond, or hides the bar."""
        lines = [t("game.beyond", lang, message=localize(limit.message, lang))
                 for limit in view.beyond]  # fmt: skip
        if lines:
            lines.append(t("game.beyond_note", lang))
        text = as_typed("\n".join(lines))
        if text != self.content:
            self.update(text)
        self.display = bool(lines)
