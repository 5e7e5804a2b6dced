"""`kosi board FOLDER`: the trainer's live board of a group game, in the terminal.

The negotiation table of the current round (one row per participant, a Σ row), who has
submitted and whom the round waits for, the group flags, and the figures of every round so far
side by side. The folder is looked at every `POLL_SECONDS`; a changed draft is read again in a
thread. The trainer moves the game on with `n` (back with `b`); the round is kept in a file of
its own in the folder. Participants' drafts are only ever read.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import VerticalScroll
from textual.css.query import NoMatches
from textual.renderables.digits import Digits as BigDigits
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from kosi_tui.core.group import (
    RoundResult,
    amount_text,
    cell_text,
    column_is_money,
    column_question,
    number_text,
    rejected_value_text,
    role_name,
)
from kosi_tui.core.group_record import event_entry, next_event, played_events
from kosi_tui.core.numbers import is_money, is_number
from kosi_tui.core.phase_timer import PhaseTimer, clock_text
from kosi_tui.core.text import localize
from kosi_tui.faces.board.folder_watch import POLL_SECONDS, Stamp, stamp
from kosi_tui.faces.board.record import (
    Entry,
    append_record,
    event_text,
    keep_record,
    marks,
    record_parts,
)
from kosi_tui.faces.tui.bindings import localized
from kosi_tui.i18n import t
from kosi_tui.report.game import Game, NotAGroup, load_game, notices, status_parts
from kosi_tui.storage.atomic import WriteError
from kosi_tui.storage.problems import ProblemsError
from kosi_tui.storage.round_state import (
    RoundState,
    hidden,
    moved,
    read_state,
    revealed,
    write_state,
)
from kosi_tui.storage.write_problem import describe

WIDE = 110
"""From this many columns the board shows every column of the table and the players' names."""
TEXT_CELL = 20
"""Longest text shown in a cell of the table; the debrief document prints them whole."""


@dataclass(frozen=True)
class Loaded:
    """One reading of the folder: the game (or why there is none) and the round."""

    game: Game | None
    error: str | None
    state: RoundState | None
    record: list[Entry] = field(default_factory=list)
    """The game's record as it stands after this reading."""


def read_folder(folder: Path, canvas: Path, lang: str) -> Loaded:
    """The game in `folder` as it is now; never raises for what participants may have written."""
    state = read_state(folder)
    try:
        return Loaded(load_game(folder, lang, canvas), None, state)
    except ProblemsError as err:
        return Loaded(None, err.problems[0].render(lang), state)
    except NotAGroup as err:
        return Loaded(None, t("board.not_a_group", lang, id=err.canvas_id), state)


class BoardScreen(Screen[None]):
    """The board's one screen; its footer speaks the board's language."""

    def __init__(self, lang: str) -> None:
        super().__init__(id="board")
        self.lang = lang

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return localized(super().active_bindings, self.lang)


class BoardApp(App[None]):
    """The board: reads the workshop folder, never writes a participant's draft."""

    CSS_PATH = "board.tcss"
    ENABLE_COMMAND_PALETTE = False
    TITLE = "kosi"
    BINDINGS = [
        Binding("n", "next_round", "Next round", id="board_next"),
        Binding("b", "previous_round", "Round back", id="board_back"),
        Binding("a", "reveal", "Reveal", id="board_reveal"),
        Binding("e", "play_event", "Event card", id="board_event"),
        Binding("t", "timer", "Timer", id="board_timer"),
        Binding("g", "beamer", "Beamer", id="board_beamer"),
        Binding("q", "quit", "Quit", id="board_quit"),
    ]

    def __init__(self, folder: Path, canvas: Path, canvas_id: str, lang: str = "de") -> None:
        super().__init__()
        self.folder, self.canvas, self.lang = folder, canvas, lang
        self.state = read_state(folder) or RoundState(canvas_id)
        self.game: Game | None = None
        self.record: list[Entry] = []
        self.error: str | None = None
        self.notice = ""
        self._stamp: Stamp | None = None
        self._asked = 0
        self._shown = 0
        self.width: int | None = None
        """The terminal's width as the last resize said; `size` before the first one."""
        self.updated = asyncio.Event()
        """Set whenever the board shows a new reading of the folder (tests wait on it)."""
        self.clock: Callable[[], float] = time.time
        """The phase timer's clock: seconds since the epoch, as the served board counts, since
        both keep the one timer in the round's file (a test gives its own)."""
        self.beamer = False
        """Beamer mode: the followed figures of the round in big digits above the table."""
        self._heading = Text()

    def get_default_screen(self) -> Screen[None]:
        return BoardScreen(self.lang)

    def compose(self) -> ComposeResult:
        yield Static(id="board-title")
        yield Static(id="board-status")
        yield Static(id="board-event")
        with VerticalScroll(id="board-body"):
            yield Static(id="board-big")
            yield DataTable(id="board-table", cursor_type="none", zebra_stripes=True)
            yield Static(id="board-notes")
            yield Static(id="board-bars")
            yield Static(id="board-flags")
            yield DataTable(id="board-figures", cursor_type="none")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#board-big").display = False
        self.look()
        self.set_interval(POLL_SECONDS, self.look)
        self.set_interval(1.0, self._tick)

    def on_resize(self, event: events.Resize) -> None:
        # This handler runs before the App's own, which sets `self.size`: the layout is chosen
        # from the event's size, else a resize shows the old layout until a draft changes.
        self.width = event.size.width
        self.render_board()

    # -- reading -----------------------------------------------------------------------------

    def look(self) -> None:
        """Reads the folder again when a draft or the round file has changed."""
        current = stamp(self.folder)
        if current == self._stamp:
            return
        self._stamp = current
        self._asked += 1
        asked = self._asked
        self.run_worker(lambda: self._read(asked), thread=True, group="board-read")

    def _read(self, asked: int) -> None:
        loaded = read_folder(self.folder, self.canvas, self.lang)
        self.call_from_thread(self.show, self._recorded(loaded), asked)

    def _recorded(self, loaded: Loaded) -> Loaded:
        """The reading with the game's record, after adding what it shows new in the round."""
        state = loaded.state if loaded.state is not None else self.state
        return replace(loaded, record=keep_record(self.folder, loaded.game, state))

    def show(self, loaded: Loaded, asked: int) -> None:
        """Shows a reading, unless a later one is already on screen."""
        if asked < self._shown:
            return
        self._shown = asked
        self.game, self.error, self.record = loaded.game, loaded.error, loaded.record
        if loaded.state is not None and loaded.state.canvas == self.state.canvas:
            self.state = loaded.state
        self.render_board()
        self.updated.set()

    # -- rounds ------------------------------------------------------------------------------

    def _rounds(self) -> int:
        if self.game is None or self.game.compiled.canvas.group is None:
            return 1
        return len(self.game.compiled.canvas.group.rounds)

    def _move(self, step: int) -> None:
        state = moved(self.state, step, self._rounds())
        if state.round == self.state.round:
            self.notice = t("board.last_round" if step > 0 else "board.first_round", self.lang)
            self.render_board()
            return
        self._keep(state)

    def _keep(self, state: RoundState) -> None:
        """Writes the board's new state to the folder and shows it; says so if it cannot."""
        try:
            write_state(self.folder, state)
        except WriteError as err:
            # The board writes only into the workshop folder: no other place to offer.
            said = describe(err, self.lang, holding="document", elsewhere=None)
            self.notice = t("board.state_not_saved", self.lang, error=said)
            self.render_board()
            return
        self.state, self.notice = state, ""
        self.render_board()

    def action_next_round(self) -> None:
        """Moves the game to the next round."""
        self._move(1)

    def action_reveal(self) -> None:
        """Reveals the offers of a sealed round (amounts, sums, flags) on the board."""
        group = self.game.compiled.canvas.group if self.game is not None else None
        index = self.state.round
        if group is None or not hidden(
            self.state, index, group.rounds[min(index, len(group.rounds) - 1)].sealed
        ):
            self.notice = t("board.not_sealed", self.lang)
            self.render_board()
            return
        self._keep(revealed(self.state))

    def action_play_event(self) -> None:
        """Plays the next event card of the canvas that this round allows."""
        group = self.game.compiled.canvas.group if self.game is not None else None
        index = min(self.state.round, len(group.rounds) - 1) if group is not None else 0
        event = next_event(group, self.record, index) if group is not None else None
        if group is None or event is None:
            self.notice = t("board.no_event", self.lang)
        elif append_record(self.folder, [entry := event_entry(group, index, event)]):
            self.record = [*self.record, entry]
            self.notice = ""
        else:
            self.notice = t("board.event_not_saved", self.lang)
        self.render_board()

    def action_previous_round(self) -> None:
        """Goes back one round (a round moved on by mistake)."""
        self._move(-1)

    # -- phase timer and beamer ----------------------------------------------------------------

    def action_timer(self) -> None:
        """Starts the phase timer from zero, or stops it (it keeps showing the time it stood at).
        It is the served board's timer too: kept in the round's file, so the beamer's page and
        this board show one time."""
        now, timer = self.clock(), self.state.timer
        timer = timer.stop(now) if timer.running else PhaseTimer().start(now)
        self._keep(replace(self.state, timer=timer))

    def timer_text(self) -> str:
        """The phase timer as the title shows it: nothing before it was first started."""
        timer = self.state.timer
        seconds = timer.seconds(self.clock())
        if not timer.running and not seconds:
            return ""
        key = "board.timer" if timer.running else "board.timer_stopped"
        return t(key, self.lang, time=clock_text(seconds))

    def _tick(self) -> None:
        if self.state.timer.running:
            self._show_title()

    def _show_title(self) -> None:
        try:
            title = self.query_one("#board-title", Static)
        except NoMatches:
            return
        timer = self.timer_text()
        # First, so a narrow board does not cut it off with the canvas's title.
        title.update(Text.assemble((timer + "  ", "bold") if timer else "", self._heading))

    def action_beamer(self) -> None:
        """Beamer mode on or off: the round's followed figures (the gaps) in big digits."""
        self.beamer = not self.beamer
        self.render_board()

    def _big(self, results: list[RoundResult]) -> None:
        """The followed figures of the current round in big digits (beamer mode), side by side
        where they fit; a sealed round shows none."""
        big = self.query_one("#board-big", Static)
        assert self.game is not None
        group = self.game.compiled.canvas.group
        assert group is not None
        current = results[-1]
        shown = self.beamer and not hidden(self.state, current.index, current.round.sealed)
        big.display = shown
        if not shown:
            return
        figures = [f for f in group.figures if f.id in group.across]
        columns = max(1, min(len(figures), self.board_width // 38))
        grid = Table.grid(padding=(0, 3))
        for _ in range(columns):
            grid.add_column()
        boxes: list[Group] = []
        for figure in figures:
            value = current.figures.get(figure.id)
            unit = localize(figure.unit, self.lang) if figure.unit else ""
            label = localize(figure.label, self.lang) + (f" ({unit})" if unit else "")
            number = value if is_number(value) else 0
            style = "bold red" if number > 0 else ("bold green" if number < 0 else "bold")
            shown_value = number_text(value, self.lang, is_money(unit)) if is_number(value) else "-"
            boxes.append(Group(Text(label, style="bold"), BigDigits(shown_value, style=style)))
        for start in range(0, len(boxes), columns):
            grid.add_row(*boxes[start : start + columns])
        big.update(grid)

    def _bars(self, results: list[RoundResult]) -> Text:
        """The followed figures (the gaps) across the rounds so far, a bar each: its length the
        amount against the largest of that figure, the amount written beside it (the colour
        only repeats the sign). The rounds side by side where they fit, else one under another."""
        assert self.game is not None
        group = self.game.compiled.canvas.group
        assert group is not None
        figures = [f for f in group.figures if f.id in group.across]
        text = Text()
        if not figures:
            return text
        lang = self.lang
        label_width = max(len(localize(f.label, lang)) for f in figures) + 1
        shown = {r.index: r for r in results if not hidden(self.state, r.index, r.round.sealed)}
        cells = [
            {i: amount_text(r.figures.get(f.id), lang, f.unit) for i, r in shown.items()}
            for f in figures
        ]
        value_width = max(
            [len(c) for row in cells for c in row.values()] + [len(t("board.sealed_cell", lang))]
        )
        room = self.board_width - 2 - label_width
        side = room // max(len(results), 1) - value_width - 6
        stacked = side < 6
        bar_width = min(30, room - value_width - 6) if stacked else min(16, side)
        text.append(t("board.across", lang), style="bold")
        for figure, row in zip(figures, cells, strict=True):
            numbers = [abs(v) for r in shown.values() if is_number(v := r.figures.get(figure.id))]
            largest = max(numbers, default=0) or 1
            for n, result in enumerate(results):
                if n == 0 or stacked:
                    label = localize(figure.label, lang) if n == 0 else ""
                    text.append("\n" + label.ljust(label_width))
                text.append(f" {t('board.col_round_short', lang, n=result.index + 1)} ")
                if result.index not in shown:
                    text.append(" " * (bar_width + 1))
                    text.append(t("board.sealed_cell", lang).rjust(value_width), style="dim")
                    continue
                value = result.figures.get(figure.id)
                number = value if is_number(value) else 0
                length = round(abs(number) / largest * bar_width)
                style = "red" if number > 0 else "green"
                text.append(("█" * length).ljust(bar_width), style=style)
                text.append(" " + row[result.index].rjust(value_width))
        return text

    # -- drawing -----------------------------------------------------------------------------

    @property
    def wide(self) -> bool:
        """Whether there is room for every column."""
        return self.board_width >= WIDE

    @property
    def board_width(self) -> int:
        """The width the board is laid out for."""
        return self.width if self.width is not None else self.size.width

    def render_board(self) -> None:
        """Draws the current reading."""
        try:
            title = self.query_one("#board-title", Static)
        except NoMatches:  # a resize before the widgets are there
            return
        status = self.query_one("#board-status", Static)
        table = self.query_one("#board-table", DataTable)
        flags = self.query_one("#board-flags", Static)
        notes = self.query_one("#board-notes", Static)
        figures = self.query_one("#board-figures", DataTable)
        game = self.game
        group = game.compiled.canvas.group if game is not None else None
        if game is None or group is None:
            title.update(Text(t("board.title_empty", self.lang), style="bold"))
            status.update(Text(self.error or t("board.nobody", self.lang)))
            table.clear(columns=True)
            figures.clear(columns=True)
            flags.update("")
            self._notes(notes, notices(game, None, self.lang) if game else [])
            return
        index = min(self.state.round, len(group.rounds) - 1)
        results = game.rounds(index)
        current = results[-1]
        rnd = current.round
        heading = t("board.round", self.lang, n=index + 1, total=len(group.rounds),
                    title=localize(rnd.title, self.lang))  # fmt: skip
        self._heading = Text.assemble((heading, "bold reverse"), "  ",
                                      (localize(game.compiled.canvas.title, self.lang), "bold"))  # fmt: skip
        self._show_title()
        sealed = hidden(self.state, index, rnd.sealed)
        status.update(self._status(current, sealed))
        self._event(current)
        if sealed:
            # Who has submitted, nothing of what: no amount, sum, flag or left-out value.
            self._sealed_table(table, current)
            flags.update(Text(t("board.sealed_flags", self.lang)))
            self._notes(notes, notices(game, None, self.lang))
        else:
            self._table(table, current)
            flags.update(self._flags(current))
            self._notes(notes, notices(game, current, self.lang))
        self._figures(figures, results)
        self.query_one("#board-bars", Static).update(self._bars(results))
        self._big(results)
        figures.display = not self.beamer

    def _status(self, result: RoundResult, sealed: bool = False) -> Text:
        assert self.game is not None
        parts = status_parts(self.game, result, self.lang)
        parts += record_parts(self.game, result, self.record, self.lang)
        if sealed:
            parts.append(t("board.sealed", self.lang))
        text = Text(" · ".join(parts))
        if self.notice:
            text.append("  " + self.notice, style="bold")
        return text

    def _table(self, table: DataTable[Text | str], result: RoundResult) -> None:
        assert self.game is not None
        compiled = self.game.compiled
        group = compiled.canvas.group
        assert group is not None
        lang, wide = self.lang, self.wide
        columns = [c for c in group.table if c.narrow]
        if wide:
            # Text columns as far as they fit beside the others, in the canvas's order.
            widest = max((len(role_name(r.role, lang, True) + r.member.name) + 5 for r in result.rows),
                         default=10)  # fmt: skip
            room = (
                self.board_width - widest - sum(len(localize(c.label, lang)) + 5 for c in columns)
            )
            for column in group.table:
                if not column.narrow and room >= TEXT_CELL + 2:
                    columns.append(column)
                    room -= TEXT_CELL + 2
        table.clear(columns=True)
        table.add_column(t("board.col_party", lang), key="party")
        changed = marks(self.record, result.round.id).changed
        for column in columns:
            # The unit stands in the header once, so the cells stay narrow.
            unit = f" {localize(column.unit, lang)}" if column.unit else ""
            table.add_column(localize(column.label, lang) + unit, key=column.id)
        for row in result.rows:
            party = role_name(row.role, lang, short=True)
            if wide:
                party += f" ({row.member.name})"
            # Not a colour alone: a row still open carries "…" after the party, a party that
            # walked away says so, and its amounts are struck.
            if row.member.key in changed:
                party += " ✎"
            if row.walked_away:
                party += f" ({t('group.walked_away', lang)})"
            elif not row.submitted:
                party += " …"
            mark = Text(party, style="" if row.submitted and not row.walked_away else "dim")
            cells: list[Text | str] = [mark]
            rejected = {r.key: r for r in row.rejected}
            for column in columns:
                value = row.cells.get(column.id)
                left_out = rejected.get(column_question(compiled, column, result.round) or "")
                if left_out is not None:
                    # Shown as typed but struck and marked, so nobody reads it as counted.
                    shown = "✗ " + rejected_value_text(left_out.value, lang, TEXT_CELL - 2)
                    cells.append(Text(shown, style="dim strike", justify="right"))
                    continue
                number = isinstance(value, int | float) and not isinstance(value, bool)
                text = (
                    amount_text(value, lang, money=column_is_money(column, lang))
                    if number
                    else cell_text(compiled, column, value, lang)
                )
                if len(text) > TEXT_CELL:
                    text = text[: TEXT_CELL - 1] + "…"
                struck = row.walked_away and column.total and text != ""
                cells.append(Text(text, style="dim strike" if struck else "",
                                  justify="right" if number else "left"))  # fmt: skip
            table.add_row(*cells, key=row.member.key)
        if result.rows:
            total: list[Text | str] = [Text("Σ", style="bold")]
            for column in columns:
                value = result.totals.get(column.id)
                money = column_is_money(column, lang)
                shown = amount_text(value, lang, money=money) if column.total else ""
                total.append(Text(shown, style="bold", justify="right"))
            table.add_row(*total, key="total")

    def _event(self, result: RoundResult) -> None:
        """The event card played last in this round, as a banner; none: no line."""
        banner = self.query_one("#board-event", Static)
        assert self.game is not None
        group = self.game.compiled.canvas.group
        played = [
            (e, ev) for e, ev in played_events(group, self.record) if e.round == result.round.id
        ] if group is not None else []  # fmt: skip
        banner.display = bool(played)
        if played and group is not None:
            banner.update(Text(event_text(group, played[-1][1], self.lang), style="bold"))

    def _sealed_table(self, table: DataTable[Text | str], result: RoundResult) -> None:
        lang = self.lang
        table.clear(columns=True)
        table.add_column(t("board.col_party", lang), key="party")
        table.add_column(t("board.col_submitted", lang), key="submitted")
        for row in result.rows:
            party = role_name(row.role, lang, short=True)
            if self.wide:
                party += f" ({row.member.name})"
            done = Text("✓" if row.submitted else "…", style="" if row.submitted else "dim")
            table.add_row(Text(party), done, key=row.member.key)

    @staticmethod
    def _notes(notes: Static, lines: list[str]) -> None:
        """What the figures leave out, named; no empty line when nothing is."""
        notes.update(Text("\n".join("• " + line for line in lines)))
        notes.display = bool(lines)

    def _flags(self, result: RoundResult) -> Text:
        text = Text()
        for flag in result.flags:
            if text:
                text.append("\n")
            text.append("⚠ ", style="bold")
            text.append(localize(flag.message, self.lang))
        if not result.flags:
            text.append(t("board.no_flags", self.lang))
        return text

    def _figures(self, table: DataTable[Text | str], results: list[RoundResult]) -> None:
        assert self.game is not None
        group = self.game.compiled.canvas.group
        assert group is not None
        lang = self.lang
        table.clear(columns=True)
        table.add_column(t("board.col_figure", lang), key="figure")
        for result in results:
            table.add_column(t("board.col_round", lang, n=result.index + 1), key=result.round.id)
        followed = set(group.across)
        for figure in group.figures:
            style = "bold" if figure.id in followed else ""
            cells: list[Text | str] = [Text(localize(figure.label, lang), style=style)]
            for result in results:
                shown = (
                    t("board.sealed_cell", lang)
                    if hidden(self.state, result.index, result.round.sealed)
                    else amount_text(result.figures.get(figure.id), lang, figure.unit)
                )
                cells.append(Text(shown, style=style, justify="right"))
            table.add_row(*cells, key=figure.id)
