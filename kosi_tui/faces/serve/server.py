"""kosi's textual-serve server: the door, the session limit, idle ends, and ending every app.

It keeps textual-serve's page, static files and downloads, and builds its own web application and
message loop around them: textual-serve's ways to add routes and to read the browser's messages
are private to it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

import aiohttp_jinja2
import jinja2
from aiohttp import WSMsgType, web
from textual_serve.server import Server, to_int

from kosi_tui.faces.serve.door import COOKIE, Door
from kosi_tui.faces.serve.downloads import send_download
from kosi_tui.faces.serve.launch import Launcher, make_launcher
from kosi_tui.faces.serve.pages import app_page, bad_host_page, base_url, door_page, full_page
from kosi_tui.faces.serve.session import KosiSession

log = logging.getLogger("textual-serve")


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
        launcher: Launcher | None = None,
        on_ready: Callable[[KosiServer], None] | None = None,
        quiet: bool = False,
        trainer_code: str | None = None,
    ) -> None:
        super().__init__("kosi", host=host, port=port, title="kosi", public_url=public_url)
        self.lang, self.workshop, self.door = lang, workshop, door
        self.given_public_url = public_url
        self.max_sessions, self.idle_seconds = max_sessions, idle_seconds
        self.env = app_environment()
        self.launcher = launcher or make_launcher(lang, workshop, self.env)
        self.sessions: dict[KosiSession, web.WebSocketResponse] = {}
        self._opening = 0
        """Websockets let in but not yet running a session: they count against the limit."""
        self.on_ready, self.quiet = on_ready, quiet
        self._watchdog: asyncio.Task[None] | None = None
        self.on_stop: list[Callable[[], object]] = []
        """Called first when the server stops (the trainer's view ends there)."""
        self.board_door = Door(trainer_code, door.loopback)
        """The trainer's own door to the board of a group game (`/board`)."""

    # -- set-up ----------------------------------------------------------------------------------

    def initialize_logging(self) -> None:
        super().initialize_logging()
        if self.quiet:
            # The trainer's live view owns the terminal; only problems are worth a line.
            logging.getLogger().setLevel(logging.WARNING)
            logging.getLogger("aiohttp.access").setLevel(logging.WARNING)

    def make_app(self) -> web.Application:
        """The web application: textual-serve's routes, the door, and the board of a game."""
        app = web.Application()
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, name="static"),
                web.post("/door", self.handle_door),
            ]
        )
        if self.workshop is not None:
            from kosi_tui.faces.serve.board_page import BoardPages

            BoardPages(self.workshop, self.lang, self.board_door).add_routes(app)
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        """An export for the browser; a download it cancels prints no traceback."""
        return await send_download(self.download_manager, request)

    def serve(self, debug: bool = False) -> None:
        """Serves until Ctrl+C or SIGTERM, then ends every session (each app saves)."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):  # Windows
                loop.add_signal_handler(sig, self.request_exit)
        web.run_app(
            self.make_app(),
            host=self.host,
            port=self.port,
            handle_signals=False,
            loop=loop,
            print=lambda *args: None,
        )

    async def on_startup(self, app: web.Application) -> None:
        await self.launcher.start()
        self._watchdog = asyncio.create_task(self._end_idle_sessions())
        if self.on_ready is not None:
            self.on_ready(self)

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
        await self.launcher.close()

    # -- pages -----------------------------------------------------------------------------------

    async def handle_index(self, request: web.Request) -> web.Response:
        base = base_url(request, self.given_public_url)
        if base is None:
            return bad_host_page(self.lang)
        if not self.door.cookie_matches(request.cookies.get(COOKIE)):
            typed = request.query.get("code")
            if typed is None:
                return door_page(self.lang, wrong=False)
            if not self.door.code_matches(typed):
                return door_page(self.lang, wrong=True)
            return self._let_in()
        if len(self.sessions) >= self.max_sessions:
            return full_page(self.lang, self.max_sessions)
        return app_page(request, base, "kosi", self.lang)

    async def handle_door(self, request: web.Request) -> web.Response:
        """The code form: right → a cookie and the app page; wrong → the form again, saying so."""
        form = await request.post()
        typed = form.get("code")
        if not isinstance(typed, str) or not self.door.code_matches(typed):
            return door_page(self.lang, wrong=True)
        return self._let_in()

    def _let_in(self) -> web.Response:
        response = web.HTTPSeeOther("/")
        # Lax: sent on the websocket opened by our own page, not on requests started elsewhere.
        response.set_cookie(COOKIE, self.door.cookie_value(), httponly=True, samesite="Lax")
        return response

    # -- sessions --------------------------------------------------------------------------------

    def _refusal(self, request: web.Request) -> web.HTTPException | None:
        """Why a websocket may not open an app, as the HTTP answer to its handshake."""
        if not self.door.origin_allowed(request.headers.get("Origin"), request.host):
            return web.HTTPForbidden(text="foreign origin")
        let_in = self.door.cookie_matches(request.cookies.get(COOKIE))
        # Programs (the benchmark, tests) may give the code in the URL instead of a cookie.
        if not (let_in or self.door.code_matches(request.query.get("code"))):
            return web.HTTPUnauthorized(text="workshop code needed")
        if len(self.sessions) + self._opening >= self.max_sessions:
            return web.HTTPServiceUnavailable(text="all places taken")
        return None

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        refusal = self._refusal(request)
        if refusal is not None:
            raise refusal
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        # The place is taken before the first await: handshakes at once cannot overfill the room.
        self._opening += 1
        try:
            await websocket.prepare(request)
        finally:
            self._opening -= 1

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
        self.sessions[session] = websocket
        try:
            await session.start(width, height)
            await self.relay(websocket, session)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:
            log.exception(error)
        finally:
            await session.stop()
            self.sessions.pop(session, None)
        return websocket

    async def relay(self, websocket: web.WebSocketResponse, session: KosiSession) -> None:
        """Hands what the browser sends to its session, until the websocket closes."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            envelope = message.json()
            if not isinstance(envelope, list) or not envelope:
                continue
            kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
            if kind == "stdin" and isinstance(data, str):
                await session.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                await session.set_terminal_size(data["width"], data["height"])
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await session.blur()
            elif kind == "focus":
                await session.focus()

    async def _end_idle_sessions(self) -> None:
        """Closes sessions nobody typed into for `idle_seconds`; their apps save and end."""
        period = max(0.2, min(30.0, self.idle_seconds / 4))
        while True:
            await asyncio.sleep(period)
            now = time.monotonic()
            for session, websocket in list(self.sessions.items()):
                if now - session.last_input > self.idle_seconds:
                    await websocket.close(code=4000, message=b"idle")
