"""What a browser may send on its websocket, checked, and handed to its app within bounds.

textual.js sends JSON lists: `["stdin", text]`, `["resize", {"width": w, "height": h}]`,
`["ping", text]`, `["blur"]` and `["focus"]`. Anything else is a bad message: it ends that
browser's connection with one log line. Keys wait in a bounded queue for the app, so the
websocket is always read (a closed tab is noticed at once) and a browser that sends faster than
its app reads is disconnected instead of filling the server's memory. Sizes are capped: one
resize to 10000 x 5000 cost seconds of CPU and 200 MB sent back. A flood of resizes is merged
into the last one.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

MAX_MESSAGE = 64 * 1024
"""Bytes in one websocket message: a long paste fits, a flood does not."""
MAX_PENDING = 256 * 1024
"""Bytes of keys waiting for the app before the browser is disconnected."""
QUEUED_AT_LEAST = 64
"""Bytes a queued message counts for however short it is: a flood of ["focus"] or empty keys
is bounded like one of long pastes."""
MAX_WIDTH, MAX_HEIGHT = 400, 200
"""The largest terminal a browser gets (a wall-sized beamer with a small font)."""


class BadMessage(ValueError):
    """A message textual.js would never send; its text names the fault in a few words."""


@dataclass(frozen=True)
class Keys:
    data: bytes


@dataclass(frozen=True)
class Resize:
    width: int
    height: int


@dataclass(frozen=True)
class Ping:
    data: str


@dataclass(frozen=True)
class Focus:
    focused: bool


Message = Keys | Resize | Ping | Focus


def _count(value: object, name: str, most: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadMessage(f"resize {name} is not a whole number")
    if value < 1:
        raise BadMessage(f"resize {name} is below 1")
    return min(value, most)


def parse(text: str) -> Message:
    """The message in `text`; BadMessage for anything textual.js does not send."""
    try:
        envelope = json.loads(text)
    except ValueError:
        raise BadMessage("not JSON") from None
    except RecursionError:
        raise BadMessage("nested too deep") from None
    if not isinstance(envelope, list) or not envelope or not isinstance(envelope[0], str):
        raise BadMessage("not a list starting with a name")
    kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
    if kind == "stdin":
        if not isinstance(data, str):
            raise BadMessage("stdin without text")
        return Keys(data.encode("utf-8", "replace"))
    if kind == "resize":
        if not isinstance(data, dict):
            raise BadMessage("resize without a size")
        return Resize(
            _count(data.get("width"), "width", MAX_WIDTH),
            _count(data.get("height"), "height", MAX_HEIGHT),
        )
    if kind == "ping":
        return Ping(data if isinstance(data, str) else "")
    if kind in ("blur", "focus"):
        return Focus(kind == "focus")
    raise BadMessage(f"unknown kind {kind[:20]!r}")


class TooMuchInput(Exception):
    """The app has not taken the keys sent so far and the queue is full."""


def _cost(message: Keys | Focus) -> int:
    """What a queued message counts against MAX_PENDING."""
    return max(len(message.data) if isinstance(message, Keys) else 0, QUEUED_AT_LEAST)


class Feeder:
    """Hands keys, sizes and focus to one app in order, on its own task, within bounds."""

    def __init__(
        self,
        send_keys: Callable[[bytes], Awaitable[object]],
        send_size: Callable[[int, int], Awaitable[object]],
        send_focus: Callable[[bool], Awaitable[object]],
    ) -> None:
        self.send_keys, self.send_size, self.send_focus = send_keys, send_size, send_focus
        self.queue: deque[Keys | Focus] = deque()
        self.pending = 0
        """Bytes of keys in the queue (at least QUEUED_AT_LEAST for each message)."""
        self.size: Resize | None = None
        """The last size asked for and not yet sent: resizes in between are dropped."""
        self.wake = asyncio.Event()
        self.task = asyncio.create_task(self._run())

    def put(self, message: Keys | Resize | Focus) -> None:
        """Queues `message`; TooMuchInput when the app lags too far behind."""
        if isinstance(message, Resize):
            self.size = message
        else:
            cost = _cost(message)
            if self.pending + cost > MAX_PENDING:
                raise TooMuchInput
            self.pending += cost
            self.queue.append(message)
        self.wake.set()

    async def _run(self) -> None:
        while True:
            await self.wake.wait()
            self.wake.clear()
            while self.size is not None or self.queue:
                if self.size is not None:
                    size, self.size = self.size, None
                    await self.send_size(size.width, size.height)
                    continue
                item = self.queue.popleft()
                self.pending -= _cost(item)
                if isinstance(item, Keys):
                    await self.send_keys(item.data)
                else:
                    await self.send_focus(item.focused)

    async def close(self) -> None:
        """Drops whatever is still queued: the session is ending."""
        self.task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self.task
        self.queue.clear()
        self.pending = 0
