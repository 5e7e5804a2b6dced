"""Two numbers for the Textual app, each against a baseline from the same run:

1. Start-up: process start to the first interactive screen of `kosi fill` on the default canvas
   (the new-draft dialog), and of `kosi fill DRAFT` (the filling screen), headless, against a
   minimal Textual app (one Label) started the same way. Target: within 1.5x of that floor.
2. Keystroke: a key typed in a field of a 500-question canvas until the validation message and the
   sidebar mark are updated. Target: under 16 ms median.

    python bench/tui_bench.py [--runs 10] [--keys 60]
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EXIT_WHEN_READY = """
import os, sys, time
from textual.app import App
def done_when(app, ready):
    # Report the moment the screen is ready to take keys; what follows (tear-down) is not start-up.
    def check():
        if ready(app):
            sys.stdout.write(repr(time.time()))
            sys.stdout.flush()
            os._exit(0)
    app.set_interval(0.002, check)
"""

MINIMAL = (
    EXIT_WHEN_READY
    + """
from textual.widgets import Label
class Minimal(App):
    def compose(self):
        yield Label("kosi")
    def on_mount(self):
        done_when(self, lambda app: app.screen.is_mounted and app.screen.children)
Minimal().run(headless=True, size=(100, 40))
"""
)

KOSI = (
    EXIT_WHEN_READY
    + """
from pathlib import Path
from kosi_tui.faces.tui.app import KosiApp, Start
target = sys.argv[1]
kind = sys.argv[2]
app = KosiApp("de", Start(kind, Path(target)))
def ready(app):
    from kosi_tui.faces.tui.screens.fill import FillScreen
    from kosi_tui.faces.tui.dialogs.new_draft_dialog import NewDraftDialog
    screen = app.screen
    if isinstance(screen, NewDraftDialog):
        return screen.is_mounted and app.focused is not None
    return isinstance(screen, FillScreen) and app.focused is not None
app.call_later(lambda: done_when(app, ready))
app.run(headless=True, size=(100, 40))
"""
)


def spawn(code: str, *args: str, env: dict[str, str]) -> float:
    """Milliseconds from starting the process to its first interactive screen."""
    start = time.time()
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        check=True,
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    return (float(done.stdout.strip()) - start) * 1000


def startup(runs: int) -> None:
    # What `pip install` does for users: compile the package once, so imports read bytecode.
    compileall.compile_dir(str(ROOT / "kosi_tui"), quiet=1)
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, KOSI_HOME=home)
        canvas = str(ROOT / "canvases" / "innovationslabor.yaml")
        draft = str(ROOT / "examples" / "innovationslabor.answers.yaml")
        draft_copy = Path(home) / "entwurf.yaml"
        times: dict[str, list[float]] = {"minimal": [], "canvas": [], "draft": []}
        for _ in range(2):  # warm-up
            spawn(MINIMAL, env=env)
            spawn(KOSI, canvas, "canvas", env=env)
        for _ in range(runs):  # interleaved, so that machine noise hits all alike
            times["minimal"].append(spawn(MINIMAL, env=env))
            times["canvas"].append(spawn(KOSI, canvas, "canvas", env=env))
            draft_copy.write_bytes(Path(draft).read_bytes())
            times["draft"].append(spawn(KOSI, str(draft_copy), "draft", env=env))
    base = statistics.median(times["minimal"])
    print(f"start-up to the first interactive screen, median of {runs} (headless, 100x40):")
    print(f"  minimal Textual app (one Label):        {base:7.0f} ms")
    for name, label in (
        ("canvas", "kosi fill innovationslabor (dialog)"),
        ("draft", "kosi fill DRAFT (filling screen)"),
    ):
        value = statistics.median(times[name])
        ratio = value / base
        print(
            f"  {label:<38} {value:7.0f} ms  {ratio:.2f}x (target <= 1.50x) "
            f"{'OK' if ratio <= 1.5 else 'OVER TARGET'}"
        )


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--keys", type=int, default=60)
    args = parser.parse_args()
    startup(args.runs)
    asyncio.run(keystrokes(args.keys))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
