"""`kosi serve` attacked from another machine on the Wi-Fi (a second network namespace).

Every attack is bounded in count and time and goes only to the address of the namespace made
by the `room` fixture. Needs root and iproute2; skipped with the reason otherwise.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.app.test_serve_netns import read_until, room  # noqa: F401 (the fixture)
from tests.conftest import ROOT

pytest.importorskip("textual_serve", reason="kosi serve needs the optional textual-serve package")
pytestmark = [pytest.mark.system, pytest.mark.process]

CODE = "K7MP-QX4R-9TNA"

SLOW_CONNECTIONS = r"""
import asyncio, resource, sys, time
import aiohttp
from tests.app.serve_client import Browser

async def main(address, code, count, seconds):
    resource.setrlimit(resource.RLIMIT_NOFILE, (count + 512, count + 512))
    base = f"http://{address}:8000"
    browser = await Browser.open(base, query=f"&code={code}")
    await browser.start_draft("Stadt Test", "Anna Test")
    print("participant working", flush=True)
    writers, refused = [], 0
    for _ in range(count):
        try:
            _, writer = await asyncio.wait_for(asyncio.open_connection(address, 8000), 5)
        except (OSError, TimeoutError):
            refused += 1
            continue
        writer.write(b"GET / HTTP/1.1\r\n")
        writers.append(writer)
    print("opened", len(writers), "refused", refused, flush=True)
    await browser.type("Nord")
    await browser.wait_for("Stadt TestNord", limit=30)
    print("keystrokes reached the app", flush=True)
    end = time.monotonic() + seconds
    while time.monotonic() < end:  # a header line every few seconds, the slow attack itself
        for writer in writers:
            if not writer.is_closing():
                writer.write(b"X-Slow: 1\r\n")
        await asyncio.sleep(2)
    for writer in writers:
        writer.close()
    stopped = time.monotonic()
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{base}/?code={code}", timeout=aiohttp.ClientTimeout(total=2),
                               allow_redirects=False) as response:
            print("new participant answered", response.status,
                  round(time.monotonic() - stopped, 2), flush=True)
    await browser.close()

asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])))
"""


def start_server(server_ns: str, tmp_path: Path, *extra: str) -> subprocess.Popen[str]:
    import resource

    env = {**os.environ, "KOSI_HOME": str(tmp_path / "home"), "PYTHONPATH": str(ROOT)}

    def common_file_limit() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (1024, 1024))

    return subprocess.Popen(
        ["ip", "netns", "exec", server_ns, sys.executable, "-m", "kosi_tui", "serve",
         "--host", "0.0.0.0", "--port", "8000", "--workshop", str(tmp_path / "ws"),
         "--code", CODE, *extra],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT, env=env,
        preexec_fn=common_file_limit,
    )  # fmt: skip


class Drain:
    """Reads the server's output all along: a full pipe would stop the server's logging."""

    def __init__(self, server: subprocess.Popen[str]) -> None:
        self.server, self.lines = server, [read_until(server, r"Strg\+C")]
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        assert self.server.stdout is not None
        for line in self.server.stdout:
            self.lines.append(line)

    def stop(self) -> str:
        self.server.terminate()
        self.server.wait(timeout=60)
        self.thread.join(timeout=10)
        return "".join(self.lines)


def add_address(namespace: str, address: str) -> None:
    """A second address on the participants' side of the veth pair: a second machine."""
    links = subprocess.run(
        ["ip", "-n", namespace, "-o", "link"], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    device = next(line.split(":")[1].strip().split("@")[0] for line in links if " kc" in line)
    subprocess.run(
        ["ip", "-n", namespace, "addr", "add", f"{address}/24", "dev", device], check=True
    )


def participant(participant_ns: str, script: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        ["ip", "netns", "exec", participant_ns, sys.executable, "-c", script, *args],
        capture_output=True, text=True, timeout=240, env=env, cwd=ROOT,
    )  # fmt: skip


def test_slow_connections_cannot_end_the_server(
    room: tuple[str, str, str],  # noqa: F811
    tmp_path: Path,
) -> None:
    server_ns, participant_ns, address = room
    server = start_server(server_ns, tmp_path)
    drain = Drain(server)
    try:
        done = participant(participant_ns, SLOW_CONNECTIONS, address, CODE, "1100", "12")
        assert done.returncode == 0, done.stderr[-3000:] + done.stdout
        assert "keystrokes reached the app" in done.stdout
        assert "new participant answered 303" in done.stdout, done.stdout
        assert server.poll() is None, "the server ended"
    finally:
        output = drain.stop()
    assert "Traceback" not in output, output[-3000:]
    assert "Too many open files" not in output


GUESSING = r"""
import asyncio, sys
import aiohttp

async def tries(address, source, codes):
    connector = aiohttp.TCPConnector(local_addr=(source, 0), limit=20)
    statuses = []
    async with aiohttp.ClientSession(connector=connector) as session:
        async def one(code):
            async with session.post(f"http://{address}:8000/door", data={"code": code},
                                    allow_redirects=False) as response:
                await response.read()
                return response.status
        for start in range(0, len(codes), 100):
            statuses += await asyncio.gather(*(one(c) for c in codes[start:start + 100]))
    return statuses

async def main(address, attacker, other, code):
    wrong = [f"WRONG{n:05d}XYZ" for n in range(2000)]
    statuses = await tries(address, attacker, wrong)
    print("wrong", statuses.count(401), "refused", statuses.count(429), flush=True)
    print("right code from the attacker", (await tries(address, attacker, [code]))[0], flush=True)
    print("right code from another address", (await tries(address, other, [code]))[0], flush=True)

asyncio.run(main(*sys.argv[1:]))
"""


def test_guessing_the_code_locks_out_only_the_guesser(
    room: tuple[str, str, str],  # noqa: F811
    tmp_path: Path,
) -> None:
    server_ns, participant_ns, address = room
    attacker = address.rsplit(".", 1)[0] + ".2"
    other = address.rsplit(".", 1)[0] + ".3"
    add_address(participant_ns, other)
    server = start_server(server_ns, tmp_path)
    drain = Drain(server)
    try:
        done = participant(participant_ns, GUESSING, address, attacker, other, CODE)
        assert done.returncode == 0, done.stderr[-3000:] + done.stdout
        wrong = int(done.stdout.split("wrong ")[1].split()[0])
        assert 0 < wrong <= 30, done.stdout  # then the address waits, and is locked out
        assert "right code from the attacker 429" in done.stdout
        assert "right code from another address 303" in done.stdout
    finally:
        output = drain.stop()
    assert "Traceback" not in output


ROOM_RULES = r"""
import asyncio, sys
import aiohttp
from tests.app.serve_client import Browser

def from_address(source):
    jar = aiohttp.CookieJar(unsafe=True)
    return aiohttp.ClientSession(connector=aiohttp.TCPConnector(local_addr=(source, 0)),
                                 cookie_jar=jar)

async def browser(base, source, code):
    session = from_address(source)
    try:
        ws = await session.ws_connect(f"{base}/ws?width=100&height=30&code={code}")
    except BaseException:
        await session.close()
        raise
    return Browser(session, ws)

async def main(address, one, other, code, trainer):
    base = f"http://{address}:8000"
    held = []
    for _ in range(41):
        try:
            held.append(await browser(base, one, code))
        except aiohttp.WSServerHandshakeError as refused:
            print("refused after", len(held), "with", refused.status, flush=True)
            break
    for tab in held:
        await tab.wait_for("Innovationslabor aufbauen")
    newcomer = await browser(base, other, code)
    await newcomer.wait_for("Innovationslabor aufbauen")
    print("another address still gets a place", flush=True)
    async with from_address(other) as session:
        for name, given in (("workshop", code), ("trainer", trainer)):
            async with session.get(f"{base}/board?code={given}", allow_redirects=False) as r:
                print("board with the", name, "code", r.status, flush=True)
    tab = held[0]
    await tab.start_draft("Stadt Test", "Anna Test")
    await tab.press_until("f5", "Überblick:")
    await tab.type("m")
    _, key = await tab.wait_for_text_message("deliver_file_start")
    async with from_address(one) as stranger:
        async with stranger.get(f"{base}/download/{key}") as r:
            print("download without the tab's cookie", r.status, flush=True)
    async with tab.session.get(f"{base}/download/{key}") as r:
        print("download in its own tab", r.status, "Anna Test" in await r.text(), flush=True)
    for tab in held + [newcomer]:
        await tab.close()

asyncio.run(main(*sys.argv[1:]))
"""


def test_one_address_the_board_and_downloads_have_their_limits(
    room: tuple[str, str, str],  # noqa: F811
    tmp_path: Path,
) -> None:
    server_ns, participant_ns, address = room
    one = address.rsplit(".", 1)[0] + ".2"
    other = address.rsplit(".", 1)[0] + ".3"
    add_address(participant_ns, other)
    trainer = "TAFEL-9KQ4-MXR7-2PWN"
    server = start_server(server_ns, tmp_path, "--trainer-code", trainer)
    drain = Drain(server)
    try:
        done = participant(participant_ns, ROOM_RULES, address, one, other, CODE, trainer)
        assert done.returncode == 0, done.stderr[-3000:] + done.stdout
    finally:
        output = drain.stop()
    said = done.stdout
    assert "refused after 4 with 503" in said, said
    assert "another address still gets a place" in said
    assert "board with the workshop code 401" in said
    assert "board with the trainer code 303" in said
    assert "download without the tab's cookie 403" in said
    assert "download in its own tab 200 True" in said
    assert trainer not in output.split("Strg+C", 1)[1]  # nothing after the start shows it
