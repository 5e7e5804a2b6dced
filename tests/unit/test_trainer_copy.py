"""The trainer's blank copy cannot be mistaken for the participants': it says so on every page of
the PDF (head and foot), at the top of Markdown and HTML, and it has a file name of its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from kosi_tui.cli import main

pypdf = pytest.importorskip("pypdf", reason="the test extra brings pypdf")
pytest.importorskip("typst", reason="the pdf extra brings typst")

MARK = "Moderationsexemplar – nicht austeilen"


def _pages(path: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages]


def test_every_page_of_the_trainer_copy_is_marked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["report", "--blank", "innovationslabor", "--format", "pdf"]) == 0
    assert main(["report", "--blank", "innovationslabor", "--trainer", "--format", "pdf"]) == 0
    # Both written, each under its own name: the second did not meet the first.
    participants = _pages(tmp_path / "innovationslabor-blanko.pdf")
    trainer = _pages(tmp_path / "innovationslabor-moderation.pdf")
    assert len(trainer) > 3
    # At the head and at the foot of every page.
    assert all(page.count(MARK) == 2 for page in trainer), [p[:80] for p in trainer]
    assert "Bitte nicht an Teilnehmende austeilen" in trainer[0]
    assert not any("Moderationsexemplar" in page for page in participants)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_trainer_copy_says_so_at_the_top(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"moderation.{fmt}"
    assert main(["report", "--blank", "innovationslabor", "--trainer", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    intro = text.index("Moderationsexemplar mit den Hinweisen")
    assert intro < text.index("1. Rahmendaten")
    if fmt == "html":
        assert MARK in text.split("</style>")[0], "in the printed page's footer"
    english = tmp_path / f"facilitator.{fmt}"
    args = ["report", "--blank", "innovationslabor", "--trainer", "--lang", "en"]
    assert main([*args, "-o", str(english)]) == 0
    assert "Facilitator's copy with the notes" in english.read_text(encoding="utf-8")
