"""A participant on another machine: `kosi serve` in one network namespace, a browser in another.

The two namespaces are joined by a veth pair with addresses made here (10.200.x.1 and .2); no
other host is contacted. Needs root and iproute2; skipped with the reason otherwise.
"""

from __future__ import annotations

import os
import re
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.system

pytest.importorskip("textual_serve", reason="kosi serve needs the optional textual-serve package")

PARTICIPANT = r"""
import asyncio, re, sys
import aiohttp

async def main(url, code):
    jar = aiohttp.CookieJar(unsafe=True)  # the server is an IP address, not a name
    async with aiohttp.ClientSession(cookie_jar=jar) as session:
        async with session.get(f"{url}/terminal?code={code}") as response:
            page = await response.text()
        socket = re.search(r'data-session-websocket-url="([^"]+)"', page).group(1)
        print("websocket", socket, flush=True)
        received = b""
        async with session.ws_connect(socket + "?width=100&height=30") as ws:
            async with asyncio.timeout(60):
                async for message in ws:
                    if message.type == aiohttp.WSMsgType.BINARY:
                        received += message.data
                        if b"Innovationslabor aufbauen" in received:
                            print("first screen", flush=True)
                            return

asyncio.run(main(sys.argv[1], sys.argv[2]))
"""


def _ip(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["ip", *args], capture_output=True, text=True, timeout=30)


def _why_not() -> str | None:
    if sys.platform != "linux":
        return "network namespaces are Linux only"
    if os.geteuid() != 0:
        return "making network namespaces needs root"
    if shutil.which("ip") is None:
        return "iproute2 (the ip command) is not installed"
    probe = f"kosi-probe-{os.getpid()}"
    made = _ip("netns", "add", probe)
    if made.returncode != 0:
        return f"network namespaces cannot be made here: {made.stderr.strip()}"
    _ip("netns", "del", probe)
    return None


@pytest.fixture
def room() -> Iterator[tuple[str, str, str]]:
    """Two namespaces joined by a veth pair: (server's, participant's, server's address)."""
    reason = _why_not()
    if reason:
        pytest.skip(reason)
    n = os.getpid() % 250 + 1
    server_ns, participant_ns = f"kosi-srv-{n}", f"kosi-cli-{n}"
    address = f"10.200.{n}.1"
    commands = [
        ("netns", "add", server_ns),
        ("netns", "add", participant_ns),
        ("link", "add", f"ks{n}", "type", "veth", "peer", "name", f"kc{n}"),
        ("link", "set", f"ks{n}", "netns", server_ns),
        ("link", "set", f"kc{n}", "netns", participant_ns),
        ("-n", server_ns, "addr", "add", f"{address}/24", "dev", f"ks{n}"),
        ("-n", participant_ns, "addr", "add", f"10.200.{n}.2/24", "dev", f"kc{n}"),
        ("-n", server_ns, "link", "set", f"ks{n}", "up"),
        ("-n", participant_ns, "link", "set", f"kc{n}", "up"),
        ("-n", server_ns, "link", "set", "lo", "up"),
        ("-n", participant_ns, "link", "set", "lo", "up"),
    ]
    try:
        for command in commands:
            done = _ip(*command)
            assert done.returncode == 0, f"ip {' '.join(command)}: {done.stderr}"
        yield server_ns, participant_ns, address
    finally:
        _ip("netns", "del", server_ns)  # takes the veth pair with it
        _ip("netns", "del", participant_ns)


def read_until(process: subprocess.Popen[str], pattern: str, limit: float = 90.0) -> str:
    """The server's output up to the first line matching `pattern` (bounded).

    Reads the pipe's bytes directly: `select` on a text stream says nothing about lines that its
    buffer already holds, so a burst of lines could leave the wait hanging until the deadline.
    """
    assert process.stdout is not None
    fd = process.stdout.fileno()
    seen = b""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        seen += chunk
        text = seen.decode("utf-8", "replace")
        if any(re.search(pattern, line) for line in text.splitlines()):
            return text
    raise AssertionError(f"kosi serve never printed {pattern!r}: {seen.decode('utf-8', 'replace')}")


def test_a_participant_on_another_machine_reaches_the_app(
    room: tuple[str, str, str], tmp_path: Path
) -> None:
    server_ns, participant_ns, address = room
    env = {**os.environ, "KOSI_HOME": str(tmp_path / "home"), "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        ["ip", "netns", "exec", server_ns, sys.executable, "-m", "kosi_tui", "serve",
         "--host", "0.0.0.0", "--port", "8000", "--workshop", str(tmp_path / "ws"),
         "--code", "RAUM42", "--weak-code-ok"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        printed = read_until(server, r"Strg\+C")
        # The address participants type is the server machine's own, not 0.0.0.0.
        assert f"http://{address}:8000" in printed and "0.0.0.0:8000" not in printed
        participant = subprocess.run(
            ["ip", "netns", "exec", participant_ns, sys.executable, "-c", PARTICIPANT,
             f"http://{address}:8000", "RAUM42"],
            capture_output=True, text=True, timeout=120, env=env,
        )  # fmt: skip
        assert participant.returncode == 0, participant.stderr
        assert f"websocket ws://{address}:8000/ws" in participant.stdout
        assert "first screen" in participant.stdout
    finally:
        server.terminate()
        server.communicate(timeout=60)


BROWSER = next((b for b in ("chromium", "chromium-browser") if shutil.which(b)), None)


@pytest.mark.skipif(
    BROWSER is None, reason="no headless Chromium installed (apt-get install chromium)"
)
def test_a_browser_on_another_machine_opens_an_app_session(
    room: tuple[str, str, str], tmp_path: Path
) -> None:
    assert BROWSER is not None
    server_ns, participant_ns, address = room
    env = {**os.environ, "KOSI_HOME": str(tmp_path / "home"), "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        ["ip", "netns", "exec", server_ns, sys.executable, "-m", "kosi_tui", "serve",
         "--host", "0.0.0.0", "--port", "8000", "--workshop", str(tmp_path / "ws"),
         "--code", "RAUM42", "--weak-code-ok"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT, env=env,
    )  # fmt: skip
    output = ""
    try:
        output = read_until(server, r"Strg\+C")
        # The terminal view's address with the code: the code lets the browser in, sets its
        # cookie and leads back to the terminal view.
        subprocess.run(
            ["ip", "netns", "exec", participant_ns, BROWSER, "--headless", "--no-sandbox",
             "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=10000",
             "--dump-dom", f"http://{address}:8000/terminal?code=RAUM42"],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
    finally:
        server.terminate()
        output += server.communicate(timeout=60)[0]
    # The page, loaded over the printed address, opened the websocket that starts the app.
    assert "GET /ws?width=" in output and " 101 " in output, output[-2000:]
