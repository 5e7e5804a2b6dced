"""kosi's textual-serve server: the door, the session limit, idle ends, and ending every app.

It keeps textual-serve's page, static files and downloads, and builds its own web application and
message loop around them: textual-serve's ways to add routes and to read the browser's messages
are private to it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import signal
import ssl
import time
from collections.abc import Awaitable, Callable
from importlib.metadata import version
from pathlib import Path

import aiohttp_jinja2
import jinja2
from aiohttp import WSMsgType, web
from rich.logging import RichHandler
from textual_serve.server import LogHighlighter, Server, to_int

from kosi_tui.faces.serve.attempts import Attempts, Verdict
from kosi_tui.faces.serve.connections import (
    HEADER_SECONDS,
    ConnectionKeeper,
    connection_cap,
    raise_file_limit,
)
from kosi_tui.faces.serve.door import COOKIE, Door
from kosi_tui.faces.serve.downloads import KosiDownloads, send_download
from kosi_tui.faces.serve.launch import Launcher, make_launcher
from kosi_tui.faces.serve.messages import (
    MAX_HEIGHT,
    MAX_MESSAGE,
    MAX_WIDTH,
    BadMessage,
    Feeder,
    Ping,
    TooMuchInput,
    parse,
)
from kosi_tui.faces.serve.pages import (
    app_page,
    bad_host_page,
    base_url,
    door_page,
    full_page,
    too_many_page,
)
from kosi_tui.faces.serve.session import KosiSession
from kosi_tui.faces.web.routes import FormRoutes
from kosi_tui.faces.web.visitors import Visitor
from kosi_tui.i18n import t

log = logging.getLogger("textual-serve")

FORM_SECONDS = 10.0
"""How long the body of a code form may take to arrive."""


def one_line(record: logging.LogRecord) -> bool:
    """Makes every log record one line: the live view (on the beamer) shows no tracebacks.

    An error's type and text stay; its traceback and locals go (they could show typed codes).
    """
    message = record.getMessage()
    if record.exc_info and record.exc_info[1] is not None:
        error = record.exc_info[1]
        message = f"{message} ({type(error).__name__}: {error})"
    lines = [line for line in message.splitlines() if line.strip()]
    record.msg = lines[-1] if lines else ""
    record.args = ()
    record.exc_info = record.exc_text = record.stack_info = None
    return True


CODE_IN_ADDRESS = re.compile(r"([?&]code=)[^&\s\"]*")


def hide_codes(record: logging.LogRecord) -> bool:
    """An address's `?code=` is written as `?code=…` in the access log: the log may be on the
    beamer or in a file, and the trainer's code opens the board."""
    record.msg = CODE_IN_ADDRESS.sub(r"\1…", record.getMessage())
    record.args = ()
    return True


def quiet_exception(loop: asyncio.AbstractEventLoop, context: dict[str, object]) -> None:
    """asyncio's own errors (a failed accept, a task nobody awaited) as one log line."""
    error = context.get("exception")
    said = f" ({type(error).__name__}: {error})" if isinstance(error, BaseException) else ""
    log.warning("%s%s", context.get("message", "error"), said)


def app_environment() -> dict[str, str]:
    """What every app needs to draw into a browser: Textual's web driver, and the colours and
    frame rate textual-serve gives its apps."""
    return {
        "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
        "TEXTUAL_FPS": "60",
        "TEXTUAL_COLOR_SYSTEM": "truecolor",
        "TERM_PROGRAM": "textual",
        "TERM_PROGRAM_VERSION": version("textual-serve"),
    }


class KosiServer(Server):
    """Serves one kosi app per browser tab, to those who may, within limits."""

    download_manager: KosiDownloads

    def __init__(
        self,
        *,
        host: str,
        port: int,
        lang: str,
        workshop: Path | None,
        door: Door,
        public_url: str | None = None,
        max_sessions: int = 40,
        idle_seconds: float = 3600.0,
        max_per_address: int = 4,
        launcher: Launcher | None = None,
        on_ready: Callable[[KosiServer], None] | None = None,
        quiet: bool = False,
        trainer_code: str | None = None,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        super().__init__("kosi", host=host, port=port, title="kosi", public_url=public_url)
        self.lang, self.workshop, self.door = lang, workshop, door
        self.given_public_url = public_url
        self.max_sessions, self.idle_seconds = max_sessions, idle_seconds
        self.max_per_address = max_per_address
        """Sessions one address may hold (a room behind one NAT address needs more)."""
        self.download_manager = KosiDownloads()
        self.env = app_environment()
        self.launcher = launcher or make_launcher(lang, workshop, self.env)
        self.sessions: dict[KosiSession, web.WebSocketResponse] = {}
        self._opening: dict[str, int] = {}
        """Websockets let in but not yet running a session, by address: they count against the
        limits."""
        self.on_ready, self.quiet = on_ready, quiet
        self._watchdog: asyncio.Task[None] | None = None
        self.on_stop: list[Callable[[], object]] = []
        """Called first when the server stops (the trainer's view ends there)."""
        self.board_door = Door(trainer_code, door.loopback)
        """The trainer's own door to the board of a group game (`/board`)."""
        self.attempts = Attempts()
        """Every try at a code, limited, and the wrong ones by address for the trainer."""
        self.ssl_context = ssl_context
        self.connections = ConnectionKeeper(0)
        """Replaced by one with the real cap when the server starts listening."""
        self.form = FormRoutes(
            workshop=workshop, lang=lang, door=door, attempts=self.attempts,
            secure=ssl_context is not None, room=self._no_place,
        )  # fmt: skip
        """The browser form, the room's default page; its drafts take places like sessions."""

    # -- set-up ----------------------------------------------------------------------------------

    def initialize_logging(self) -> None:
        """textual-serve's log lines, each one line (no tracebacks with locals)."""
        handler = RichHandler(
            show_path=False,
            show_time=False,
            rich_tracebacks=False,
            highlighter=LogHighlighter(),
            console=self.console,
        )
        handler.addFilter(one_line)
        level = logging.DEBUG if self.debug else logging.INFO
        logging.basicConfig(level=level, format="%(message)s", handlers=[handler], force=True)
        logging.getLogger("aiohttp.access").addFilter(hide_codes)
        if self.quiet:
            # The trainer's live view owns the terminal; only problems are worth a line.
            logging.getLogger().setLevel(logging.WARNING)
            logging.getLogger("aiohttp.access").setLevel(logging.WARNING)

    def make_app(self) -> web.Application:
        """The web application: textual-serve's routes, the door, and the board of a game."""
        app = web.Application(middlewares=[self._count_request], client_max_size=MAX_MESSAGE)
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/terminal", self.handle_terminal, name="terminal"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, name="static"),
                web.post("/door", self.handle_door),
            ]
        )
        self.form.add_routes(app)
        if self.workshop is not None:
            from kosi_tui.faces.serve.board_page import BoardPages

            secure = self.ssl_context is not None
            board = BoardPages(self.workshop, self.lang, self.board_door, self.attempts, secure)
            board.add_routes(app)
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        """An export for its own session's tab; a download it cancels prints no traceback."""
        refused = t("serve.download_refused", self.lang)
        return await send_download(self.download_manager, request, refused)

    @web.middleware
    async def _count_request(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        connection = self.connections.started(request.transport)
        try:
            return await handler(request)
        finally:
            if connection is not None:
                connection.answering -= 1

    def serve(self, debug: bool = False) -> None:
        """Serves until Ctrl+C or SIGTERM, then ends every session (each app saves)."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        loop.set_exception_handler(quiet_exception)
        stop = asyncio.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):  # Windows: Ctrl+C raises below
                loop.add_signal_handler(sig, stop.set)
        runner = web.AppRunner(
            self.make_app(), handle_signals=False, keepalive_timeout=HEADER_SECONDS
        )
        listener: asyncio.Server | None = None
        try:
            listener = loop.run_until_complete(self._listen(runner))
            loop.run_until_complete(stop.wait())
        except KeyboardInterrupt:
            pass
        finally:
            if listener is not None:
                listener.close()
            loop.run_until_complete(runner.cleanup())
            loop.close()

    async def _listen(self, runner: web.AppRunner) -> asyncio.Server:
        """Starts the app and the listener; every connection goes through the keeper."""
        await runner.setup()
        server = runner.server
        assert server is not None
        # The cap is reached long before the files run out: accept never fails for lack of one.
        cap = connection_cap(raise_file_limit(), self.max_sessions)
        self.connections = ConnectionKeeper(cap)
        listener = await asyncio.get_running_loop().create_server(
            self.connections.factory(server),
            self.host,
            self.port,
            ssl=self.ssl_context,
            ssl_handshake_timeout=HEADER_SECONDS if self.ssl_context else None,
            backlog=128,
            reuse_address=True,
        )
        if self.on_ready is not None:
            self.on_ready(self)  # within the loop: the live view starts its task here
        return listener

    async def on_startup(self, app: web.Application) -> None:
        await self.launcher.start()
        self._watchdog = asyncio.create_task(self._end_idle_sessions())

    async def on_shutdown(self, app: web.Application) -> None:
        for stop in self.on_stop:
            stop()
        if self._watchdog is not None:
            self._watchdog.cancel()
        sessions = list(self.sessions.items())
        for _, websocket in sessions:
            with contextlib.suppress(Exception):
                await websocket.close(code=1001, message=b"server stopped")
        await asyncio.gather(*(session.stop() for session, _ in sessions), return_exceptions=True)
        await self.form.visitors.close_all()
        await self.launcher.close()

    # -- pages -----------------------------------------------------------------------------------

    def _door(self, request: web.Request) -> web.Response | None:
        """The door page (or the code's answer) for a browser without the cookie, else None."""
        if base_url(request, self.given_public_url) is None:
            return bad_host_page(self.lang)
        if not self.door.cookie_matches(request.cookies.get(COOKIE)):
            typed = request.query.get("code")
            if typed is None:
                return door_page(self.lang, wrong=False)
            return self._answer_code(request, typed)
        return None

    def _no_place(self, request: web.Request) -> web.Response | None:
        """The 'full' page when the room (or this address) has no place left, else None."""
        if self._taken() >= self.max_sessions:
            return full_page(self.lang, self.max_sessions)
        if self._held_by(request.remote or "?") >= self.max_per_address:
            return full_page(self.lang, self.max_per_address, per_address=True)
        return None

    def _taken(self) -> int:
        """Places taken: terminal sessions open or opening, and form drafts open."""
        opening = sum(self._opening.values())
        return len(self.sessions) + opening + len(self.form.visitors.with_drafts())

    async def handle_index(self, request: web.Request) -> web.Response:
        """The form's first page, past the door."""
        refused = self._door(request)
        if refused is not None:
            return refused
        if not self.door.origin_allowed(request.headers.get("Origin"), request.host):
            raise web.HTTPForbidden(text="foreign origin")
        return self.form.start_response(request)

    async def handle_terminal(self, request: web.Request) -> web.Response:
        """The terminal view: kosi's app in the browser, one process per tab."""
        refused = self._door(request)
        if refused is not None:
            return refused
        base = base_url(request, self.given_public_url)
        assert base is not None
        full = self._no_place(request)
        if full is not None:
            return full
        return app_page(request, base, "kosi", self.lang)

    async def handle_door(self, request: web.Request) -> web.Response:
        """The code form: right → a cookie and the app page; wrong → the form again, saying so."""
        try:
            async with asyncio.timeout(FORM_SECONDS):
                form = await request.post()
        except TimeoutError:
            raise web.HTTPRequestTimeout() from None
        typed = form.get("code")
        return self._answer_code(request, typed if isinstance(typed, str) else "")

    def try_code(self, request: web.Request, typed: str | None, door: Door) -> Verdict:
        """Compares `typed` with `door`'s code, within the limits of the address it came from."""
        address = request.remote or "?"
        if door.code is None:
            return Verdict.RIGHT
        return self.attempts.check(address, lambda: door.code_matches(typed))

    def _answer_code(self, request: web.Request, typed: str) -> web.Response:
        verdict = self.try_code(request, typed, self.door)
        if verdict is Verdict.WAIT:
            return too_many_page(self.lang)
        if verdict is Verdict.WRONG:
            return door_page(self.lang, wrong=True)
        # Back to the page asked for: the form, or the terminal view (`/terminal?code=…`).
        return self._let_in("/terminal" if request.path == "/terminal" else "/")

    def _let_in(self, page: str) -> web.Response:
        response = web.HTTPSeeOther(page)
        # Lax: sent on the websocket opened by our own page, not on requests started elsewhere.
        response.set_cookie(COOKIE, self.door.cookie_value(), httponly=True, samesite="Lax",
                            secure=self.ssl_context is not None)  # fmt: skip
        return response

    # -- sessions --------------------------------------------------------------------------------

    def _refusal(self, request: web.Request) -> web.HTTPException | None:
        """Why a websocket may not open an app, as the HTTP answer to its handshake."""
        if not self.door.origin_allowed(request.headers.get("Origin"), request.host):
            return web.HTTPForbidden(text="foreign origin")
        if not self.door.cookie_matches(request.cookies.get(COOKIE)):
            # Programs (the benchmark, tests) may give the code in the URL instead of a cookie.
            typed = request.query.get("code")
            verdict = Verdict.WRONG if typed is None else self.try_code(request, typed, self.door)
            if verdict is Verdict.WAIT:
                return web.HTTPTooManyRequests(text="too many tries: wait")
            if verdict is Verdict.WRONG:
                return web.HTTPUnauthorized(text="workshop code needed")
        if self._taken() >= self.max_sessions:
            return web.HTTPServiceUnavailable(text="all places taken")
        if self._held_by(request.remote or "?") >= self.max_per_address:
            return web.HTTPServiceUnavailable(text="too many sessions from this address")
        return None

    def _held_by(self, address: str) -> int:
        """Sessions open or opening from `address`."""
        held = sum(session.address == address for session in self.sessions)
        return held + self._opening.get(address, 0) + self.form.visitors.held_by(address)

    def open_sessions(self) -> list[KosiSession | Visitor]:
        """Every participant's session, terminal view or form (with a draft open), oldest first:
        the live view numbers them in this order."""
        found: list[KosiSession | Visitor] = [*self.sessions, *self.form.visitors.with_drafts()]
        return sorted(found, key=lambda s: s.started)

    async def end_session(self, session: KosiSession | Visitor) -> None:
        """Ends one participant's session (the trainer asked); its draft is saved first."""
        if isinstance(session, Visitor):
            await self.form.visitors.end(session)
            return
        websocket = self.sessions.get(session)
        if websocket is not None:
            await websocket.close(code=4001, message=b"ended by the trainer")

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        refusal = self._refusal(request)
        if refusal is not None:
            raise refusal
        # A larger message is refused by aiohttp and ends the connection (close code 1009).
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE)
        width = min(max(to_int(request.query.get("width", "80"), 80), 1), MAX_WIDTH)
        height = min(max(to_int(request.query.get("height", "24"), 24), 1), MAX_HEIGHT)

        async def close() -> None:
            await websocket.close()

        session = KosiSession(
            self.launcher,
            self.env,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=close,
            download_manager=self.download_manager,
        )
        session.address = address = request.remote or "?"
        # Its exports are given only to the tab that holds this cookie.
        session.session_key.set_on(websocket, secure=self.ssl_context is not None)
        # The place is taken before the first await: handshakes at once cannot overfill the room.
        self._opening[address] = self._opening.get(address, 0) + 1
        try:
            await websocket.prepare(request)
        finally:
            self._opening[address] -= 1
            if not self._opening[address]:
                del self._opening[address]
        self.sessions[session] = websocket
        feeder: Feeder | None = None
        try:
            await session.start(width, height)
            feeder = Feeder(session.send_bytes, session.set_terminal_size, session.set_focus)
            await self.relay(websocket, feeder, address)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:
            log.error("session ended by an error: %s: %s", type(error).__name__, error)
        finally:
            if feeder is not None:
                await feeder.close()
            await session.stop()
            self.sessions.pop(session, None)
        return websocket

    async def relay(self, websocket: web.WebSocketResponse, feeder: Feeder, peer: str) -> None:
        """Hands what the browser sends to its app, until the websocket closes.

        The websocket is read all along, whatever the app does with its input: a closed tab or
        a bad message ends the session at once.
        """
        async for message in websocket:
            if message.type == WSMsgType.ERROR:
                log.warning("websocket from %s closed: %s", peer, message.data)
                return
            if message.type != WSMsgType.TEXT:
                continue
            try:
                parsed = parse(message.data)
            except BadMessage as fault:
                log.warning("bad message from %s (%s): connection closed", peer, fault)
                await websocket.close(code=1003, message=b"bad message")
                return
            if isinstance(parsed, Ping):
                await websocket.send_json(["pong", parsed.data])
                continue
            try:
                feeder.put(parsed)
            except TooMuchInput:
                log.warning("%s sends faster than its app reads: connection closed", peer)
                await websocket.close(code=1008, message=b"too much input")
                return

    async def _end_idle_sessions(self) -> None:
        """Closes sessions nobody typed into for `idle_seconds`; their apps save and end."""
        period = max(0.2, min(30.0, self.idle_seconds / 4))
        while True:
            await asyncio.sleep(period)
            now = time.monotonic()
            for session, websocket in list(self.sessions.items()):
                if now - session.last_input > self.idle_seconds:
                    await websocket.close(code=4000, message=b"idle")
            await self.form.visitors.end_idle(self.idle_seconds)
