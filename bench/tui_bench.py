"""The app's speed and size, each figure against a baseline measured in the same run:

1. Start-up: process start until the first screen takes keys, through the real command line in a
   pty, headless, against a minimal Textual app (one Label) started the same way:
   - `kosi` (the start page: the canvases listed, the focus in the list), target within 1.5x; the
     warm-up leaves the listing a second start finds (no file changed since, so it is shown
     before the engine loads); reported too: after a draft changed (the files are read first);
   - `kosi fill DRAFT` (the filling screen: the focus in the question where the person left off;
     a screen frame that takes no answer yet does not count), target within 1.6x;
   - `kosi fill CANVAS` (the new-draft dialog; the canvas loads behind it, timed too): reported.
2. Peak memory (the process's maximum resident set until that moment), target within 1.4x.
   Printed beside both: the processor time until that moment, which other work on a shared
   machine changes much less than the wall time (the targets are on the wall time).
3. Keystroke: a key typed in a field of a 500-question canvas until the validation message and the
   sidebar mark are updated. Target: under 8 ms median.
4. Section change: from asking for a section until the questions in view are laid out and drawn
   (the rest follows right after, keys waiting for it; reported too). Target: under 50 ms.

    python bench/tui_bench.py [--runs 10] [--keys 60]
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import os
import pty
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HARNESS = """
import os, resource, sys, time

fd, ready_when, *args = sys.argv[1:]


def in_question(app):
    # The focus is in an answer (or, in a section without questions, on "next"): what is typed
    # now lands where it belongs.
    node = app.focused
    if getattr(node, "id", None) == "next":
        return True
    while node is not None:
        if any(c.__name__ == "QuestionWidget" for c in type(node).__mro__):
            return True
        node = node.parent
    return False


READY = {
    # The floor: the minimal app's one Label is on screen.
    "label": lambda app: app.screen.is_mounted and bool(app.screen.children),
    # The start page: the canvases are listed and the list has the focus.
    "home": lambda app: type(app.screen).__name__ == "HomeScreen"
    and getattr(app.focused, "id", None) == "canvases"
    and app.focused.option_count > 0,
    # The new-draft dialog takes keys (the canvas may still be loading behind it).
    "dialog": lambda app: type(app.screen).__name__ == "NewDraftDialog" and app.focused is not None,
    # ... and its canvas has loaded (the dialog names it).
    "dialog-loaded": lambda app: type(app.screen).__name__ == "NewDraftDialog"
    and app.screen.canvas_title is not None,
    # The filling screen, with the focus in the question where the person left off.
    "filling": lambda app: type(app.screen).__name__ == "FillScreen" and in_question(app),
}[ready_when]


def patch(App):
    run = App.run

    def run_until_ready(app, *a, **kw):
        def check():
            if READY(app):
                # The moment the screen takes keys; tear-down is not start-up.
                usage = resource.getrusage(resource.RUSAGE_SELF)
                peak = usage.ru_maxrss / 1024
                cpu = (usage.ru_utime + usage.ru_stime) * 1000
                os.write(int(fd), f"{time.time()!r} {peak!r} {cpu!r}".encode())
                os._exit(0)

        app.call_later(lambda: app.set_interval(0.002, check))
        return run(app, headless=True, size=(100, 40))

    App.run = run_until_ready


class PatchApp:
    # Hooks `App.run` when Textual is first imported, so that each program imports in its own
    # order (kosi's command line starts before Textual, as the `kosi` command does).
    def find_spec(self, name, path=None, target=None):
        if name != "textual.app":
            return None
        sys.meta_path.remove(self)
        import importlib.util

        spec = importlib.util.find_spec(name)
        execute = spec.loader.exec_module

        def exec_module(module):
            execute(module)
            patch(module.App)

        spec.loader.exec_module = exec_module
        return spec


sys.meta_path.insert(0, PatchApp())
"""

MINIMAL = (
    HARNESS
    + """
from textual.app import App
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

STARTUP_TARGET = {"home": 1.5, "draft": 1.6}
MEMORY_TARGET = 1.4
KEY_TARGET_MS = 8.0
SECTION_TARGET_MS = 50.0


@dataclass
class Verdicts:
    """Every target with its figure, printed together at the end."""

    lines: list[str]

    def add(self, what: str, figure: str, ok: bool) -> None:
        self.lines.append(f"  {'OK  ' if ok else 'OVER'} {what:<58} {figure}")


def spawn(
    code: str, ready_when: str, *args: str, env: dict[str, str]
) -> tuple[float, float, float]:
    """Milliseconds from starting the process to the moment `ready_when` holds, the peak
    resident memory until then in MiB, and the processor time it took until then in ms (which
    other work on the machine changes much less than the wall time).

    The process gets a terminal (a pty) as people's do, so `kosi` starts its Textual app; it
    reports through a pipe.
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
    at, peak, cpu = reported.decode().split()
    return (float(at) - start) * 1000, float(peak), float(cpu)


CASES = {
    "home": ("kosi: start page lists the canvases, takes keys", "home"),
    "changed": ("  ... a draft changed since the last start", "home"),
    "dialog": ("kosi fill innovationslabor: new-draft dialog takes keys", "dialog"),
    "loaded": ("  ... and the canvas has loaded behind it", "dialog-loaded"),
    "draft": ("kosi fill DRAFT: focus in the question, takes keys", "filling"),
}


def startup(runs: int, verdicts: Verdicts) -> None:
    # What `pip install` does for users: compile the package once, so imports read bytecode.
    compileall.compile_dir(str(ROOT / "kosi_tui"), quiet=1)
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, KOSI_HOME=home, TERM="xterm-256color")
        env.pop("KOSI_PLAIN", None)
        # A person's drafts, for the start page to list.
        (Path(home) / "drafts").mkdir()
        for example in sorted((ROOT / "examples").glob("*.answers.yaml")):
            shutil.copy(example, Path(home) / "drafts" / example.name)
        draft = ROOT / "examples" / "innovationslabor.answers.yaml"
        draft_copy = Path(home) / "entwurf.yaml"

        def kosi(case: str) -> tuple[float, float, float]:
            if case == "home":
                return spawn(KOSI, "home", env=env)
            if case == "changed":
                changed = min((Path(home) / "drafts").iterdir())
                os.utime(changed, ns=(time.time_ns(), time.time_ns()))
                return spawn(KOSI, "home", env=env)
            if case == "draft":
                draft_copy.write_bytes(draft.read_bytes())
                return spawn(KOSI, "filling", "fill", str(draft_copy), env=env)
            return spawn(KOSI, CASES[case][1], "fill", "innovationslabor", env=env)

        times: dict[str, list[float]] = {"minimal": [], **{case: [] for case in CASES}}
        peaks: dict[str, list[float]] = {"minimal": [], **{case: [] for case in CASES}}
        cpus: dict[str, list[float]] = {"minimal": [], **{case: [] for case in CASES}}
        for _ in range(2):  # warm-up: the file system cache, bytecode, the canvas cache
            spawn(MINIMAL, "label", env=env)
            for case in CASES:
                kosi(case)
        for _ in range(runs):  # interleaved, so that machine noise hits all alike
            at, peak, cpu = spawn(MINIMAL, "label", env=env)
            times["minimal"].append(at)
            peaks["minimal"].append(peak)
            cpus["minimal"].append(cpu)
            for case in CASES:
                at, peak, cpu = kosi(case)
                times[case].append(at)
                peaks[case].append(peak)
                cpus[case].append(cpu)
    base = statistics.median(times["minimal"])
    base_peak = statistics.median(peaks["minimal"])
    base_cpu = statistics.median(cpus["minimal"])
    print(f"start-up, process start until the screen takes keys, median of {runs} (headless, pty):")
    print(f"  {'':<58} {'time':>7} {'ratio':>6} {'target':>7} {'peak':>9} {'ratio':>6}"
          f" {'cpu':>7} {'ratio':>6}")  # fmt: skip
    print(f"  {'minimal Textual app (one Label): the baseline':<58} {base:5.0f} ms {'':>14} "
          f"{base_peak:5.1f} MiB {'':>6} {base_cpu:4.0f} ms")  # fmt: skip
    for case, (label, _) in CASES.items():
        value = statistics.median(times[case])
        peak = statistics.median(peaks[case])
        cpu = statistics.median(cpus[case])
        target = STARTUP_TARGET.get(case)
        wanted = f"{target:.1f}x" if target else ""
        print(f"  {label:<58} {value:5.0f} ms {value / base:5.2f}x {wanted:>7} "
              f"{peak:5.1f} MiB {peak / base_peak:5.2f}x {cpu:4.0f} ms {cpu / base_cpu:5.2f}x")  # fmt: skip
        if target is not None:
            verdicts.add(
                f"start-up, {label.split(':')[0]}: within {target}x",
                f"{value:.0f} ms vs {base:.0f} ms = {value / base:.2f}x",
                value / base <= target,
            )
    for case in ("home", "draft"):
        peak = statistics.median(peaks[case])
        verdicts.add(
            f"peak memory, {CASES[case][0].split(':')[0]}: within {MEMORY_TARGET}x",
            f"{peak:.1f} MiB vs {base_peak:.1f} MiB = {peak / base_peak:.2f}x",
            peak / base_peak <= MEMORY_TARGET,
        )


def big_canvas(path: Path) -> None:
    from bench.engine_load import generate

    path.write_text(generate(500, 120), encoding="utf-8")


async def open_fill_screen(app: Any, pilot: Any) -> Any:
    """The filling screen once its first section is on screen (the draft may load in a worker)."""
    from kosi_tui.faces.tui.screens.fill import FillScreen

    for _ in range(2000):
        screen = app.screen
        if isinstance(screen, FillScreen) and screen.ready.is_set():
            return screen
        await pilot.pause(0.005)
    raise RuntimeError(f"no filling screen: {app.screen}")


async def minimal_keystrokes(keys: int) -> list[float]:
    """The baseline: a key typed into the one Input of a minimal app until its change is handled."""
    from textual.app import App, ComposeResult
    from textual.widgets import Input

    done_at: list[float] = []

    class OneInput(App[None]):
        def compose(self) -> ComposeResult:
            yield Input()

        def on_input_changed(self) -> None:
            done_at.append(time.perf_counter())

    times: list[float] = []
    async with OneInput().run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        for n in range(keys):
            done_at.clear()
            start = time.perf_counter()
            await pilot.press("x" if n % 2 == 0 else "backspace")
            if done_at:
                times.append((done_at[-1] - start) * 1000)
    return times


async def keystrokes(keys: int, verdicts: Verdicts) -> None:
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
        field = next(  # a short text field in the fourth section
            key
            for key, located in canvas.compiled.questions.items()
            if located.section_index == 3 and located.question.type == "short_text"
        )
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
                screen = await open_fill_screen(app, pilot)
                await screen.jump_to_question(field)
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
    base = statistics.median(await minimal_keystrokes(keys))
    questions = len(canvas.compiled.questions)
    median = statistics.median(handler_ms)
    print(f"keystroke, median of {len(handler_ms)}:")
    print(f"  {'minimal app, one Input: key pressed -> change handled (baseline)':<66} "
          f"{base:6.2f} ms")  # fmt: skip
    print(f"  {f'{questions} questions: key -> validation message, sidebar, progress':<66} "
          f"{median:6.2f} ms {median / base:5.2f}x  target < {KEY_TARGET_MS:.0f} ms")  # fmt: skip
    print(f"  {'  whole key press through the test pilot (until idle)':<66} "
          f"{statistics.median(round_trip):6.2f} ms")  # fmt: skip
    verdicts.add(
        f"keystroke on {questions} questions: under {KEY_TARGET_MS:.0f} ms",
        f"{median:.2f} ms (baseline {base:.2f} ms = {median / base:.1f}x)",
        median < KEY_TARGET_MS,
    )


async def minimal_section_changes(sizes: list[int]) -> list[float]:
    """The baseline: a minimal app replacing a column's children by as many Label + Input pairs
    as each section has questions, until laid out and drawn."""
    from textual.app import App, ComposeResult
    from textual.containers import Vertical, VerticalScroll
    from textual.widgets import Input, Label

    class Column(App[None]):
        def compose(self) -> ComposeResult:
            with VerticalScroll():
                yield Vertical(id="questions")

    times: list[float] = []
    app = Column()
    async with app.run_test(size=(100, 40)) as pilot:
        container = app.query_one("#questions", Vertical)
        for size in sizes:
            start = time.perf_counter()
            await container.remove_children()
            pairs = [Vertical(Label(f"Frage {n}"), Input()) for n in range(size)]
            await container.mount_all(pairs)
            if pairs:
                pairs[0].query_one(Input).focus()
            await pilot._wait_for_screen()
            app.screen._on_timer_update()
            times.append((time.perf_counter() - start) * 1000)
            await pilot.pause()
    return times


async def section_changes(rounds: int, verdicts: Verdicts) -> None:
    """F8 and friends: from asking for a section until the questions in view are laid out and
    drawn (the rest is mounted right after; keys wait for it), and until the whole section is."""
    from kosi_tui.faces.tui.app import KosiApp, Start
    from kosi_tui.faces.tui.screens.fill import FillScreen

    drawn_at: list[float] = []
    mount_later = FillScreen._mount_later

    async def stamped(self: FillScreen, *args: Any) -> None:
        # Called once the screen is drawn with the questions in view (`call_after_refresh`).
        drawn_at.append(time.perf_counter())
        await mount_later(self, *args)

    FillScreen._mount_later = stamped  # type: ignore[method-assign,assignment]
    try:
        with tempfile.TemporaryDirectory() as home:
            os.environ["KOSI_HOME"] = home
            draft = Path(home) / "entwurf.yaml"
            draft.write_bytes((ROOT / "examples" / "innovationslabor.answers.yaml").read_bytes())
            app = KosiApp("de", Start("draft", draft))
            first: list[float] = []
            whole: list[float] = []
            sizes: list[int] = []
            async with app.run_test(size=(100, 40)) as pilot:
                screen = await open_fill_screen(app, pilot)
                sections = screen.filling.canvas.canvas.sections
                for _ in range(rounds):
                    for index in range(len(sections)):
                        drawn_at.clear()
                        start = time.perf_counter()
                        await screen.jump_to_section(index)
                        await pilot._wait_for_screen()  # every message handled ...
                        screen._on_timer_update()  # ... then laid out and drawn
                        end = time.perf_counter()
                        whole.append((end - start) * 1000)
                        first.append(((drawn_at[0] if drawn_at else end) - start) * 1000)
                        sizes.append(len(sections[index].questions))
                        await pilot.pause()
    finally:
        FillScreen._mount_later = mount_later  # type: ignore[method-assign]
    base = statistics.median(await minimal_section_changes(sizes))
    median = statistics.median(first)
    print(f"section change on the default canvas, median of {len(first)}:")
    print(f"  {'minimal app: as many Label + Input pairs mounted (baseline)':<66} {base:6.1f} ms")
    print(f"  {'section shown -> the questions in view laid out and drawn':<66} {median:6.1f} ms"
          f" {median / base:5.2f}x  target < {SECTION_TARGET_MS:.0f} ms")  # fmt: skip
    print(f"  {'  ... and the rest of the section mounted (keys wait for it)':<66} "
          f"{statistics.median(whole):6.1f} ms")  # fmt: skip
    verdicts.add(
        f"section change: under {SECTION_TARGET_MS:.0f} ms",
        f"{median:.1f} ms (baseline {base:.1f} ms = {median / base:.1f}x)",
        median < SECTION_TARGET_MS,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--keys", type=int, default=60)
    parser.add_argument("--only", choices=("startup", "keys", "sections"), help="one part only")
    args = parser.parse_args()
    verdicts = Verdicts([])
    if args.only in (None, "startup"):
        startup(args.runs, verdicts)
    if args.only in (None, "keys"):
        asyncio.run(keystrokes(args.keys, verdicts))
    if args.only in (None, "sections"):
        asyncio.run(section_changes(3, verdicts))
    print("targets:")
    print("\n".join(verdicts.lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
