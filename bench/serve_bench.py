"""`kosi serve` with many browsers at once: time to each first screen, memory per session.

For 1, 10, 20 and 40 sessions opened at the same moment through real websockets (the page's own
protocol): the time from opening the websocket until the home screen's text has arrived (median
and max), and then – once every session has started a draft and drawn its first question – the
memory of each session's app process: PSS (its share of pages shared with the others) and USS
(pages only it holds), by psutil if installed, else from /proc/<pid>/smaps_rollup. Memory read
before the sessions have drawn says too little (10–12 MiB where a drawn session with a draft open
holds 27). The one-session row of the same run is the baseline. Modes: `fork` (kosi's forkserver,
the default) and `spawn` (a new Python process per session, as textual-serve does), to compare.
Target: 20 at once, max under 2 s. Every wait is bounded; the bench stops by itself.

    python bench/serve_bench.py [--modes fork,spawn] [--sizes 1,10,20,40]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

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


async def bench(mode: str, sizes: list[int]) -> None:
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
    parser.add_argument("--modes", default="fork")
    parser.add_argument("--sizes", default="1,10,20,40")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; load {os.getloadavg()[0]:.1f} at start")
    for mode in args.modes.split(","):
        asyncio.run(bench(mode, [int(s) for s in args.sizes.split(",")]))


if __name__ == "__main__":
    main()
