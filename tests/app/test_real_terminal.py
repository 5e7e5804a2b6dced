"""The real app in a pseudo-terminal: bytes that are not UTF-8 do not end it, and closing the
terminal (SIGHUP) or being told to stop (SIGTERM) right after typing keeps what was typed."""

from __future__ import annotations

import select
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from kosi_tui.storage.draft_file import load_draft
from tests.app.terminal import Terminal
from tests.conftest import ROOT

pytestmark = pytest.mark.process

KEY = "anlass.ausloeser"


def make_draft(folder: Path) -> Path:
    """The example draft with the focus on an empty long-text question."""
    data = yaml.safe_load((ROOT / "examples" / "innovationslabor.answers.yaml").read_text())
    data["answers"].pop(KEY, None)
    data["position"] = {"section": "anlass", "question": "ausloeser"}
    path = folder / "entwurf.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    return path


@pytest.fixture
def terminal(tmp_path: Path, kosi_home: Path) -> Iterator[tuple[Terminal, Path]]:
    draft = make_draft(tmp_path)
    term = Terminal(draft, kosi_home)
    try:
        term.read_until(b"Warum jetzt?", timeout=60)
        term.drain()
        yield term, draft
    finally:
        term.close()


def saved_answer(draft: Path) -> str:
    return str(load_draft(draft).answers.get(KEY) or "")


def wait_for_answer(term: Terminal, draft: Path, expected: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while saved_answer(draft) != expected:
        assert term.process.poll() is None, "the app ended"
        assert time.monotonic() < deadline, f"saved: {saved_answer(draft)!r}"
        term.drain()
        select.select([term.master], [], [], 0.05)


def test_a_byte_that_is_not_utf8_is_replaced_and_the_app_goes_on(
    terminal: tuple[Terminal, Path],
) -> None:
    term, draft = terminal
    term.type(b"Stra\xdfe")  # Latin-1 "Straße" from a terminal set to another encoding
    term.type(b" und mehr")
    term.type(b"\x13")  # Ctrl+S
    wait_for_answer(term, draft, "Stra\ufffde und mehr")
    term.type(b"\x11")  # Ctrl+Q
    assert term.wait() == 0
    term.drain()
    # On the way out kosi says where the draft is and how to go on with it.
    said = term.text.decode("utf-8", "replace")
    assert f"Ihr Entwurf ist gespeichert: {draft}" in said
    # Started as python -m kosi_tui: the same interpreter, so the line works in any shell.
    assert f"{Path(sys.executable).absolute()} -m kosi_tui fill {draft}" in said


@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGTERM])
def test_closing_the_terminal_right_after_typing_keeps_the_text(
    terminal: tuple[Terminal, Path], sig: signal.Signals
) -> None:
    term, draft = terminal
    term.type(b"Zuletzt getippt")
    # The keys must have reached the app before the signal: wait until it has drawn them.
    term.read_until(b"getippt")
    term.process.send_signal(sig)
    term.wait()
    assert saved_answer(draft) == "Zuletzt getippt"


@pytest.mark.parametrize("where", ["start page", "filling"])
def test_escape_sequences_in_a_draft_never_reach_the_terminal(
    tmp_path: Path, kosi_home: Path, where: str
) -> None:
    hostile = (ROOT / "tests" / "data" / "hostile" / "terminal_escapes.yaml").read_bytes()
    drafts = kosi_home / "drafts"
    drafts.mkdir(parents=True)
    draft = drafts / "feindlich.yaml"
    # Opened at the question whose answer holds the escapes.
    draft.write_bytes(hostile + b"position: {section: anlass, question: ausloeser}\n")
    term = Terminal(draft, kosi_home) if where == "filling" else Terminal(None, kosi_home)
    try:
        # The organisation, shown harmlessly, proves the draft's text is on screen.
        term.read_until(b"\\x1b[2J" if where == "start page" else b"Glocke", timeout=60)
        term.drain()
    finally:
        term.close()
    for sequence in (b"\x1b]0;PWNED", b"\x1b[31mrot", b"\x1b]8;;http://evil", b"\x1b[5m blinkt"):
        assert sequence not in term.screen, sequence
