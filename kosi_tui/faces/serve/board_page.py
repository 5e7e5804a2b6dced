"""The board of a group game as a web page in `kosi serve --workshop`, behind the trainer's code.

The same figures as `kosi board` in the terminal: the round's negotiation table with its Σ row,
who has submitted, the group flags and the figures by round. The page asks for its table again
every second; the trainer moves the round with two buttons, and starts, stops and sets back a
phase timer shown in large type (kept in the round's file, so a reload or a second beamer shows the
same time; the page counts the seconds between two readings itself). Participants' code does not open it:
the trainer's code is a second one, printed only in the trainer's terminal.
"""

from __future__ import annotations

import asyncio
import html
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from aiohttp import web

from kosi_tui.core.canvas import MultiChoice, SingleChoice
from kosi_tui.core.expr.nodes import Ref
from kosi_tui.core.group import RoundResult, amount_text, role_name
from kosi_tui.core.group_record import played_events
from kosi_tui.core.numbers import is_number
from kosi_tui.core.phase_timer import PhaseTimer, clock_text
from kosi_tui.core.text import localize
from kosi_tui.faces.board.record import Entry, event_text, keep_record, record_parts
from kosi_tui.faces.serve.addresses import is_loopback
from kosi_tui.faces.serve.attempts import Attempts, Verdict
from kosi_tui.faces.serve.door import Door, split_host
from kosi_tui.faces.serve.pages import NO_STORE, SIMPLE_PAGE, too_many_page
from kosi_tui.i18n import t
from kosi_tui.report.debrief import figures_grid, round_grid
from kosi_tui.report.document import Grid
from kosi_tui.report.game import (
    GROUP_CANVAS_ID,
    Game,
    NotAGroup,
    load_game,
    notices,
    status_parts,
)
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

COOKIE = "kosi_board"
PAGE_HEADERS = {**NO_STORE, "Referrer-Policy": "same-origin"}
"""Not "no-referrer": with it a browser sends `Origin: null` with the page's own buttons (a POST),
and the round buttons were refused as from another site."""
REFRESH_MS = 1000
"""How often the page asks for the table again."""

STYLE = """<style>
/* The board on a beamer: read from the back of the room. Large type that grows with the screen,
   black on white, amounts always written out (bars and colours only repeat them). */
html { font-size: clamp(16px, 1.5vw, 36px); }
body { font-family: system-ui, "Segoe UI", Roboto, sans-serif; margin: 0; background: #fff;
  color: #000; line-height: 1.25; }
header { display: flex; align-items: center; justify-content: space-between; gap: 1rem;
  background: #0b1f33; color: #fff; padding: .35rem 1rem; }
header h1 { font-size: 1rem; font-weight: 600; margin: 0; }
nav form { display: inline; }
nav button { font: inherit; font-size: .9rem; padding: .2rem .7rem; margin-left: .4rem;
  border: 2px solid #fff; border-radius: .3rem; background: #0b1f33; color: #fff; cursor: pointer; }
nav button:focus-visible { outline: 3px solid #ffd400; outline-offset: 2px; }
#board { padding: .4rem 1rem 1rem; }
.top { display: flex; align-items: baseline; justify-content: space-between; gap: 1rem; }
h2 { font-size: 1.7rem; margin: .2rem 0; }
.timer { font-size: 3rem; font-weight: 800; font-variant-numeric: tabular-nums;
  white-space: nowrap; line-height: 1; }
.timer.stopped { color: #4a4a4a; }
.timer small { font-size: 1rem; font-weight: 600; }
.badge { display: inline-block; font-size: 1rem; font-weight: 700; padding: .1rem .6rem;
  border-radius: .3rem; margin-left: .6rem; vertical-align: middle; }
.badge.sealed { background: #000; color: #fff; }
.badge.revealed { background: #0a5a2a; color: #fff; }
.status { font-size: 1rem; margin: .2rem 0 .4rem; }
.event { font-size: 1.2rem; font-weight: 700; background: #ffd400; color: #000;
  padding: .35rem .7rem; border-left: .45rem solid #000; margin: .3rem 0 .5rem; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1.5rem;
  align-items: start; }
table { border-collapse: collapse; width: 100%; font-size: 1rem; margin: .2rem 0 .6rem; }
th, td { border-bottom: 2px solid #777; padding: .18rem .4rem; text-align: left;
  vertical-align: top; overflow-wrap: break-word; }
th { background: #e6e6e6; font-weight: 700; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td { font-weight: 800; border-top: 3px solid #000; border-bottom: none; }
tr.waiting td, tr.vacant td { color: #4a4a4a; }
tr.vacant td { font-style: italic; }
tr.away td.n { text-decoration: line-through; color: #4a4a4a; }
h3 { font-size: 1.1rem; margin: .3rem 0 .2rem; }
.bars p { margin: .4rem 0 .1rem; font-weight: 700; font-size: 1rem; }
.bar-row { display: grid; grid-template-columns: 3.2rem 1fr 7.5rem; align-items: center;
  gap: .4rem; font-size: 1rem; }
.bar-row .n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.bar { height: .95rem; background: #b00020; min-width: 2px; }
.bar.surplus { background: #0a5a2a; }
.bar.none { background: none; }
.flags ul { padding-left: 1.1rem; margin: .2rem 0; }
.flags li { font-size: 1.05rem; font-weight: 700; margin-bottom: .2rem; }
.notices { color: #8a0000; font-size: .9rem; }
.figures { font-size: .85rem; }
@media (max-width: 900px) { .layout { grid-template-columns: 1fr; } }
</style>"""


def _table(grid: Grid, classes: list[str] | None = None, caption: str = "") -> str:
    """A grid as an HTML table; `classes` name each body row (waiting, away, vacant)."""

    def cells(row: list[str], tag: str) -> str:
        return "".join(
            f"<{tag}{' class=n' if i in grid.right else ''}>{html.escape(c)}</{tag}>"
            for i, c in enumerate(row)
        )

    kinds = classes or []
    body = "".join(
        f'<tr class="{kinds[n] if n < len(kinds) else ""}">{cells(row, "td")}</tr>'
        for n, row in enumerate(grid.rows)
    )
    if grid.total:
        body += f'<tr class="total">{cells(grid.total, "td")}</tr>'
    head = f"<caption hidden>{html.escape(caption)}</caption>" if caption else ""
    return f"<table>{head}<thead><tr>{cells(grid.header, 'th')}</tr></thead><tbody>{body}</tbody></table>"


def _beamer_columns(game: Game) -> list[int]:
    """The table's columns on the beamer: the narrow ones and those of choices (tasks, say),
    not the free texts, which the debrief prints whole."""
    group = game.compiled.canvas.group
    assert group is not None
    keep = []
    for i, column in enumerate(group.table):
        node = game.compiled.group.get(f"table.{column.id}")
        question = None
        if isinstance(node, Ref) and node.column is None and "." in node.key:
            first = group.rounds[0].section
            question = game.compiled.questions.get(f"{first}.{node.key.split('.', 1)[1]}")
        choice = question is not None and isinstance(question.question, SingleChoice | MultiChoice)
        if column.narrow or choice:
            keep.append(i)
    return keep


def _pick(grid: Grid, columns: list[int]) -> Grid:
    """The grid with its first column and the table columns `columns` (0-based, after it)."""
    index = [0, *(i + 1 for i in columns)]
    return Grid(
        [grid.header[i] for i in index],
        [[row[i] for i in index] for row in grid.rows],
        frozenset(n for n, i in enumerate(index) if i in grid.right),
        [grid.total[i] for i in index] if grid.total else None,
    )


def _bars(game: Game, results: list[RoundResult], state: RoundState | None, lang: str) -> str:
    """The followed figures (the gaps) as bars, one per round so far: the length is the amount
    against the largest of that figure, red a gap, green a surplus, the amount always written."""
    group = game.compiled.canvas.group
    assert group is not None
    figures = [f for f in group.figures if f.id in group.across]
    if not figures:
        return ""
    out = [f'<section class="bars"><h3>{html.escape(t("board.across", lang))}</h3>']
    for figure in figures:
        out.append(f"<p>{html.escape(localize(figure.label, lang))}</p>")
        values = {
            r.index: r.figures.get(figure.id)
            for r in results
            if not hidden(state, r.index, r.round.sealed)
        }
        numbers = [abs(v) for v in values.values() if is_number(v)]
        largest = max(numbers, default=0) or 1
        for result in results:
            label = html.escape(t("board.col_round_short", lang, n=result.index + 1))
            if result.index not in values:
                shown, width, kind = t("board.sealed_cell", lang), 0.0, "none"
            else:
                value = values[result.index]
                shown = amount_text(value, lang, figure.unit)
                number = value if is_number(value) else 0
                width = min(100.0, abs(number) / largest * 100)
                kind = "surplus" if number < 0 else ("none" if number == 0 else "gap")
            out.append(
                f'<div class="bar-row"><span>{label}</span>'
                f'<div class="bar {kind}" style="width:{width:.1f}%"></div>'
                f'<span class="n">{html.escape(shown)}</span></div>'
            )
    out.append("</section>")
    return "".join(out)


def _timer(timer: PhaseTimer, now: float, lang: str) -> str:
    """The phase timer in large type, nothing before it was first started; the page's script
    counts on from `data-seconds` while it runs."""
    seconds = timer.seconds(now)
    if not timer.running and not seconds:
        return ""
    # A word, not '⏱': beamer laptops often lack a font with the symbol (it showed as a box).
    label = f"<small>{html.escape(t('board.timer_label', lang))}</small> "
    clock = f'<span class="clock">{clock_text(seconds)}</span>'
    if timer.running:
        return f'<div id="timer" class="timer" data-seconds="{seconds:.1f}">{label}{clock}</div>'
    stopped = html.escape(t("board.timer_stopped_web", lang))
    return f'<div id="timer" class="timer stopped">{label}{clock} <small>{stopped}</small></div>'


def board_fragment(
    game: Game,
    state: RoundState | None,
    lang: str,
    record: list[Entry] | None = None,
    now: float | None = None,
) -> str:
    """The changing part of the page: round, sealed or revealed, phase timer, status, event card,
    table (with the roles nobody plays), the gaps as bars across the rounds, flags, figures."""
    group = game.compiled.canvas.group
    assert group is not None
    index = min(state.round if state else 0, len(group.rounds) - 1)
    results = game.rounds(index)
    current: RoundResult = results[-1]
    heading = t("board.round", lang, n=index + 1, total=len(group.rounds),
                title=localize(current.round.title, lang)).strip()  # fmt: skip
    status = status_parts(game, current, lang) + record_parts(game, current, record or [], lang)
    sealed = hidden(state, index, current.round.sealed)
    badge = ""
    if sealed:
        badge = f'<span class="badge sealed">{html.escape(t("board.sealed_badge", lang))}</span>'
    elif current.round.sealed:
        badge = (
            f'<span class="badge revealed">{html.escape(t("board.revealed_badge", lang))}</span>'
        )
    vacant = current.missing_roles(group)
    if sealed:
        # Who has submitted, nothing of what: no amount, sum, flag or left-out value.
        status.append(t("board.sealed_web", lang))
        rows = [
            [f"{role_name(r.role, lang, short=True)} ({r.member.name})",
             "✓" if r.submitted else "…"]
            for r in current.rows
        ]  # fmt: skip
        rows += [[role_name(role, lang, short=True), t("board.vacant", lang)] for role in vacant]
        grid = Grid([t("board.col_party", lang), t("board.col_submitted", lang)], rows, frozenset())
        classes = ["" if r.submitted else "waiting" for r in current.rows]
        flags = f"<p>{html.escape(t('board.sealed_flags', lang))}</p>"
    else:
        grid = _pick(round_grid(game, current, lang), _beamer_columns(game))
        classes = [
            "away" if r.walked_away else ("" if r.submitted else "waiting") for r in current.rows
        ]
        width = len(grid.header) - 1
        grid.rows.extend(
            [role_name(role, lang, short=True) + " – " + t("board.vacant", lang)] + [""] * width
            for role in vacant
        )
        items = "".join(
            f"<li>⚠ {html.escape(localize(f.message, lang))}</li>" for f in current.flags
        )
        no_flags = f"<p>{html.escape(t('board.no_flags', lang))}</p>"
        flags = f"<ul>{items}</ul>" if items else no_flags
    classes += ["vacant"] * len(vacant)
    named = notices(game, None if sealed else current, lang)
    left_out = "".join(f"<li>{html.escape(line)}</li>" for line in named)
    shown = [r for r in results if not hidden(state, r.index, r.round.sealed)]
    played = [ev for e, ev in played_events(group, record or []) if e.round == current.round.id]
    banner = (
        f'<p class="event">{html.escape(event_text(group, played[-1], lang))}</p>' if played else ""
    )
    figures = (
        f'<section class="figures"><h3>{html.escape(t("board.figures", lang))}</h3>'
        f"{_table(figures_grid(game, shown, lang))}</section>"
        if shown
        else ""
    )
    timer = _timer(
        state.timer if state else PhaseTimer(), time.time() if now is None else now, lang
    )
    return (
        f'<div class="top"><h2>{html.escape(heading)}{badge}</h2>{timer}</div>'
        f'<p class="status">{html.escape(" · ".join(status))}</p>'
        + banner
        + _table(grid, classes, heading)
        + (f'<ul class="notices">{left_out}</ul>' if left_out else "")
        + '<div class="layout">'
        + _bars(game, results, state, lang)
        + f'<section class="flags"><h3>{html.escape(t("board.flags", lang))}</h3>{flags}</section>'
        + "</div>"
        + figures
    )


class BoardPages:
    """The board's routes on the server: the page, its fragment, the round buttons, the door."""

    def __init__(
        self, folder: Path, lang: str, door: Door, attempts: Attempts, secure: bool = False
    ) -> None:
        self.folder, self.lang, self.door, self.attempts = folder, lang, door, attempts
        self.secure = secure
        """Cookies only over https (the trainer gave a certificate)."""
        self.record: list[Entry] = []
        """The game's record as the last reading left it."""
        self.clock: Callable[[], float] = time.time
        """The phase timer's clock: seconds since the epoch, so that a second server process
        reading the same folder counts the same (a test gives its own)."""

    def add_routes(self, app: web.Application) -> None:
        """Adds `/board`, `/board/door`, the round's buttons and the phase timer's."""
        app.router.add_get("/board", self.page)
        app.router.add_post("/board/door", self.enter)
        app.router.add_post("/board/next", self.next_round)
        app.router.add_post("/board/back", self.previous_round)
        app.router.add_post("/board/reveal", self.reveal)
        app.router.add_post("/board/timer/start", self.start_timer)
        app.router.add_post("/board/timer/stop", self.stop_timer)
        app.router.add_post("/board/timer/reset", self.reset_timer)

    def _allowed(self, request: web.Request) -> bool:
        # On loopback a foreign site whose name resolves to 127.0.0.1 (DNS rebinding) must not
        # read the table: without a trainer's code there, the Host is all that tells them apart.
        if self.door.loopback and not is_loopback(split_host(request.host)[0]):
            return False
        return self.door.cookie_matches(request.cookies.get(COOKIE))

    def _door(self, wrong: bool) -> web.Response:
        lang = self.lang
        error = f'<p class="error">{html.escape(t("serve.door_wrong", lang))}</p>' if wrong else ""
        body = (
            f"<h1>{html.escape(t('serve.board_door_title', lang))}</h1>"
            f"<p>{html.escape(t('serve.board_door_text', lang))}</p>{error}"
            '<form method="post" action="/board/door">'
            f'<label for="code">{html.escape(t("serve.door_label", lang))}</label><br>'
            '<input id="code" name="code" autocomplete="off" autofocus required> '
            f'<button type="submit">{html.escape(t("serve.door_enter", lang))}</button></form>'
        )
        page = SIMPLE_PAGE.format(lang=lang, title=html.escape(t("serve.board_door_title", lang)),
                                  body=body)  # fmt: skip
        return web.Response(text=page, content_type="text/html", status=401 if wrong else 200,
                            headers=NO_STORE)  # fmt: skip

    def _let_in(self) -> web.Response:
        response = web.HTTPSeeOther("/board")
        response.set_cookie(COOKIE, self.door.cookie_value(), httponly=True, samesite="Strict",
                            secure=self.secure)  # fmt: skip
        return response

    async def enter(self, request: web.Request) -> web.Response:
        """The trainer's code form."""
        try:
            async with asyncio.timeout(10):
                form = await request.post()
        except TimeoutError:
            raise web.HTTPRequestTimeout() from None
        typed = form.get("code")
        return self._answer(request, typed if isinstance(typed, str) else "")

    def _answer(self, request: web.Request, typed: str) -> web.Response:
        door = self.door
        if door.code is None:
            return self._let_in()
        verdict = self.attempts.check(request.remote or "?", lambda: door.code_matches(typed))
        if verdict is Verdict.WAIT:
            return too_many_page(self.lang)
        return self._door(wrong=True) if verdict is Verdict.WRONG else self._let_in()

    async def _read(self) -> tuple[Game | None, RoundState | None, str]:
        state = read_state(self.folder)
        from kosi_tui.storage.locate import canvas_by_id

        canvas = canvas_by_id(state.canvas if state else GROUP_CANVAS_ID)
        try:
            game = await asyncio.to_thread(load_game, self.folder, self.lang, canvas)
        except ProblemsError as err:
            return None, state, err.problems[0].render(self.lang)
        except NotAGroup as err:
            return None, state, t("board.not_a_group", self.lang, id=err.canvas_id)
        self.record = await asyncio.to_thread(keep_record, self.folder, game, state)
        return game, state, ""

    async def page(self, request: web.Request) -> web.Response:
        """The board, or the door when the trainer's code has not been given yet."""
        if self.door.loopback and not is_loopback(split_host(request.host)[0]):
            raise web.HTTPForbidden(text="not this computer's name")
        if not self._allowed(request):
            typed = request.query.get("code")
            return self._door(wrong=False) if typed is None else self._answer(request, typed)
        game, state, error = await self._read()
        fragment = (
            board_fragment(game, state, self.lang, self.record, self.clock())
            if game is not None
            else f"<p>{html.escape(error)}</p>"
        )
        if request.query.get("part") == "1":
            return web.Response(text=fragment, content_type="text/html", headers=NO_STORE)
        lang = self.lang
        title = localize(game.compiled.canvas.title, lang) if game else t("board.title_empty", lang)
        buttons = "".join(
            f'<form method="post" action="/board/{path}"><button>{html.escape(t(key, lang))}</button></form>'
            for path, key in (
                ("back", "board.button_back"),
                ("next", "ui.key_board_next"),
                ("reveal", "ui.key_board_reveal"),
                ("timer/start", "board.timer_start"),
                ("timer/stop", "board.timer_stop"),
                ("timer/reset", "board.timer_reset"),
            )
        )
        # The running timer counts on between two readings from the seconds the server gave,
        # so the browser's own clock (set wrong on many beamer laptops) never enters.
        script = (
            "<script>let read = performance.now();"
            "setInterval(async () => { try { const r = await fetch('/board?part=1', "
            "{cache: 'no-store'}); if (r.ok) { const html = await r.text(); "
            "read = performance.now(); document.getElementById('board').innerHTML = html; } "
            f"}} catch (e) {{}} }}, {REFRESH_MS});"
            "setInterval(() => { const el = document.getElementById('timer');"
            " if (!el || el.dataset.seconds === undefined) return;"
            " const s = Math.floor(parseFloat(el.dataset.seconds) + (performance.now() - read) / 1000);"
            " el.querySelector('.clock').textContent = String(Math.floor(s / 60)).padStart(2, '0')"
            " + ':' + String(s % 60).padStart(2, '0'); }, 250);</script>"
        )
        page = (
            f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(title)}</title>{STYLE}</head><body>"
            f"<header><h1>{html.escape(title)}</h1><nav>{buttons}</nav></header>"
            f'<main id="board">{fragment}</main>{script}'
            "</body></html>"
        )
        return web.Response(text=page, content_type="text/html", headers=PAGE_HEADERS)

    async def _move(
        self, request: web.Request, change: Callable[[RoundState, int], RoundState]
    ) -> web.Response:
        """Writes the state `change` makes of the current one (given the number of rounds)."""
        if not self._allowed(request) or not self.door.origin_allowed(
            request.headers.get("Origin"), request.host
        ):
            raise web.HTTPForbidden(text="trainer's code needed")
        game, state, _ = await self._read()
        if game is not None and game.compiled.canvas.group is not None:
            current = state or RoundState(game.compiled.canvas.id)
            rounds = len(game.compiled.canvas.group.rounds)
            new = change(current, rounds)
            try:
                write_state(self.folder, new)
            except WriteError as err:
                raise web.HTTPInternalServerError(text=err.code) from None
        raise web.HTTPSeeOther("/board")

    async def reveal(self, request: web.Request) -> web.Response:
        """Reveals the offers of a sealed round."""
        return await self._move(request, lambda state, _: revealed(state))

    async def next_round(self, request: web.Request) -> web.Response:
        """Moves the game to the next round."""
        return await self._move(request, lambda state, rounds: moved(state, 1, rounds))

    async def previous_round(self, request: web.Request) -> web.Response:
        """Goes back one round."""
        return await self._move(request, lambda state, rounds: moved(state, -1, rounds))

    async def _time(
        self, request: web.Request, change: Callable[[PhaseTimer, float], PhaseTimer]
    ) -> web.Response:
        now = self.clock()
        return await self._move(
            request, lambda state, _: replace(state, timer=change(state.timer, now))
        )

    async def start_timer(self, request: web.Request) -> web.Response:
        """Starts the phase timer, or lets it count on from where it was stopped."""
        return await self._time(request, PhaseTimer.start)

    async def stop_timer(self, request: web.Request) -> web.Response:
        """Stops the phase timer; it keeps showing the time it stood at."""
        return await self._time(request, PhaseTimer.stop)

    async def reset_timer(self, request: web.Request) -> web.Response:
        """Sets the phase timer back to zero (running on, if it ran)."""
        return await self._time(request, PhaseTimer.reset)
