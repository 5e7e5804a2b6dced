"""The board of a group game as a web page in `kosi serve --workshop`, behind the trainer's code.

The same figures as `kosi board` in the terminal: the round's negotiation table with its Σ row,
who has submitted, the group flags and the figures by round. The page asks for its table again
every second; the trainer moves the round with two buttons. Participants' code does not open it:
the trainer's code is a second one, printed only in the trainer's terminal.
"""

from __future__ import annotations

import asyncio
import html
from pathlib import Path

from aiohttp import web

from kosi_tui.core.group import RoundResult, role_name
from kosi_tui.core.group_record import played_events
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
REFRESH_MS = 1000
"""How often the page asks for the table again."""

STYLE = """<style>
body { font-family: system-ui, sans-serif; margin: 1em; background: #fff; color: #111; }
table { border-collapse: collapse; margin: .6em 0 1em; }
th, td { border: 1px solid #999; padding: .25em .6em; text-align: left; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: bold; }
.flags li { font-weight: bold; }
.notices li { color: #a00; }
.event { font-weight: bold; background: #fff3c4; padding: .4em .6em; }
.status { color: #444; }
form { display: inline; }
button { font-size: 1.1em; padding: .3em .8em; margin-right: .5em; }
</style>"""


def _table(grid: Grid) -> str:
    def cells(row: list[str], tag: str) -> str:
        return "".join(
            f"<{tag}{' class=n' if i in grid.right else ''}>{html.escape(c)}</{tag}>"
            for i, c in enumerate(row)
        )

    body = "".join(f"<tr>{cells(row, 'td')}</tr>" for row in grid.rows)
    if grid.total:
        body += f'<tr class="total">{cells(grid.total, "td")}</tr>'
    return f"<table><thead><tr>{cells(grid.header, 'th')}</tr></thead><tbody>{body}</tbody></table>"


def board_fragment(
    game: Game, state: RoundState | None, lang: str, record: list[Entry] | None = None
) -> str:
    """The changing part of the page: round, status, table, flags, figures."""
    group = game.compiled.canvas.group
    assert group is not None
    index = min(state.round if state else 0, len(group.rounds) - 1)
    results = game.rounds(index)
    current: RoundResult = results[-1]
    heading = t("board.round", lang, n=index + 1, total=len(group.rounds),
                title=localize(current.round.title, lang)).strip()  # fmt: skip
    status = status_parts(game, current, lang) + record_parts(game, current, record or [], lang)
    sealed = hidden(state, index, current.round.sealed)
    if sealed:
        # Who has submitted, nothing of what: no amount, sum, flag or left-out value.
        status.append(t("board.sealed_web", lang))
        rows = [
            [
                f"{role_name(r.role, lang, short=True)} ({r.member.name})",
                "✓" if r.submitted else "…",
            ]
            for r in current.rows
        ]
        table = _table(Grid([t("board.col_party", lang), t("board.col_submitted", lang)], rows,
                            frozenset()))  # fmt: skip
        flags = f"<p>{html.escape(t('board.sealed_flags', lang))}</p>"
    else:
        table = _table(round_grid(game, current, lang))
        items = "".join(
            f"<li>⚠ {html.escape(localize(f.message, lang))}</li>" for f in current.flags
        )
        no_flags = f"<p>{html.escape(t('board.no_flags', lang))}</p>"
        flags = f'<ul class="flags">{items}</ul>' if items else no_flags
    named = notices(game, None if sealed else current, lang)
    left_out = "".join(f"<li>{html.escape(line)}</li>" for line in named)
    shown = [r for r in results if not hidden(state, r.index, r.round.sealed)]
    played = [ev for e, ev in played_events(group, record or []) if e.round == current.round.id]
    banner = (
        f'<p class="event">{html.escape(event_text(group, played[-1], lang))}</p>' if played else ""
    )
    return (
        f"<h2>{html.escape(heading)}</h2>"
        f'<p class="status">{html.escape(" · ".join(status))}</p>'
        + banner
        + table
        + (f'<ul class="notices">{left_out}</ul>' if left_out else "")
        + flags
        + (_table(figures_grid(game, shown, lang)) if shown else "")
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

    def add_routes(self, app: web.Application) -> None:
        """Adds `/board`, `/board/door`, `/board/next` and `/board/back`."""
        app.router.add_get("/board", self.page)
        app.router.add_post("/board/door", self.enter)
        app.router.add_post("/board/next", self.next_round)
        app.router.add_post("/board/back", self.previous_round)
        app.router.add_post("/board/reveal", self.reveal)

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
            board_fragment(game, state, self.lang, self.record)
            if game is not None
            else f"<p>{html.escape(error)}</p>"
        )
        if request.query.get("part") == "1":
            return web.Response(text=fragment, content_type="text/html", headers=NO_STORE)
        lang = self.lang
        title = localize(game.compiled.canvas.title, lang) if game else t("board.title_empty", lang)
        buttons = (
            f'<form method="post" action="/board/back"><button>{html.escape(t("ui.key_board_back", lang))}</button></form>'
            f'<form method="post" action="/board/next"><button>{html.escape(t("ui.key_board_next", lang))}</button></form>'
            f'<form method="post" action="/board/reveal"><button>{html.escape(t("ui.key_board_reveal", lang))}</button></form>'
        )
        script = (
            "<script>setInterval(async () => { try { const r = await fetch('/board?part=1', "
            "{cache: 'no-store'}); if (r.ok) document.getElementById('board').innerHTML = "
            f"await r.text(); }} catch (e) {{}} }}, {REFRESH_MS});</script>"
        )
        page = (
            f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title>{STYLE}</head><body>"
            f'<h1>{html.escape(title)}</h1>{buttons}<div id="board">{fragment}</div>{script}'
            "</body></html>"
        )
        return web.Response(text=page, content_type="text/html", headers=NO_STORE)

    async def _move(self, request: web.Request, step: int | None) -> web.Response:
        """Moves the round by `step`, or reveals the current one (`None`)."""
        if not self._allowed(request) or not self.door.origin_allowed(
            request.headers.get("Origin"), request.host
        ):
            raise web.HTTPForbidden(text="trainer's code needed")
        game, state, _ = await self._read()
        if game is not None and game.compiled.canvas.group is not None:
            current = state or RoundState(game.compiled.canvas.id)
            rounds = len(game.compiled.canvas.group.rounds)
            new = revealed(current) if step is None else moved(current, step, rounds)
            try:
                write_state(self.folder, new)
            except WriteError as err:
                raise web.HTTPInternalServerError(text=err.code) from None
        raise web.HTTPSeeOther("/board")

    async def reveal(self, request: web.Request) -> web.Response:
        """Reveals the offers of a sealed round."""
        return await self._move(request, None)

    async def next_round(self, request: web.Request) -> web.Response:
        """Moves the game to the next round."""
        return await self._move(request, 1)

    async def previous_round(self, request: web.Request) -> web.Response:
        """Goes back one round."""
        return await self._move(request, -1)
