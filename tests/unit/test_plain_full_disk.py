"""Plain mode on a disk that takes nothing: every answer says it is NOT saved, `:w PATH` saves
elsewhere, and kosi never ends without the answers written somewhere (an emergency copy, named on
screen, exit 1).

The unit tests make the disk full by refusing the atomic writer's temporary files in one folder
with ENOSPC; the system test fills a real tmpfs (needs root)."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kosi_tui.faces.filling import Filling
from kosi_tui.faces.plain import start_plain
from kosi_tui.storage import atomic
from kosi_tui.storage.canvas_file import load_canvas
from kosi_tui.storage.draft_file import load_draft
from kosi_tui.storage.draft_lock import holder
from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "innovationslabor.answers.yaml"
ANSWERS = [">>", "1", "Stadt Nord", "54321", "3", "2"]
"""To section 1, then: organisation, inhabitants, role (Stabsstelle), stage (Konzeptphase)."""
EXPECTED = {
    "basis.organisation": "Stadt Nord",
    "basis.einwohner": 54321,
    "basis.rolle": "stab",
    "basis.stand": "konzept",
}


def feed(lines: list[str]) -> Callable[[], str | None]:
    queue = [line + "\n" for line in lines]
    return lambda: queue.pop(0) if queue else None


def draft_on_disk(kosi_home: Path) -> Path:
    disk = kosi_home.parent / "disk"
    disk.mkdir(parents=True)
    path = disk / "entwurf.yaml"
    path.write_bytes(EXAMPLE.read_bytes())
    return path


@contextlib.contextmanager
def full(monkeypatch: pytest.MonkeyPatch, *folders: Path) -> Iterator[None]:
    """No new file fits into `folders` (every file kosi writes starts as a temporary file)."""
    real = atomic._durable_temp

    def no_space(beside: Path, data: bytes, suffix: str = ".tmp") -> str:
        if any(beside.parent.absolute().is_relative_to(f) for f in folders):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(beside, data, suffix)

    with monkeypatch.context() as patch:
        patch.setattr(atomic, "_durable_temp", no_space)
        yield


def copy_named_in(text: str) -> Path:
    found = re.search(r"Notfallkopie: (\S+\.yaml)", text)
    assert found, text
    return Path(found.group(1))


def test_every_answer_says_not_saved_and_an_emergency_copy_holds_them(
    kosi_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = draft_on_disk(kosi_home)
    before = path.read_bytes()
    filling = Filling.open(path)
    out = io.StringIO()
    with full(monkeypatch, path.parent):
        status = start_plain(filling, "de", feed([*ANSWERS, ":q"]), out)
    text = out.getvalue()
    assert status == 1
    assert "✓ Erfasst" not in text
    assert text.count("Erfasst, aber NICHT gespeichert") == len(EXPECTED)
    assert text.count("Der Datenträger ist voll") >= len(EXPECTED)
    assert ":w PFAD" in text
    copy = copy_named_in(text)
    assert copy.parent == kosi_home / "drafts"  # the user data folder
    answers = load_draft(copy).answers
    assert {k: answers[k] for k in EXPECTED} == EXPECTED
    assert path.read_bytes() == before  # the full disk's file untouched


def test_the_temp_folder_takes_the_copy_when_the_data_folder_is_full_too(
    kosi_home: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = draft_on_disk(kosi_home)
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr("tempfile.tempdir", None)  # read TMPDIR again
    out = io.StringIO()
    with full(monkeypatch, path.parent, kosi_home):
        assert start_plain(Filling.open(path), "de", feed(ANSWERS), out) == 1
    copy = copy_named_in(out.getvalue())
    assert copy.parent == temp
    answers = load_draft(copy).answers
    assert {k: answers[k] for k in EXPECTED} == EXPECTED


def test_nowhere_to_write_puts_the_answers_on_the_screen(
    kosi_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = draft_on_disk(kosi_home)
    out = io.StringIO()
    with full(monkeypatch, Path("/")):
        assert start_plain(Filling.open(path), "en", feed(ANSWERS), out) == 1
    text = out.getvalue()
    assert "no emergency copy could be written anywhere" in text
    assert "basis.organisation: Stadt Nord\n" in text
    assert "basis.einwohner: 54321\n" in text


def test_w_saves_elsewhere_and_later_answers_go_there(
    kosi_home: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = draft_on_disk(kosi_home)
    stick = tmp_path / "stick"
    stick.mkdir()
    script = [*ANSWERS[:4], f":w {stick}", *ANSWERS[4:], ":q"]
    out = io.StringIO()
    with full(monkeypatch, path.parent):
        assert start_plain(Filling.open(path), "de", feed(script), out) == 0
    text = out.getvalue()
    saved = stick / "entwurf.yaml"
    assert f"Gespeichert: {saved}" in text
    assert "✓ Erfasst: Stabsstelle" in text  # saved again, and said so
    assert load_draft(saved).answers | EXPECTED == load_draft(saved).answers


def test_a_refused_w_leaves_the_draft_where_it_was(
    kosi_home: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = draft_on_disk(kosi_home)
    not_a_folder = tmp_path / "datei.txt"
    not_a_folder.write_text("")
    script = [*ANSWERS[:3], f":w {not_a_folder / 'entwurf.yaml'}", *ANSWERS[3:], ":q"]
    out = io.StringIO()
    with full(monkeypatch, path.parent):
        assert start_plain(Filling.open(path), "de", feed(script), out) == 1
    text = out.getvalue()
    assert f"NICHT gespeichert: {path}." in text  # the draft's own file, not the refused place
    answers = load_draft(copy_named_in(text)).answers
    assert {k: answers[k] for k in EXPECTED} == EXPECTED


def test_ctrl_c_still_leaves_an_emergency_copy(
    kosi_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = draft_on_disk(kosi_home)
    lines = feed(ANSWERS)

    def read() -> str | None:
        line = lines()
        if line is None:
            raise KeyboardInterrupt
        return line

    out = io.StringIO()
    with full(monkeypatch, path.parent):
        assert start_plain(Filling.open(path), "de", read, out) == 130
    answers = load_draft(copy_named_in(out.getvalue())).answers
    assert {k: answers[k] for k in EXPECTED} == EXPECTED


def test_ctrl_c_while_open_questions_are_offered_at_the_end_leaves_an_emergency_copy(
    kosi_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The minimal canvas's first (required) question skipped by jumping away, the rest answered;
    # at the end it is offered again and the person presses Ctrl+C there.
    canvas = load_canvas(ROOT / "tests" / "data" / "good" / "minimal.yaml")
    disk = kosi_home.parent / "disk"
    disk.mkdir(parents=True)
    path = disk / "entwurf.yaml"
    filling = Filling.start(canvas, "Stadt", "Erika", "de", path=path)
    lines = feed([">>", "2", "Amt", "1", "", "", "", "", "", ""])

    def read() -> str | None:
        line = lines()
        if line is None:
            raise KeyboardInterrupt
        return line

    out = io.StringIO()
    with full(monkeypatch, disk):
        assert start_plain(filling, "de", read, out, interactive=True) == 130
    text = out.getvalue()
    assert "Offene Pflichtfragen: 1." in text
    answers = load_draft(copy_named_in(text)).answers
    assert answers["akteure.tabelle"][0]["name"] == "Amt"
    assert holder(path) is None  # the open-here mark went with the session


def test_w_with_a_home_folder_of_nobody_is_refused_not_a_crash(kosi_home: Path) -> None:
    # '~Desktop/x.yaml' (the slash forgotten): pathlib raises for a user that does not exist.
    path = draft_on_disk(kosi_home)
    out = io.StringIO()
    lines = [":w ~kosi-nobody-here/entwurf.yaml", ":q"]
    assert start_plain(Filling.open(path), "de", feed(lines), out, interactive=True) == 2
    text = out.getvalue()
    assert "„~kosi-nobody-here/entwurf.yaml“: Diesen Benutzerordner gibt es hier nicht" in text
    assert f"Gespeichert: {path}" in text


def test_question_help_names_the_save_elsewhere_command(kosi_home: Path) -> None:
    path = draft_on_disk(kosi_home)
    out = io.StringIO()
    start_plain(Filling.open(path), "en", feed(["?", ":q"]), out)
    assert ":w PATH to save somewhere else" in out.getvalue()


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 256 KB tmpfs (needs root, and a kernel that lets this process mount)."""
    if os.name != "posix" or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(disk)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs: {mounted.stderr.decode(errors='replace')}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


@pytest.mark.system
@pytest.mark.process
def test_a_really_full_disk_under_plain_mode(small_disk: Path, tmp_path: Path) -> None:
    home = small_disk / "kosi-home"
    path = home / "drafts" / "entwurf.yaml"
    path.parent.mkdir(parents=True)
    path.write_bytes(EXAMPLE.read_bytes())
    # Fill the disk to the last byte.
    fd = os.open(small_disk / "filler", os.O_WRONLY | os.O_CREAT)
    with contextlib.suppress(OSError):
        while os.write(fd, b"\0" * 512):
            pass
    os.close(fd)
    temp = tmp_path / "temp"
    temp.mkdir()
    env = {**os.environ, "KOSI_HOME": str(home), "KOSI_LANG": "de", "TMPDIR": str(temp)}
    result = subprocess.run(
        [sys.executable, "-m", "kosi_tui", "fill", "--plain", str(path)],
        input="".join(line + "\n" for line in [*ANSWERS, ":q"]),
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=False,
        timeout=120,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.count("Erfasst, aber NICHT gespeichert") == len(EXPECTED)
    assert "Traceback" not in result.stderr
    copy = copy_named_in(result.stdout)
    assert copy.parent == temp
    answers = load_draft(copy).answers
    assert {k: answers[k] for k in EXPECTED} == EXPECTED
    assert load_draft(path).answers["basis.organisation"] != "Stadt Nord"  # not torn either
