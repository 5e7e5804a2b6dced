"""What is typed lands in the field that had the focus when it was typed: the real app in a
terminal, keys 20 ms apart, the machine busy with processes that burn CPU.

Textual handed keys typed right after Tab to the field just left: "Ratsvorlage", Tab, "Amt 61",
Tab, "März" in the row dialog saved one step "RatsvorlageAmt 61März". Pilot's `press` waits until
the app is idle after each key and never showed it; a terminal does.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from kosi_tui.storage.draft_file import load_draft
from tests.app.terminal import Terminal
from tests.conftest import ROOT

pytestmark = pytest.mark.process

GAP = 0.02
"""Seconds between keys: a quick typist."""
TAB, ENTER, DOWN, CTRL_S, CTRL_Q = b"\t", b"\r", b"\x1b[B", b"\x13", b"\x11"


def keys(*parts: str | bytes) -> list[bytes]:
    """Each character of a text as one key; bytes are one key each (Tab, arrows)."""
    out: list[bytes] = []
    for part in parts:
        if isinstance(part, bytes):
            out.append(part)
        else:
            out += [c.encode() for c in part]
    return out


@pytest.fixture
def busy_machine() -> Iterator[None]:
    """A process per core that computes without pause, ended after the test."""
    burners = [
        subprocess.Popen([sys.executable, "-c", "while True: pass"])
        for _ in range(os.cpu_count() or 2)
    ]
    try:
        yield
    finally:
        for burner in burners:
            burner.kill()
            burner.wait()


def draft_at(folder: Path, section: str, question: str, emptied: list[str]) -> Path:
    """The example draft, opened at `section.question`, without the answers in `emptied`."""
    data: dict[str, Any] = yaml.safe_load(
        (ROOT / "examples" / "innovationslabor.answers.yaml").read_text()
    )
    for key in emptied:
        data["answers"].pop(key, None)
    data["position"] = {"section": section, "question": question}
    path = folder / "entwurf.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    return path


def typed_into(draft: Path, home: Path, ready: bytes, typing: list[bytes]) -> dict[str, Any]:
    """Types into `kosi fill DRAFT` once `ready` is on screen, quits, returns the saved answers."""
    term = Terminal(draft, home)
    try:
        term.read_until(ready, timeout=120)
        term.type_keys([*typing, CTRL_Q], GAP)
        assert term.wait(timeout=120) == 0, term.text.decode("utf-8", "replace")[-2000:]
    finally:
        term.close()
    return load_draft(draft).answers


def test_typing_through_the_row_dialog(tmp_path: Path, kosi_home: Path, busy_machine: None) -> None:
    draft = draft_at(tmp_path, "schritte", "liste", ["schritte.liste"])
    # Enter on '+ Zeile hinzufügen' opens the dialog, Ctrl+S takes the row, twice.
    typing = keys(ENTER, "Ratsvorlage", TAB, "Amt 61", TAB, "März", CTRL_S)
    typing += keys(ENTER, "Runder Tisch", TAB, "Quartiersverein", TAB, "30.04.", CTRL_S)
    answers = typed_into(draft, kosi_home, "Zeile hinzufügen".encode(), typing)
    assert answers["schritte.liste"] == [
        {"schritt": "Ratsvorlage", "wer": "Amt 61", "wann": "März"},
        {"schritt": "Runder Tisch", "wer": "Quartiersverein", "wann": "30.04."},
    ]


def test_typing_through_a_section_and_into_the_next(
    tmp_path: Path, kosi_home: Path, busy_machine: None
) -> None:
    basis = ["organisation", "einwohner", "rolle", "stand", "datum"]
    emptied = [f"basis.{q}" for q in basis] + ["anlass.herausforderung"]
    draft = draft_at(tmp_path, "basis", "organisation", emptied)
    typing = keys(
        "Stadt Lindenau",
        TAB,
        "48000",
        TAB,
        DOWN,  # the second role, Amtsleitung
        b" ",
        TAB,
        b" ",  # the first stage, Idee
        TAB,
        "01.03.2027",
        TAB,  # to 'Weiter →'
        ENTER,  # the next section: its first question has the focus
        "Gelände am Bahnhof",
    )
    answers = typed_into(draft, kosi_home, "Für welche Kommune".encode(), typing)
    assert {key: str(answers.get(key)) for key in emptied} == {
        "basis.organisation": "Stadt Lindenau",
        "basis.einwohner": "48000",
        "basis.rolle": "amtsleitung",
        "basis.stand": "idee",
        "basis.datum": "2027-03-01",
        "anlass.herausforderung": "Gelände am Bahnhof",
    }
