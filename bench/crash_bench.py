"""Crash bench: how much steady typing is lost when the app dies, and are drafts ever torn.

The real app (`kosi fill DRAFT`) runs in a pseudo-terminal (100x30, TERM=xterm-256color) with
`KOSI_HOME` in a temporary folder. The draft is the example draft with the focus put on an empty
long-text question (`anlass.ausloeser`), so typed keys land in a text area. A first run types a
few characters, presses Ctrl+S and reads the answer back from the file: if the keys did not land
in that field, the bench stops instead of measuring nothing.

1. SIGKILL while typing: a known text is typed at a steady pace (`--rate`, about 11 characters a
   second), and after a random typing time (uniformly 1-8 s, `--seed`) the app is killed with
   SIGKILL. Then the draft file is read with `load_draft`:
   - torn: the draft, or its `.bak` when there is one, cannot be read back as a draft
     (`ProblemsError` or an OS error). Target 0.
   - non-prefix: the saved answer is not a prefix of what was typed (keys lost, doubled or
     reordered inside the app). Target 0.
   - lost: kill time minus the time the first character that is not in the file was sent
     (0 when everything typed is in the file). Target: at most 2 s, the issue's promise.
2. Closing the terminal: typing, then 0.1 s after the last key SIGHUP, the master side of the pty
   closed (a terminal window closed: the kernel hangs up), or SIGTERM. The app may save on its way
   out; the bench waits for it to exit and reports what was lost.

Baselines from the same run: the target (2 s) and the floor under it - one `DraftWriter.save` of
this draft measured directly, the cost of the write itself; start-up to ready is shown too.
The table reads "this run" against "target / baseline"; OVER marks a target missed.

    python bench/crash_bench.py [--kills 50] [--exits 3] [--rate 11] [--seed 1] [--quick]

A full default run takes about 5 minutes on two cores; child processes and temporary folders are removed even on
Ctrl+C.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import random
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.timing import median_ms  # noqa: E402
from kosi_tui.storage.atomic import backup_path  # noqa: E402
from kosi_tui.storage.draft_file import DraftWriter, draft_to_yaml, load_draft  # noqa: E402
from kosi_tui.storage.problems import ProblemsError  # noqa: E402

EXAMPLE = ROOT / "examples" / "innovationslabor.answers.yaml"
CANVAS = ROOT / "canvases" / "innovationslabor.yaml"
SECTION, QUESTION = "anlass", "ausloeser"
KEY = f"{SECTION}.{QUESTION}"
ROWS, COLS = 30, 100
TARGET_LOST = 2.0
TYPING_SECONDS = (1.0, 8.0)
EXIT_TYPING_SECONDS = (2.0, 4.0)
AFTER_TYPING = 0.1
"""How long after the last key the terminal is closed: "right after typing"."""
QUIET = 0.15
"""The screen counts as drawn once output pauses this long (the cursor blinks every 0.5 s)."""
START_TIMEOUT = 30.0
EXIT_TIMEOUT = 5.0

CTRL_S, CTRL_Q = b"\x13", b"\x11"
ANSI = re.compile(
    rb"\x1b\[[0-9;?<>=$]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Z]|\x1b[=>78]"
)


def typed_text(chars: int) -> str:
    # Numbered sentences, so that the text never repeats: a dropped or doubled key cannot line
    # up with a later copy of the same words and pass as a prefix.
    parts: list[str] = []
    n = 1
    while sum(map(len, parts)) < chars:
        parts.append(f"Satz {n}: ohne Pause getippt, Taste fuer Taste. ")
        n += 1
    return "".join(parts)[:chars]


def screen_marker() -> str:
    """Words of the question's label: once on screen, the question is drawn."""
    canvas = yaml.safe_load(CANVAS.read_text(encoding="utf-8"))
    section = next(s for s in canvas["sections"] if s["id"] == SECTION)
    question = next(q for q in section["questions"] if q["id"] == QUESTION)
    if question["type"] != "long_text":
        raise SystemExit(f"{KEY} is a {question['type']}, the bench needs a long_text question")
    # Two words: a longer label may wrap at 100 columns and be split on screen.
    return " ".join(question["label"]["de"].split()[:2])


def commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=False
        ).stdout.strip()

    head = git("log", "-1", "--format=%h")
    if not head:
        return f"{ROOT} (not a git checkout)"
    # Others edit the same checkout: the app under test may hold uncommitted changes.
    return head + (
        " + uncommitted changes in kosi_tui/" if git("status", "--porcelain", "kosi_tui") else ""
    )


class App:
    """`kosi fill DRAFT` in a pty of its own, as the session leader with the pty as its terminal."""

    def __init__(self, draft: Path, env: dict[str, str]) -> None:
        self.output = bytearray()
        self.started = time.monotonic()
        self.primary, secondary = os.openpty()
        fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        try:
            # A controlling terminal, so that closing the pty hangs the app up as a closed
            # window does; no threads run here yet, so preexec_fn is safe.
            self.process = subprocess.Popen(
                [sys.executable, "-m", "kosi_tui", "fill", str(draft)],
                stdin=secondary,
                stdout=secondary,
                stderr=secondary,
                env=env,
                cwd=draft.parent,
                start_new_session=True,
                preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0),
            )
        finally:
            os.close(secondary)

    def pump(self, until: float) -> float:
        """Reads the screen output until the monotonic time `until`; returns when output last came.

        The app blocks once the pty buffer is full, so the bench reads whenever it waits.
        """
        last = 0.0
        while (left := until - time.monotonic()) > 0 and self.primary >= 0:
            ready, _, _ = select.select([self.primary], [], [], left)
            if not ready:
                break
            try:
                chunk = os.read(self.primary, 65536)
            except OSError:  # EIO: the app has exited and the pty is hung up
                chunk = b""
            if not chunk:
                time.sleep(min(0.01, max(0.0, until - time.monotonic())))
                if self.process.poll() is not None:
                    break
                continue
            self.output.extend(chunk)
            last = time.monotonic()
        return last

    def screen_text(self) -> str:
        return ANSI.sub(b"", bytes(self.output)).decode("utf-8", "replace")

    def wait_ready(self, marker: str) -> float:
        """Seconds from start until the question is drawn and the output has gone quiet."""
        deadline = self.started + START_TIMEOUT
        while marker not in self.screen_text():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the app never showed {marker!r}:\n{self.tail()}")
            self.pump(time.monotonic() + 0.05)
        last = time.monotonic()
        while time.monotonic() < deadline:
            came = self.pump(last + QUIET)
            if not came:
                return last - self.started
            last = came
        raise RuntimeError(f"the app never went quiet:\n{self.tail()}")

    def send(self, data: bytes) -> float:
        os.write(self.primary, data)
        return time.monotonic()

    def alive(self) -> bool:
        return self.process.poll() is None

    def wait_exit(self, timeout: float) -> bool:
        """Waits for the app to exit, reading its output meanwhile; False if it did not."""
        deadline = time.monotonic() + timeout
        while self.alive() and time.monotonic() < deadline:
            if self.primary < 0:
                time.sleep(0.02)
            self.pump(time.monotonic() + 0.05)
        return not self.alive()

    def hang_up(self) -> None:
        os.close(self.primary)
        self.primary = -1

    def tail(self, lines: int = 12) -> str:
        text = self.screen_text()
        return "\n".join(line.rstrip() for line in text.splitlines()[-lines:])

    def close(self) -> None:
        if self.alive():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        if self.primary >= 0:
            os.close(self.primary)
            self.primary = -1


@contextlib.contextmanager
def running(draft: Path, env: dict[str, str]) -> Iterator[App]:
    app = App(draft, env)
    try:
        yield app
    finally:
        app.close()


@dataclass
class Trial:
    """One typing run ended from outside, and what its draft held afterwards."""

    how: str
    typed_for: float
    sent: int
    saved: int
    lost: float
    torn: bool
    non_prefix: bool
    died_early: bool
    exited: bool
    leftovers: int
    ready: float
    echoed: bool
    note: str = ""


def read_answer(path: Path) -> tuple[str | None, bool]:
    """The answer in the draft (None if neither the draft nor its .bak reads) and whether torn."""
    texts: list[str | None] = []
    for candidate in (path, backup_path(path)):
        if candidate != path and not candidate.exists():
            continue
        try:
            texts.append(str(load_draft(candidate).answers.get(KEY) or ""))
        except (ProblemsError, OSError, UnicodeError):
            texts.append(None)
    torn = any(text is None for text in texts)
    # What a person reopening the draft would find: the draft, or else its backup.
    return next((text for text in texts if text is not None), None), torn


def type_until(app: App, text: str, rate: float, seconds: float) -> tuple[list[float], float]:
    """Types `text` at `rate` characters a second for `seconds`; returns send times, start."""
    start = time.monotonic()
    sent: list[float] = []
    for i, char in enumerate(text):
        due = start + i / rate
        if due >= start + seconds or not app.alive():
            break
        # Pace from the start, not from the previous key, so that slow writes do not add up.
        app.pump(due)
        sent.append(app.send(char.encode()))
    return sent, start


def trial(
    how: str,
    pristine: Path,
    folder: Path,
    env: dict[str, str],
    marker: str,
    rate: float,
    seconds: float,
) -> Trial:
    folder.mkdir()
    draft = folder / "draft.yaml"
    shutil.copyfile(pristine, draft)
    text = typed_text(int(seconds * rate) + 8)
    with running(draft, env) as app:
        ready = app.wait_ready(marker)
        drawn = len(app.output)
        sent, start = type_until(app, text, rate, seconds)
        died_early = not app.alive()
        exited = True
        note = ""
        if how == "SIGKILL":
            app.pump(start + seconds)
            end = time.monotonic()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(app.process.pid, signal.SIGKILL)
        else:
            app.pump(time.monotonic() + AFTER_TYPING)
            end = time.monotonic()
            if how == "terminal closed":
                app.hang_up()
            else:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(app.process.pid, getattr(signal, how))
            exited = app.wait_exit(EXIT_TIMEOUT)
        if died_early:
            note = f"app exited before the end ({app.process.returncode}):\n{app.tail()}"
        elif not exited:
            note = f"still running {EXIT_TIMEOUT:.0f} s after {how}; killed"
        # A saved answer proves the keys arrived; with nothing saved, the screen has to.
        first_words = text[: min(len(sent), len("Satz 1:"))]
        echoed = first_words in ANSI.sub(b"", bytes(app.output[drawn:])).decode("utf-8", "replace")
    answer, torn = read_answer(draft)
    typed = text[: len(sent)]
    saved_text = answer or ""
    non_prefix = not typed.startswith(saved_text)
    # With keys gone astray, count only what matches: the rest is not the person's text either.
    saved = next(
        (i for i, (a, b) in enumerate(zip(typed, saved_text, strict=False)) if a != b), None
    )
    if saved is None:
        saved = min(len(typed), len(saved_text))
    lost = 0.0 if saved >= len(sent) else end - sent[saved]
    if non_prefix:
        note = (note + "\n" if note else "") + f"saved {saved_text!r}"
    leftovers = sum(1 for p in folder.iterdir() if p.name.endswith(".tmp"))
    shutil.rmtree(folder)
    return Trial(
        how,
        end - start,
        len(sent),
        saved,
        lost,
        torn,
        non_prefix,
        died_early,
        exited,
        leftovers,
        ready,
        echoed,
        note,
    )


def calibrate(work: Path, env: dict[str, str], marker: str, rate: float) -> Path:
    """Checks that typed keys land in the question and are saved; returns the draft to start from.

    The draft from the example gets the focus on the question and an empty answer. After one clean
    save by the app it carries what the app writes on opening (the canvas fingerprint, say), so
    later runs do not start with a save of their own.
    """
    example = load_draft(EXAMPLE)
    example.position.section, example.position.question = SECTION, QUESTION
    example.answers.pop(KEY, None)
    draft = work / "calibration.yaml"
    draft.write_text(draft_to_yaml(example), encoding="utf-8")
    text = typed_text(24)
    with running(draft, env) as app:
        app.wait_ready(marker)
        type_until(app, text, rate, len(text) / rate)
        app.send(CTRL_S)
        deadline = time.monotonic() + 10
        answer: str | None = None
        while time.monotonic() < deadline:
            app.pump(time.monotonic() + 0.05)
            with contextlib.suppress(ProblemsError, OSError):
                answer = str(load_draft(draft).answers.get(KEY) or "")
                if answer == text:
                    break
        if answer != text:
            raise SystemExit(
                f"the typed keys did not reach {KEY}: typed {text!r}, the draft holds {answer!r}.\n"
                f"Screen:\n{app.tail(ROWS)}"
            )
        app.send(CTRL_Q)
        if not app.wait_exit(EXIT_TIMEOUT):
            print(f"note: Ctrl+Q did not end the app within {EXIT_TIMEOUT:.0f} s")
    saved = load_draft(draft)
    saved.answers.pop(KEY, None)
    pristine = work / "pristine.yaml"
    pristine.write_text(draft_to_yaml(saved), encoding="utf-8")
    return pristine


def save_ms(pristine: Path, work: Path) -> float:
    """The pure write path: one `DraftWriter.save` of the draft with a typed answer, fsync and all."""
    draft = load_draft(pristine)
    draft.answers[KEY] = typed_text(80)
    target = work / "write-path.yaml"
    writer = DraftWriter(target, draft.canvas.id)
    writer.save(draft)  # the first save has no .bak to copy; time the steady state
    return median_ms(lambda: writer.save(draft), 30)


def describe(t: Trial, index: int, total: int) -> str:
    flags = [
        *(["TORN"] if t.torn else []),
        *(["NON-PREFIX"] if t.non_prefix else []),
        *([] if t.echoed else ["NOT-ECHOED"]),
        *([f"{t.leftovers} temp file(s) left"] if t.leftovers else []),
    ]
    line = (
        f"  {t.how:<15} {index:>3}/{total}: typed {t.typed_for:4.1f} s, {t.sent:>3} sent, "
        f"{t.saved:>3} saved, lost {t.lost:4.1f} s {' '.join(flags)}"
    )
    return line + (("\n    " + t.note.replace("\n", "\n    ")) if t.note else "")


def report(
    kills: list[Trial], exits: list[Trial], save: float, ready: list[float], rate: float
) -> None:
    def row(label: str, value: str, target: str, ok: bool | None = None) -> None:
        mark = "" if ok is None else ("  ok" if ok else "  OVER")
        print(f"  {label:<40} {value:>20}   {target}{mark}")

    print()
    print(f"{'':<42} {'this run':>20}   target / baseline")
    lost = [t.lost for t in kills]
    torn = sum(t.torn for t in kills)
    row("SIGKILL while typing: kills", str(len(kills)), f"{rate:g} characters a second")
    row("torn drafts (draft or .bak unreadable)", str(torn), "0", torn == 0)
    non_prefix = sum(t.non_prefix for t in kills)
    row("saved text not a prefix of typed", str(non_prefix), "0", non_prefix == 0)
    if lost:
        row("typing lost, median", f"{statistics.median(lost):.1f} s", f"<= {TARGET_LOST:g} s")
        row(
            "typing lost, max",
            f"{max(lost):.1f} s",
            f"<= {TARGET_LOST:g} s",
            max(lost) <= TARGET_LOST,
        )
        over = sum(x > TARGET_LOST for x in lost)
        row(f"kills losing more than {TARGET_LOST:g} s", f"{over} of {len(kills)}", "0")
        row("characters lost, max", str(max(t.sent - t.saved for t in kills)), "")
    silent = sum(not t.echoed for t in kills + exits)
    row(
        "typing not seen on screen",
        str(silent),
        "0 (else the bench typed into nothing)",
        silent == 0,
    )
    died = sum(t.died_early for t in kills + exits)
    row("app died on its own", str(died), "0", died == 0)
    leftovers = sum(t.leftovers for t in kills + exits)
    row("temp files left beside the draft", str(leftovers), "(reported)")
    for how in dict.fromkeys(t.how for t in exits):
        runs = [t for t in exits if t.how == how]
        lost_all = sum(t.saved == 0 and t.sent > 0 for t in runs)
        worst = max(t.lost for t in runs)
        chars = max(t.sent - t.saved for t in runs)
        stuck = sum(not t.exited for t in runs)
        value = f"max {worst:.1f} s / {chars} ch"
        row(
            f"{how} {AFTER_TYPING:g} s after typing, lost",
            value,
            "0 (flushed on the way out)",
            worst == 0,
        )
        row("  ... runs losing everything typed", f"{lost_all} of {len(runs)}", "0")
        if stuck:
            row(
                f"  ... still running after {EXIT_TIMEOUT:g} s",
                f"{stuck} of {len(runs)}",
                "0",
                False,
            )
    torn_exits = sum(t.torn or t.non_prefix for t in exits)
    if torn_exits:
        row("  ... torn or non-prefix after a signal", str(torn_exits), "0", False)
    print("  baseline, same run:")
    row("  the limit: loss while typing", f"{TARGET_LOST:g} s", "the issue's promise")
    row("  the floor: one DraftWriter.save", f"{save:.1f} ms", "median of 30, with fsync")
    if ready:
        row(
            "  start-up to question drawn",
            f"{statistics.median(ready):.2f} s",
            "median (for scale)",
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=50, help="SIGKILLs while typing (50)")
    parser.add_argument("--exits", type=int, default=3, help="runs per SIGHUP/close/SIGTERM (3)")
    parser.add_argument("--rate", type=float, default=11.0, help="characters a second (11)")
    parser.add_argument("--seed", type=int, default=1, help="for the kill moments (1)")
    parser.add_argument("--quick", action="store_true", help="8 kills, 1 run per signal")
    args = parser.parse_args()
    if args.quick:
        args.kills, args.exits = 8, 1

    # A terminated bench must still kill its app and remove its folders: make it an exception.
    def stop(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    # SIGINT too: a shell starting the bench in the background hands it SIGINT ignored.
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, stop)

    rng = random.Random(args.seed)
    marker = screen_marker()
    work = Path(tempfile.mkdtemp(prefix="kosi-crash-bench-"))
    # `python -m kosi_tui` is the `kosi` command; PYTHONPATH makes it the checkout this bench
    # lives in, whichever one the environment has installed.
    path = os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])
    env = dict(
        os.environ,
        KOSI_HOME=str(work / "home"),
        TERM="xterm-256color",
        KOSI_LANG="de",
        PYTHONPATH=path,
    )
    for var in ("KOSI_PLAIN", "NO_COLOR", "TEXTUAL"):
        env.pop(var, None)
    print(f"crash bench on {commit()}: kosi fill DRAFT in a {COLS}x{ROWS} pty, typing into {KEY}")
    print(f"at {args.rate:g} characters a second; seed {args.seed}")
    kills: list[Trial] = []
    exits: list[Trial] = []
    save = 0.0
    try:
        pristine = calibrate(work, env, marker, args.rate)
        print(f"keys land in {KEY}: typed, Ctrl+S, read back from the draft - ok")
        save = save_ms(pristine, work)
        for i in range(args.kills):
            seconds = rng.uniform(*TYPING_SECONDS)
            t = trial("SIGKILL", pristine, work / f"kill-{i}", env, marker, args.rate, seconds)
            kills.append(t)
            print(describe(t, i + 1, args.kills), flush=True)
        plan = [
            (how, i) for i in range(args.exits) for how in ("SIGHUP", "terminal closed", "SIGTERM")
        ]
        for n, (how, i) in enumerate(plan):
            seconds = rng.uniform(*EXIT_TYPING_SECONDS)
            t = trial(how, pristine, work / f"exit-{n}", env, marker, args.rate, seconds)
            exits.append(t)
            print(describe(t, i + 1, args.exits), flush=True)
    except KeyboardInterrupt:
        print("\ninterrupted; figures so far:")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if kills or exits:
        ready = [t.ready for t in kills + exits]
        report(kills, exits, save, ready, args.rate)


if __name__ == "__main__":
    main()
