"""`kosi serve` with many browsers at once: time to each first screen, memory per session.

For 1, 10, 20 and 40 sessions opened at the same moment through real websockets (the page's own
protocol): the time from opening the websocket until the home screen's text has arrived (median
and max), and then – once every session has started a draft and drawn its first question – the
memory of each session's app process: PSS (its share of pages shared with the others) and USS
(pages only it holds), by psutil if installed, else from /proc/<pid>/smaps_rollup. Memory read
before the sessions have drawn says too little (10–12 MiB where a drawn session with a draft open
holds 27). The one-session row of the same run is the baseline. Modes: `fork` (kosi's forkserver,
the default) and `spawn` (a new Python process per session, as textual-serve does), to compare,
and `form`: the web form, which runs in the server – each participant fetches the first page,
starts a draft and gets the first section's page (both timed); memory per participant is the
server's own growth (PSS, USS) over the round divided by the participants, each with a draft open.
Targets: terminal view 20 at once, max under 2 s; form 40 at once within 1 s, under 5 MB each.
Every wait is bounded; the bench stops by itself.

    python bench/serve_bench.py [--modes form,fork,spawn] [--sizes 1,10,20,40]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.app.serve_client import Browser, free_port  # noqa: E402

HOME_TEXT = "Innovationslabor aufbauen"
ROUND_SECONDS = 600.0
"""The longest one round may take (40 drafts on two busy cores), then the bench gives up."""


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
    try:
        import psutil  # type: ignore[import-untyped, import-not-found, unused-ignore]

        info = psutil.Process(pid).memory_full_info()
        return int(info.pss) // 1024, int(info.uss) // 1024
    except ImportError:
        pass
    fields: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":", 1)
        fields[name] = int(value.split()[0])
    return fields["Pss"], fields["Private_Clean"] + fields["Private_Dirty"]


class Barrier:
    """Lets the sessions go on once all have drawn their first screen (so drafts being started
    do not slow the first screens still to come)."""

    def __init__(self, count: int) -> None:
        self.count, self.all_there = count, asyncio.Event()

    async def wait(self) -> None:
        self.count -= 1
        if self.count == 0:
            self.all_there.set()
        await self.all_there.wait()


async def one_session(base: str, n: int, barrier: Barrier) -> tuple[float, Browser]:
    """Opens a session, times its first screen, then starts a draft in it."""
    start = time.perf_counter()
    browser = await Browser.open(base)
    await browser.wait_for(HOME_TEXT, limit=ROUND_SECONDS)
    elapsed = time.perf_counter() - start
    await barrier.wait()
    await browser.start_draft(f"Stadt {n}", f"Person {n}")
    return elapsed, browser


async def round_of(base: str, server: int, n: int) -> tuple[list[float], list[tuple[int, int]]]:
    barrier = Barrier(n)
    results = await asyncio.wait_for(
        asyncio.gather(*(one_session(base, i, barrier) for i in range(n))), ROUND_SECONDS
    )
    # Every session has drawn its first question with a draft open: now memory says something.
    memory = []
    for pid in session_pids(server):
        try:
            memory.append(memory_kib(pid))
        except (OSError, KeyError):
            continue
    for _, browser in results:
        await browser.close()
    deadline = time.monotonic() + 60
    while session_pids(server) and time.monotonic() < deadline:
        await asyncio.sleep(0.1)  # the next round starts on an idle machine
    return [elapsed for elapsed, _ in results], memory


TOKEN = re.compile(r'name="token" value="([0-9a-f]+)"')


async def one_form(base: str, n: int) -> tuple[float, float, aiohttp.ClientSession]:
    """One participant in the form: (seconds to the first page, to the first question's page)."""
    session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
    start = time.perf_counter()
    async with session.get(base + "/") as response:
        page = await response.text()
    first = time.perf_counter() - start
    found = TOKEN.search(page)
    assert found, page[:500]
    data = {"token": found.group(1), "canvas": "innovationslabor",
            "organisation": f"Stadt {n}", "author": f"Person {n}"}  # fmt: skip
    async with session.post(base + "/form/start", data=data) as response:
        await response.read()  # the resume code's page
    async with session.get(base + "/form/s/basis") as response:
        assert response.status == 200 and "Rahmendaten" in await response.text()
    return first, time.perf_counter() - start, session


async def form_round(
    base: str, server: int, n: int
) -> tuple[list[float], list[float], tuple[int, int]]:
    before = memory_kib(server)
    results = await asyncio.wait_for(
        asyncio.gather(*(one_form(base, i) for i in range(n))), ROUND_SECONDS
    )
    after = memory_kib(server)
    for _, _, session in results:
        await session.close()
    grown = (max(after[0] - before[0], 0) // n, max(after[1] - before[1], 0) // n)
    return [r[0] for r in results], [r[1] for r in results], grown


async def bench_form(sizes: list[int]) -> None:
    port = free_port()
    home = tempfile.mkdtemp(prefix="kosi-bench-")
    env = {**os.environ, "KOSI_HOME": home}
    # Form drafts stay open (and hold places) until they idle out: room for every round.
    most = str(sum(sizes) + 10)
    server = subprocess.Popen(
        [sys.executable, "-m", "kosi_tui", "serve", "--port", str(port), "--workshop",
         str(Path(home) / "workshop"), "--max-sessions", most, "--max-per-address", most],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        empty = memory_kib(server.pid)
        await form_round(base, server.pid, 1)  # warm: the canvas loaded and checked once
        open_drafts = 1
        print("\nform: participants at once → first page, first question's page: median / max (s);")
        print("      server memory grown per participant with a draft open (KiB)")
        for n in sizes:
            first, question, (pss, uss) = await form_round(base, server.pid, n)
            open_drafts += n
            # The round's growth alone says little once freed memory is reused: also the
            # server's whole growth since it served nothing, over every draft open by now.
            total = memory_kib(server.pid)
            print(
                f"  {n:>3}: {statistics.median(first):5.2f} / {max(first):5.2f}"
                f"   {statistics.median(question):5.2f} / {max(question):5.2f}"
                f"   round: PSS +{pss:,} USS +{uss:,} KiB each;"
                f" all {open_drafts} open: server PSS {total[0] / 1024:.1f} MiB"
                f" (+{(total[0] - empty[0]) // open_drafts:,} KiB each)",
                flush=True,
            )
    finally:
        server.terminate()
        server.wait(timeout=60)


async def bench(mode: str, sizes: list[int]) -> None:
    if mode == "form":
        await bench_form(sizes)
        return
    port = free_port()
    home = tempfile.mkdtemp(prefix="kosi-bench-")
    env = {**os.environ, "KOSI_HOME": home}
    if mode == "spawn":
        env["KOSI_SERVE_SPAWN"] = "1"
    most = str(max(sizes) + 10)
    server = subprocess.Popen(
        [sys.executable, "-m", "kosi_tui", "serve", "--port", str(port), "--workshop",
         str(Path(home) / "workshop"), "--max-sessions", most, "--max-per-address", most],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        await round_of(base, server.pid, 1)  # warm: first use of disk caches
        print(f"\n{mode}: sessions at once → first screen median / max (s); memory per session")
        print("      after each has drawn its first question with a draft open (mean, MiB)")
        for n in sizes:
            times, memory = await round_of(base, server.pid, n)
            pss = statistics.mean(m[0] for m in memory) / 1024 if memory else 0.0
            uss = statistics.mean(m[1] for m in memory) / 1024 if memory else 0.0
            print(
                f"  {n:>3}: {statistics.median(times):5.2f} / {max(times):5.2f}"
                f"   PSS {pss:5.1f}  USS {uss:5.1f}  ({len(memory)} processes)",
                flush=True,
            )
    finally:
        server.terminate()
        server.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--modes", default="form,fork")
    parser.add_argument("--sizes", default="1,10,20,40")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; load {os.getloadavg()[0]:.1f} at start")
    for mode in args.modes.split(","):
        asyncio.run(bench(mode, [int(s) for s in args.sizes.split(",")]))


if __name__ == "__main__":
    main()
