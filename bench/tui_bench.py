"""Two numbers for the Textual app, each against a baseline from the same run:

1. Start-up: process start to the first interactive screen of `kosi fill` on the default canvas
   (the new-draft dialog; the canvas loads behind it, timed too), and of `kosi fill DRAFT` (the
   filling screen), through the real command line in a pty, headless, against a minimal Textual
   app (one Label) started the same way. Target: within 1.5x of that floor.
2. Keystroke: a key typed in a field of a 500-question canvas until the validation message and the
   sidebar mark are updated. Target: under 16 ms median.
3. Section change: from asking for a section until it is drawn (reported; no target).

    python bench/tui_bench.py [--runs 10] [--keys 60]
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import os
import pty
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HARNESS = """
import os, sys, time
from textual.app import App

fd, ready_when, *args = sys.argv[1:]
READY = {
    # The floor: the minimal app's one Label is on screen.
    "label": lambda app: app.screen.is_mounted and bool(app.screen.children),
    # The new-draft dialog takes keys (the canvas may still be loading behind it).
    "dialog": lambda app: type(app.screen).__name__ == "NewDraftDialog" and app.focused is not None,
    # ... and its canvas has loaded (the dialog names it).
    "dialog-loaded": lambda app: type(app.screen).__name__ == "NewDraftDialog"
    and app.screen.canvas_title is not None,
    # The filling screen, with the focus in the question where the person left off.
    "filling": lambda app: type(app.screen).__name__ == "FillScreen" and app.focused is not None,
}[ready_when]
run = App.run

def run_until_ready(app, *a, **kw):
    def check():
        if READY(app):
            # The moment the screen takes keys; tear-down is not start-up.
            os.write(int(fd), repr(time.time()).encode())
            os._exit(0)
    app.call_later(lambda: app.set_interval(0.002, check))
    return run(app, headless=True, size=(100, 40))

App.run = run_until_ready
"""

MINIMAL = (
    HARNESS
    + """
from textual.widgets import Label
class Minimal(App):
    def compose(self):
        yield Label("kosi")
Minimal().run()
"""
)

KOSI = (
    HARNESS
    + """
from kosi_tui.cli import main
main(args)
"""
)


def spawn(code: str, ready_when: str, *args: str, env: dict[str, str]) -> float:
    """Milliseconds from starting the process to the moment `ready_when` holds.

    The process gets a terminal (a pty) as people's do, so `kosi` starts its Textual app; it
    reports the time through a pipe.
    """
    read_end, write_end = os.pipe()
    primary, secondary = pty.openpty()
    start = time.time()
    child = subprocess.Popen(
        [sys.executable, "-c", code, str(write_end), ready_when, *args],
        env=env,
        cwd=ROOT,
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        pass_fds=(write_end,),
    )
    os.close(write_end)
    os.close(secondary)
    with os.fdopen(read_end, "rb") as pipe:
        reported = pipe.read()
    child.wait()
    os.close(primary)
    if not reported:
        raise RuntimeError(f"{ready_when} {args}: exited ({child.returncode}) before ready")
    return (float(reported) - start) * 1000


CASES = {
    "dialog": ("kosi fill innovationslabor: new-draft dialog takes keys", "dialog"),
    "loaded": ("  ... and the canvas has loaded behind it", "dialog-loaded"),
    "draft": ("kosi fill DRAFT: filling screen takes keys", "filling"),
}


def startup(runs: int) -> None:
    # What `pip install` does for users: compile the package once, so imports read bytecode.
    compileall.compile_dir(str(ROOT / "kosi_tui"), quiet=1)
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, KOSI_HOME=home, TERM="xterm-256color")
        env.pop("KOSI_PLAIN", None)
        draft = ROOT / "examples" / "innovationslabor.answers.yaml"
        draft_copy = Path(home) / "entwurf.yaml"

        def kosi(case: str) -> float:
            if case == "draft":
                draft_copy.write_bytes(draft.read_bytes())
                return spawn(KOSI, "filling", "fill", str(draft_copy), env=env)
            return spawn(KOSI, CASES[case][1], "fill", "innovationslabor", env=env)

        times: dict[str, list[float]] = {"minimal": [], **{case: [] for case in CASES}}
        for _ in range(2):  # warm-up: the file system cache, bytecode
            spawn(MINIMAL, "label", env=env)
            kosi("draft")
        for _ in range(runs):  # interleaved, so that machine noise hits all alike
            times["minimal"].append(spawn(MINIMAL, "label", env=env))
            for case in CASES:
                times[case].append(kosi(case))
    base = statistics.median(times["minimal"])
    print(f"start-up, process start to first interactive screen, median of {runs} (headless):")
    print(f"  {'minimal Textual app (one Label), the floor':<56} {base:6.0f} ms")
    for case, (label, _) in CASES.items():
        value = statistics.median(times[case])
        ratio = value / base
        verdict = "" if case == "loaded" else (" OK" if ratio <= 1.5 else " OVER")
        print(f"  {label:<56} {value:6.0f} ms  {ratio:.2f}x{verdict}")
    print("  target: the first interactive screen of `kosi fill` within 1.50x of the floor")


def big_canvas(path: Path) -> None:
    from bench.engine_load import generate

    path.write_text(generate(500, 120), encoding="utf-8")


async def keystrokes(keys: int) -> None:
    from kosi_tui.faces.filling import Filling
    from kosi_tui.faces.tui.app import KosiApp, Start
    from kosi_tui.faces.tui.screens.fill import FillScreen
    from kosi_tui.storage.canvas_file import load_canvas

    with tempfile.TemporaryDirectory() as home:
        os.environ["KOSI_HOME"] = home
        (Path(home) / "canvases").mkdir()
        canvas_path = Path(home) / "canvases" / "bench.yaml"
        big_canvas(canvas_path)
        canvas = load_canvas(canvas_path)
        filling = Filling.start(canvas, "Bench", "", "de")
        filling.save()
        app = KosiApp("de", Start("draft", filling.path))
        done_at: list[float] = []
        original = FillScreen._update_progress

        def timed(self: FillScreen) -> None:
            # The last step after an answer: message, visibility and sidebar are updated by now.
            original(self)
            done_at.append(time.perf_counter())

        FillScreen._update_progress = timed  # type: ignore[method-assign]
        handler_ms: list[float] = []
        round_trip: list[float] = []
        try:
            async with app.run_test(size=(100, 40)) as pilot:
                await pilot.pause()
                screen = app.screen
                assert isinstance(screen, FillScreen), (screen, getattr(screen, "problems", None))
                await screen.jump_to_question("s3.q64")  # a short text field
                await pilot.pause()
                for n in range(keys):
                    done_at.clear()
                    start = time.perf_counter()
                    await pilot.press("x" if n % 2 == 0 else "backspace")
                    round_trip.append((time.perf_counter() - start) * 1000)
                    if done_at:
                        handler_ms.append((done_at[-1] - start) * 1000)
        finally:
            FillScreen._update_progress = original  # type: ignore[method-assign]
    questions = len(canvas.compiled.questions)
    median = statistics.median(handler_ms)
    print(f"keystroke on a {questions}-question canvas, median of {len(handler_ms)}:")
    print(
        f"  key pressed -> validation message, sidebar and progress updated: {median:6.2f} ms "
        f"(target < 16 ms) {'OK' if median < 16 else 'OVER TARGET'}"
    )
    print(
        f"  whole key press through Textual's test pilot (until idle):         "
        f"{statistics.median(round_trip):6.2f} ms"
    )


async def section_changes(rounds: int) -> None:
    """F8 and friends: from asking for a section until it is laid out and drawn (no target in
    the issue; people feel it on every section change)."""
    from kosi_tui.faces.tui.app import KosiApp, Start
    from kosi_tui.faces.tui.screens.fill import FillScreen

    with tempfile.TemporaryDirectory() as home:
        os.environ["KOSI_HOME"] = home
        draft = Path(home) / "entwurf.yaml"
        draft.write_bytes((ROOT / "examples" / "innovationslabor.answers.yaml").read_bytes())
        app = KosiApp("de", Start("draft", draft))
        times: list[float] = []
        async with app.run_test(size=(100, 40)) as pilot:
            screen = app.screen
            assert isinstance(screen, FillScreen)
            await screen.ready.wait()
            sections = len(screen.filling.canvas.canvas.sections)
            for _ in range(rounds):
                for index in range(sections):
                    start = time.perf_counter()
                    await screen.jump_to_section(index)
                    await pilot._wait_for_screen()  # every message handled ...
                    screen._on_timer_update()  # ... then laid out and drawn
                    times.append((time.perf_counter() - start) * 1000)
                    await pilot.pause()
    print(f"section change on the default canvas, median of {len(times)}:")
    print(f"  section shown -> laid out and drawn: {statistics.median(times):6.1f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--keys", type=int, default=60)
    args = parser.parse_args()
    startup(args.runs)
    asyncio.run(keystrokes(args.keys))
    asyncio.run(section_changes(3))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
