"""kosi serve's bounds, without a server: messages, the key queue, connections, tries at codes."""

from __future__ import annotations

import asyncio

import pytest

from kosi_tui.faces.serve.attempts import (
    ALL_SECONDS_PER_TRY,
    ALL_TRIES_AT_ONCE,
    LOCK_AFTER,
    LOCK_SECONDS,
    MOST_ADDRESSES,
    SECONDS_PER_TRY,
    TRIES_AT_ONCE,
    Attempts,
    Verdict,
)
from kosi_tui.faces.serve.connections import ConnectionKeeper, Guarded, connection_cap
from kosi_tui.faces.serve.messages import (
    MAX_PENDING,
    BadMessage,
    Feeder,
    Focus,
    Keys,
    Ping,
    Resize,
    TooMuchInput,
    parse,
)


def test_messages_textual_js_sends_are_understood() -> None:
    assert parse('["stdin", "ab"]') == Keys(b"ab")
    assert parse('["resize", {"width": 100, "height": 30}]') == Resize(100, 30)
    assert parse('["ping", "7"]') == Ping("7")
    assert parse('["blur"]') == Focus(False) and parse('["focus"]') == Focus(True)


def test_a_huge_size_is_capped() -> None:
    assert parse('["resize", {"width": 10000, "height": 5000}]') == Resize(400, 200)


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        "{}",
        "[]",
        "[1]",
        '["stdin", 5]',
        '["resize", {"width": "80", "height": 24}]',
        '["resize", {"width": true, "height": 24}]',
        '["resize", {"width": 0, "height": 24}]',
        '["resize", {"width": 80, "height": -3}]',
        '["resize", [80, 24]]',
        '["explode"]',
    ],
)
def test_anything_else_is_a_bad_message(text: str) -> None:
    with pytest.raises(BadMessage) as fault:
        parse(text)
    assert "\n" not in str(fault.value)


async def test_resizes_are_merged_and_keys_keep_their_order() -> None:
    sent: list[object] = []
    gate = asyncio.Event()

    async def keys(data: bytes) -> None:
        await gate.wait()  # the app reads slowly
        sent.append(data)

    async def size(width: int, height: int) -> None:
        sent.append((width, height))

    async def focus(focused: bool) -> None:
        sent.append(focused)

    feeder = Feeder(keys, size, focus)
    feeder.put(Keys(b"a"))
    await asyncio.sleep(0)  # the feeder takes the first key and waits for the app
    for width in range(10, 60):
        feeder.put(Resize(width, 20))
    feeder.put(Keys(b"b"))
    gate.set()
    for _ in range(1000):  # bounded: each turn lets the feeder take one step
        if len(sent) >= 3:
            break
        await asyncio.sleep(0)
    await feeder.close()
    assert sent == [b"a", (59, 20), b"b"]


async def test_a_browser_faster_than_its_app_is_stopped() -> None:
    async def never(*_: object) -> None:
        await asyncio.Event().wait()

    feeder = Feeder(never, never, never)
    feeder.put(Keys(b"x" * (MAX_PENDING // 2)))
    feeder.put(Keys(b"x" * (MAX_PENDING // 2)))
    with pytest.raises(TooMuchInput):
        feeder.put(Keys(b"x"))
    await feeder.close()
    assert feeder.pending == 0


async def test_a_flood_of_tiny_messages_to_an_app_that_reads_nothing_is_stopped() -> None:
    # ["focus"], ["blur"] and ["stdin", ""] are a few bytes each on the wire; queued without a
    # bound they filled the server's memory while the app was busy.
    async def never(*_: object) -> None:
        await asyncio.Event().wait()

    for tiny in (Focus(True), Keys(b"")):
        feeder = Feeder(never, never, never)
        with pytest.raises(TooMuchInput):
            for _ in range(1_000_000):
                feeder.put(tiny)
        assert len(feeder.queue) <= MAX_PENDING // 16
        await feeder.close()


def test_the_cap_leaves_files_for_every_session() -> None:
    assert connection_cap(1024, 40) == 1024 - 40 * 8 - 64
    assert connection_cap(1_000_000, 40) == 4096
    assert connection_cap(0, 40) == 4096  # no limit known (Windows)
    assert connection_cap(100, 40) == 16


class FakeTransport(asyncio.Transport):
    def __init__(self) -> None:
        super().__init__()
        self.ended = ""

    def close(self) -> None:
        self.ended = "closed"

    def abort(self) -> None:
        self.ended = "aborted"


class Inner(asyncio.Protocol):
    def __init__(self) -> None:
        self.made = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.made = True


async def test_connections_over_the_cap_are_closed_at_once() -> None:
    keeper = ConnectionKeeper(2, header_seconds=60)
    made = [keeper.factory(Inner)() for _ in range(3)]
    transports = [FakeTransport() for _ in made]
    for protocol, transport in zip(made, transports, strict=True):
        protocol.connection_made(transport)
    assert [t.ended for t in transports] == ["", "", "aborted"]
    assert isinstance(made[2], Guarded) and not made[2].admitted
    made[0].connection_lost(None)  # one leaves: the next one is let in
    fourth, transport = keeper.factory(Inner)(), FakeTransport()
    fourth.connection_made(transport)
    assert transport.ended == "" and keeper.turned_away == 1


async def test_a_connection_without_a_request_is_closed() -> None:
    keeper = ConnectionKeeper(10, header_seconds=60)
    quiet, busy, done = (keeper.factory(Inner)() for _ in range(3))
    transports = [FakeTransport() for _ in range(3)]
    for protocol, transport in zip((quiet, busy, done), transports, strict=True):
        protocol.connection_made(transport)
    assert keeper.started(transports[1]) is busy  # a websocket, open for an hour
    finished = keeper.started(transports[2])
    assert finished is not None
    finished.answering -= 1
    for protocol in (quiet, busy, done):
        assert isinstance(protocol, Guarded)
        protocol.look()
    assert [t.ended for t in transports] == ["closed", "", ""]
    assert isinstance(done, Guarded)
    done.look()  # nothing more since the last look
    assert transports[2].ended == "closed"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_tries_at_a_code_are_limited_per_address_and_then_locked_out() -> None:
    clock = Clock()
    attempts = Attempts(clock)
    verdicts = [attempts.check("10.0.0.9", lambda: False) for _ in range(2000)]
    assert verdicts[:TRIES_AT_ONCE] == [Verdict.WRONG] * TRIES_AT_ONCE
    assert set(verdicts[TRIES_AT_ONCE:]) == {Verdict.WAIT}  # not even compared
    for _ in range(LOCK_AFTER):  # slowly, one try whenever one is due
        clock.now += SECONDS_PER_TRY
        attempts.check("10.0.0.9", lambda: False)
    clock.now += SECONDS_PER_TRY
    assert attempts.check("10.0.0.9", lambda: True) is Verdict.WAIT  # locked: right is refused
    assert attempts.check("10.0.0.7", lambda: True) is Verdict.RIGHT  # others are not
    (failed, *_) = attempts.failures()
    assert failed.address == "10.0.0.9" and failed.locked and failed.wrong == LOCK_AFTER
    assert failed.wrong + failed.refused == 2000 + LOCK_AFTER + 1
    clock.now += LOCK_SECONDS
    assert attempts.check("10.0.0.9", lambda: True) is Verdict.RIGHT


def test_a_room_behind_one_address_all_typing_the_right_code_gets_in() -> None:
    # The README: only wrong codes are limited. Forty laptops behind one router address open the
    # page with the right code within the same second; each right code used up a try, and from
    # the eleventh on they read 'too many tries'.
    attempts = Attempts(Clock())
    assert [attempts.check("10.0.0.1", lambda: True) for _ in range(40)] == [Verdict.RIGHT] * 40
    # Wrong codes from that address are still limited as before.
    verdicts = [attempts.check("10.0.0.1", lambda: False) for _ in range(TRIES_AT_ONCE + 1)]
    assert verdicts == [Verdict.WRONG] * TRIES_AT_ONCE + [Verdict.WAIT]


def test_many_addresses_guessing_together_are_slowed_down_all() -> None:
    clock = Clock()
    attempts = Attempts(clock)
    wrong = 0
    for n in range(1000):
        wrong += attempts.check(f"10.0.{n // 250}.{n % 250}", lambda: False) is Verdict.WRONG
    assert wrong == ALL_TRIES_AT_ONCE
    clock.now += 10 * ALL_SECONDS_PER_TRY
    verdicts = [attempts.check(f"10.9.0.{n}", lambda: False) for n in range(20)]
    assert verdicts.count(Verdict.WRONG) == 10


@pytest.mark.parametrize(
    ("data", "real"),
    [
        (b"a", True),
        (b"\r", True),
        (b"\x1b[<35;10;5M", False),  # the mouse moves
        (b"\x1b[<35;10;5M\x1b[<35;11;5M", False),
        (b"\x1b[<0;10;5M", True),  # a click
        (b"\x1b[<64;10;5M", True),  # the wheel
        (b"\x1b[I", False),  # the tab got the focus
        (b"\x1b[<35;10;5Mx", True),
    ],
)
def test_only_real_input_keeps_a_session_from_idling(data: bytes, real: bool) -> None:
    pytest.importorskip("textual_serve")
    from kosi_tui.faces.serve.session import is_real_input

    assert is_real_input(data) is real


def test_many_addresses_do_not_fill_the_memory() -> None:
    clock = Clock()
    attempts = Attempts(clock)
    for _ in range(TRIES_AT_ONCE + LOCK_AFTER):
        clock.now += SECONDS_PER_TRY
        attempts.check("10.0.0.9", lambda: False)
    for n in range(3 * MOST_ADDRESSES):  # within a second, from ever new addresses
        attempts.check(f"fd00::{n:x}", lambda: False)
    assert len(attempts.addresses) <= MOST_ADDRESSES
    clock.now += SECONDS_PER_TRY
    assert attempts.check("10.0.0.9", lambda: True) is Verdict.WAIT  # still locked out


def test_codes_in_addresses_stay_out_of_the_access_log() -> None:
    pytest.importorskip("textual_serve")
    import logging

    from kosi_tui.faces.serve.server import hide_codes

    record = logging.LogRecord(
        "aiohttp.access", logging.INFO, "", 0,
        '%s "GET /board?code=%s HTTP/1.1" 303', ("10.0.0.2", "TAFEL-9KQ4-MXR7-2PWN&x=1"), None,
    )  # fmt: skip
    assert hide_codes(record)
    assert record.getMessage() == '10.0.0.2 "GET /board?code=…&x=1 HTTP/1.1" 303'


def test_a_message_nested_too_deep_is_a_bad_message() -> None:
    # Within one message's 64 KiB, deeper than json can read: it raised RecursionError, which
    # nothing caught on the way out of the websocket's handler.
    for text in ("[" * 60_000, '["stdin", ' + "[" * 60_000):
        with pytest.raises(BadMessage):
            parse(text)
