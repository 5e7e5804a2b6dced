"""Keys in the order they were typed: each goes to the widget focused once the keys before it are
handled, however fast they come and however busy the machine is.

Textual hands a key to the widget focused when the key leaves the app's queue, and posts it to
that widget's own queue. What moves the focus happens later: a Tab travels from the field through
its containers to the screen and the app, where its binding moves the focus; Enter's binding posts
a message that a container handles; `focus()` and opening a dialog wait in a queue of their own.
Keys typed right after Tab had already been handed to the field just left: in the row dialog
"Ratsvorlage", Tab, "Amt 61", Tab, "März" saved the step "RatsvorlageAmt 61März".

So the app hands out one key at a time. After each, it sends a probe along the way the key went,
the focused widget's queue, its containers', the screen's and the app's, and when the probe is
through, everything the key set off in those queues is done; it sends one more along the way from
whatever is focused then (the messages a binding posts, a dialog being built), and again while the
focus or the screen keeps changing. Only then is the next key handed out, to the widget focused
now. Typed text is never dropped: a key waits, at worst, until a widget that took a probe and was
removed is given up on.

A screen still building what the keys are meant for (the rest of a section, mounted after the
part in view is drawn) holds the keys meanwhile (`hold`): characters for the focused text field
still go in at once, anything else waits, and so does what comes after it.

One shortcut keeps typing as quick as without the order: a character for a text field (which
takes it and keeps the focus) is handed out without a probe, the next key queueing behind it in the
same field. (Another one, for keys a widget took and stopped, would have to read a private flag of
Textual's; kosi uses its public interface only, tests/app/test_public_textual.py.)
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, TextArea

MAX_SWEEPS = 4
"""How often the way is followed again while the focus or the screen keeps changing after a key."""
GIVE_UP = 2.0
"""Seconds after which a probe counts as lost (its widget was removed with its queue) and the way
is followed anew from what is focused then. A busy widget only makes the probe wait longer."""

Delivery = Callable[[events.Event], Awaitable[None]]


def is_typed(event: events.Event) -> bool:
    """Whether the event is typing that has not yet been handed to a widget."""
    return isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded


def _typed_into(widget: MessagePump, event: events.Event) -> bool:
    """Whether `event` is a character for a text field, which takes it and keeps the focus: the
    next key may follow at once into the same queue. (With a probe per character, 300 keys
    arriving together took 10 to 20 ms each instead of 1.)"""
    if not (isinstance(event, events.Key) and event.is_printable):
        return False
    if isinstance(widget, TextArea):
        return not widget.read_only
    return isinstance(widget, Input)


class KeyOrder:
    """The app's queue of typed keys (and pastes), handed out one at a time."""

    def __init__(self, app: App[Any], deliver: Delivery) -> None:
        """`deliver` is Textual's own handling of an event by the app: bindings first, then the
        focused widget."""
        self.app = app
        self._deliver = deliver
        self._waiting: deque[events.Event] = deque()
        self._sweep: object | None = None
        """The current probe's token while a key is being followed; stale probes ignore it."""
        self._seen: tuple[Screen[Any] | None, Widget | None] = (None, None)
        self._give_up: asyncio.TimerHandle | None = None
        self._holds = 0
        """How many holds are on (`hold`); keys other than typing into a text field wait."""

    @property
    def busy(self) -> bool:
        """Whether a key is still being handled or waiting."""
        return self._sweep is not None or bool(self._waiting)

    def hold(self) -> None:
        """Keeps keys back (except characters for the focused text field) until `release`."""
        self._holds += 1

    def release(self) -> None:
        """Ends one `hold`; after the last, the keys kept back are handed out in the app's task."""
        if not self._holds:
            return
        self._holds -= 1
        if not self._holds and self._waiting:
            self.app.call_later(self._hand_out)

    async def receive(self, event: events.Event) -> None:
        """Takes a typed key in turn; runs in the app's task."""
        self._waiting.append(event)
        await self._hand_out()

    async def _hand_out(self) -> None:
        while self._waiting and self._sweep is None:
            start = self._focus_point()
            if self._holds and not _typed_into(start, self._waiting[0]):
                return  # `release` hands it out
            event = self._waiting.popleft()
            await self._deliver(event)
            if not _typed_into(start, event):
                self._follow(start, MAX_SWEEPS, again=True)

    def _focus_point(self) -> MessagePump:
        """Where a key goes now: the focused widget, else the screen, else the app."""
        try:
            return self.app.focused or self.app.screen
        except Exception:  # no screen yet, or the app is closing
            return self.app

    def _state(self) -> tuple[Screen[Any] | None, Widget | None]:
        try:
            return self.app.screen, self.app.focused
        except Exception:
            return None, None

    def _follow(self, start: MessagePump, sweeps: int, again: bool = False) -> None:
        """Sends a probe from `start` up to the app; `again` follows the way once more after it."""
        token = object()
        self._sweep = token
        self._seen = self._state()
        way: list[MessagePump] = (
            list(start.ancestors_with_self) if isinstance(start, DOMNode) else [start]
        )
        if way[-1] is not self.app:
            way.append(self.app)
        if self._give_up is not None:
            self._give_up.cancel()
        self._give_up = asyncio.get_running_loop().call_later(GIVE_UP, self._lost, token, sweeps)
        if not self._post(token, way, 0, sweeps, again):
            self._sweep = None  # the app is closing

    def _post(
        self, token: object, way: list[MessagePump], index: int, sweeps: int, again: bool
    ) -> bool:
        """Queues the probe at `way[index]`, or the next on the way that still takes messages."""
        while index < len(way):
            # Behind everything the key has put into this queue so far.
            if way[index].call_later(self._probe, token, way, index + 1, sweeps, again):
                return True
            index += 1
        return False

    async def _probe(
        self, token: object, way: list[MessagePump], index: int, sweeps: int, again: bool
    ) -> None:
        if token is not self._sweep:
            return
        if not self._post(token, way, index, sweeps, again):
            # Through the app's queue, the last on the way: this runs in the app's task.
            await self._through(sweeps, again)

    async def _finish(self, token: object) -> None:
        if token is self._sweep:
            if self._give_up is not None:
                self._give_up.cancel()
                self._give_up = None
            self._sweep = None
            await self._hand_out()

    def _lost(self, token: object, sweeps: int) -> None:
        if token is self._sweep:
            self.app.call_later(self._restart, token, sweeps)

    async def _restart(self, token: object, sweeps: int) -> None:
        if token is self._sweep:
            self._follow(self._focus_point(), max(sweeps - 1, 0))

    async def _through(self, sweeps: int, again: bool) -> None:
        if self._give_up is not None:
            self._give_up.cancel()
            self._give_up = None
        if sweeps > 0 and (again or self._state() != self._seen):
            self._follow(self._focus_point(), sweeps - 1)
            return
        self._sweep = None
        await self._hand_out()
