"""`kosi serve` with many browsers at once: time to each first screen, memory per session.

For 1, 5, 10 and 20 sessions opened at the same moment through real websockets (the page's own
protocol), the time from opening the websocket until the home screen's text has arrived, median
and max, and the memory of each session's app process while all are open: PSS (its share of
pages shared with others) and USS (pages only it holds). The one-session row of the same run and
mode is the baseline. Modes: `fork` (kosi's forkserver, the default) and `spawn` (a new Python
process per session, as textual-serve does), to compare. Target: 20 at once, max under 2 s.

    python bench/serve_bench.py [--modes fork,spawn] [--sizes 1,5,10,20] [--rounds 1]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
FIRST_SCREEN = b"Innovationslabor aufbauen"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def session_pids(server: int) -> list[int]:
    """The app processes: children of the forkserver, or (spawn) of the server itself."""
    pids = []
    for child in children_of(server):
        cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
        pids += children_of(child) if b"forkserver" in cmdline else [child]
    return pids


def memory_kib(pid: int) -> tuple[int, int]:
    """(PSS, USS) of one process in KiB."""
    fields: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":", 1)
        fields[name] = int(value.split()[0])
    return fields["Pss"], fields["Private_Clean"] + fields["Private_Dirty"]


async def first_screen(url: str, opened: asyncio.Event) -> float:
    async with aiohttp.ClientSession() as session:
        start = time.perf_counter()
        async with session.ws_connect(url) as ws:
            received = b""
            async for message in ws:
                if message.type == aiohttp.WSMsgType.BINARY:
                    received += message.data
                    if FIRST_SCREEN in received:
                        break
            elapsed = time.perf_counter() - start
            await opened.wait()  # keep it open until memory is measured
            return elapsed


async def round_of(port: int, server: int, n: int) -> tuple[list[float], list[tuple[int, int]]]:
    url = f"http://127.0.0.1:{port}/ws?width=100&height=30"
    measured = asyncio.Event()
    tasks = [asyncio.create_task(first_screen(url, measured)) for _ in range(n)]
    deadline = time.monotonic() + 120
    while sum(t.done() for t in tasks) < n and time.monotonic() < deadline:
        pids = session_pids(server)
        if len(pids) >= n:
            break
        await asyncio.sleep(0.05)
    # All have drawn once they are all waiting on `measured`: poll the sessions' output instead.
    await asyncio.sleep(0)
    while time.monotonic() < deadline:
        waiting = [t for t in tasks if not t.done()]
        if (
            all(getattr(t.get_coro(), "cr_await", None) is not None for t in waiting)
            and len(session_pids(server)) >= n
        ):
            break
        await asyncio.sleep(0.05)
    memory = []
    for pid in session_pids(server):
        try:
            memory.append(memory_kib(pid))
        except (OSError, KeyError):
            continue
    measured.set()
    times = await asyncio.gather(*tasks)
    while session_pids(server) and time.monotonic() < deadline + 60:
        await asyncio.sleep(0.05)  # the next round starts on an idle machine
    return list(times), memory


async def bench(mode: str, sizes: list[int], rounds: int) -> None:
    port = free_port()
    env = {**os.environ, "KOSI_HOME": tempfile.mkdtemp(prefix="kosi-bench-")}
    if mode == "spawn":
        env["KOSI_SERVE_SPAWN"] = "1"
    server = subprocess.Popen(
        [sys.executable, "-m", "kosi_tui", "serve", "--port", str(port), "--max-sessions", "100"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        await round_of(port, server.pid, 1)  # warm: first use of disk caches
        print(f"\n{mode}: sessions at once → first screen median / max (s), memory per session")
        for n in sizes:
            for _ in range(rounds):
                times, memory = await round_of(port, server.pid, n)
                pss = statistics.mean(m[0] for m in memory) / 1024 if memory else 0.0
                uss = statistics.mean(m[1] for m in memory) / 1024 if memory else 0.0
                print(
                    f"  {n:>3}: {statistics.median(times):5.2f} / {max(times):5.2f}"
                    f"   PSS {pss:5.1f} MiB  USS {uss:5.1f} MiB  ({len(memory)} processes)",
                    flush=True,
                )
    finally:
        server.terminate()
        server.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modes", default="fork,spawn")
    parser.add_argument("--sizes", default="1,5,10,20")
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; load {os.getloadavg()[0]:.1f} at start")
    for mode in args.modes.split(","):
        asyncio.run(bench(mode, [int(s) for s in args.sizes.split(",")], args.rounds))


if __name__ == "__main__":
    main()
