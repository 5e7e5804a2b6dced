"""Open connections within bounds: nobody on the Wi-Fi can use up the server's files or hold them.

aiohttp reads request headers without a time limit and accepts as many connections as the
system lets it. With the common limit of 1,024 open files, a thousand slow connections (a
header line every few seconds) made `accept` fail, and the log line about it failed too, which
ended the server. Here the soft file limit is raised to the hard one, connections beyond a cap
(below the limit, leaving room for the sessions' pipes) are closed as soon as they arrive, and
a connection that has not completed a request for `HEADER_SECONDS` is closed – unless one is
being answered (a session's websocket, a download), which has limits of its own.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

log = logging.getLogger("textual-serve")

HEADER_SECONDS = 10.0
"""How long a connection may take to send a request's headers, and stay idle between two."""
FILES_PER_SESSION = 8
"""Files a session holds in the server: its websocket, three pipes, the forkserver's socket."""
SPARE_FILES = 64
"""Files for everything else: the listener, logs, the forkserver, reading drafts."""
MOST_CONNECTIONS = 4096
WARN_EVERY = 30.0
"""Seconds between two log lines saying connections are being turned away."""


def raise_file_limit() -> int:
    """Raises the soft limit of open files to the hard one; the limit now (0: not known)."""
    try:
        import resource
    except ImportError:  # Windows: no such limit to raise
        return 0
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and soft != hard:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
            soft = hard
        except (ValueError, OSError):
            pass  # some systems cap the soft limit below the hard one; keep what we have
    return soft if soft != resource.RLIM_INFINITY else 0


def connection_cap(file_limit: int, max_sessions: int) -> int:
    """How many connections may be open at once, leaving files for every session."""
    if file_limit <= 0:
        return MOST_CONNECTIONS
    room = file_limit - max_sessions * FILES_PER_SESSION - SPARE_FILES
    return max(16, min(room, MOST_CONNECTIONS))


class Guarded(asyncio.Protocol):
    """One connection: hands everything to aiohttp's protocol, unless it is over the cap."""

    def __init__(self, keeper: ConnectionKeeper, inner: asyncio.Protocol) -> None:
        self.keeper, self.inner = keeper, inner
        self.transport: asyncio.BaseTransport | None = None
        self.admitted = False
        self.requests = 0
        """Requests whose headers arrived since the last look."""
        self.answering = 0
        """Requests being answered now."""
        self.timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport
        if not self.keeper.admit(self):
            # abort frees the file at once (the client sees a reset); close would linger.
            abort = getattr(transport, "abort", transport.close)
            abort()
            return
        self.admitted = True
        self.timer = asyncio.get_running_loop().call_later(self.keeper.header_seconds, self.look)
        self.inner.connection_made(transport)

    def look(self) -> None:
        """Closes the connection if no request arrived since the last look and none is open."""
        if self.transport is None or not self.admitted:
            return
        if self.answering == 0 and self.requests == 0:
            self.transport.close()
            return
        self.requests = 0
        loop = asyncio.get_running_loop()
        self.timer = loop.call_later(self.keeper.header_seconds, self.look)

    def connection_lost(self, exc: Exception | None) -> None:
        if self.timer is not None:
            self.timer.cancel()
        if self.admitted:
            self.keeper.left(self)
            self.inner.connection_lost(exc)
        self.transport = None

    def data_received(self, data: bytes) -> None:
        if self.admitted:
            self.inner.data_received(data)

    def eof_received(self) -> bool | None:
        return self.inner.eof_received() if self.admitted else None

    def pause_writing(self) -> None:
        if self.admitted:
            self.inner.pause_writing()

    def resume_writing(self) -> None:
        if self.admitted:
            self.inner.resume_writing()


class ConnectionKeeper:
    """Counts the open connections and turns away those over the cap (one log line now and then)."""

    def __init__(
        self,
        cap: int,
        header_seconds: float = HEADER_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.cap, self.header_seconds, self.clock = cap, header_seconds, clock
        self.open: dict[asyncio.BaseTransport, Guarded] = {}
        self.turned_away = 0
        self._warned = -WARN_EVERY

    def factory(self, make: Callable[[], asyncio.Protocol]) -> Callable[[], asyncio.Protocol]:
        """A protocol factory for `loop.create_server` around aiohttp's."""
        return lambda: Guarded(self, make())

    def admit(self, connection: Guarded) -> bool:
        if len(self.open) >= self.cap:
            self.turned_away += 1
            now = self.clock()
            if now - self._warned >= WARN_EVERY:
                self._warned = now
                log.warning(
                    "%d connections open, the most allowed: new ones are closed (%d so far)",
                    len(self.open),
                    self.turned_away,
                )
            return False
        assert connection.transport is not None
        self.open[connection.transport] = connection
        return True

    def left(self, connection: Guarded) -> None:
        if connection.transport is not None:
            self.open.pop(connection.transport, None)

    def started(self, transport: asyncio.BaseTransport | None) -> Guarded | None:
        """A request's headers have arrived on `transport`; returns its connection to end it."""
        connection = self.open.get(transport) if transport is not None else None
        if connection is not None:
            connection.requests += 1
            connection.answering += 1
        return connection
