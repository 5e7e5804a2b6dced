"""`kosi preview`: a saved change shows at the same question with the typed answers kept; a save
with mistakes shows them (FILE:LINE) above the last good canvas."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from kosi_tui.cli import main
from kosi_tui.faces.tui.preview import FileWatch, PreviewApp, PreviewFillScreen, PreviewWaiting

CANVAS = """\
format: kosi-canvas/1
id: vorschau
version: 0.1.0
languages: [de]
title: Vorschau-Test
sections:
  - id: eins
    title: Eins
    questions:
      - {id: name, type: short_text, label: Name}
  - id: zwei
    title: Zwei
    questions:
      - {id: ort, type: short_text, label: Ort}
      - {id: ziel, type: short_text, label: LABEL}
"""


async def until(pilot: Any, condition: Callable[[], bool], seconds: float = 20.0) -> None:
    """Waits on the app until `condition` holds (the file is looked at by a timer)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the preview did not get there in time"
        await pilot.pause(0.02)


def shown(app: PreviewApp) -> str:
    return "\n".join(str(widget.render()) for widget in app.screen.query(Static))


def fill_screen(app: PreviewApp) -> PreviewFillScreen:
    screen = app.screen
    assert isinstance(screen, PreviewFillScreen)
    return screen


def ready(app: PreviewApp, reloads: int) -> bool:
    """The canvas as saved the `reloads`-th time is on screen, a question has the focus."""
    screen = app.screen
    return (
        app.reloads == reloads
        and isinstance(screen, PreviewFillScreen)
        and screen.ready.is_set()
        and screen.focused_key is not None
    )


async def test_a_saved_change_shows_at_the_same_question_with_the_answers_kept(
    tmp_path: Path,
) -> None:
    canvas = tmp_path / "vorschau.kosi.yaml"
    canvas.write_text(CANVAS.replace("LABEL", "Ihr Ziel"), encoding="utf-8")
    app = PreviewApp("de", canvas, interval=0.05, folder=tmp_path / "antworten")
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: ready(app, 1))
        await pilot.press("f8")  # to section "Zwei"
        await until(pilot, lambda: fill_screen(app).focused_key == "zwei.ort")
        await pilot.press(*"Leipzig", "tab", *"Radwege")
        await until(pilot, lambda: fill_screen(app).focused_key == "zwei.ziel")
        await pilot.pause()
        assert "Ihr Ziel" in shown(app)

        canvas.write_text(CANVAS.replace("LABEL", "Was wollen Sie erreichen?"), encoding="utf-8")
        await until(pilot, lambda: ready(app, 2))
        screen = fill_screen(app)
        assert screen.index == 1 and screen.focused_key == "zwei.ziel"
        answers = screen.filling.session.answers
        assert answers["zwei.ort"] == "Leipzig" and answers["zwei.ziel"] == "Radwege"
        await pilot.pause()
        text = shown(app)
        assert "Was wollen Sie erreichen?" in text and "Ihr Ziel" not in text

        # A save with a mistake: the problem with file and line, the last good canvas stays.
        canvas.write_text(CANVAS.replace("LABEL", "[kaputt"), encoding="utf-8")
        await until(pilot, lambda: bool(app.problems))
        assert app.screen is screen and app.reloads == 2
        bar = str(screen.query_one("#preview-problems", Static).render())
        assert f"{canvas}:15:" in bar
        assert screen.display and screen.query_one("#preview-problems").display
        await pilot.press(*" mit dem Rad")
        assert screen.filling.session.answers["zwei.ziel"] == "Radwege mit dem Rad"

        # Put right again: shown, the bar gone, the answers still there.
        canvas.write_text(CANVAS.replace("LABEL", "Ziel"), encoding="utf-8")
        await until(pilot, lambda: ready(app, 3))
        screen = fill_screen(app)
        assert not screen.query_one("#preview-problems").display
        assert screen.filling.session.answers["zwei.ziel"] == "Radwege mit dem Rad"
        assert screen.focused_key == "zwei.ziel"


async def test_a_file_broken_from_the_start_shows_its_problems_until_it_is_put_right(
    tmp_path: Path,
) -> None:
    canvas = tmp_path / "neu.kosi.yaml"
    canvas.write_text("format: kosi-canvas/1\nid: neu\n", encoding="utf-8")
    app = PreviewApp("en", canvas, interval=0.05, folder=tmp_path / "antworten")
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: bool(app.problems))
        assert isinstance(app.screen, PreviewWaiting)
        assert f"{canvas}:" in shown(app) and "errors" in shown(app)
        canvas.write_text(CANVAS.replace("LABEL", "Goal"), encoding="utf-8")
        await until(pilot, lambda: ready(app, 1))


def test_the_watch_sees_a_save_of_the_same_size_and_time(tmp_path: Path) -> None:
    import os

    path = tmp_path / "c.yaml"
    path.write_text("aaaa", encoding="utf-8")
    watch = FileWatch(path)
    assert watch.changed()
    assert not watch.changed()
    stat = os.stat(path)
    path.write_text("bbbb", encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # a file system with coarse times
    assert watch.changed()
    assert not watch.changed()


def test_preview_without_a_terminal_says_how_to_check_instead(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    canvas = tmp_path / "c.kosi.yaml"
    canvas.write_text(CANVAS.replace("LABEL", "Ziel"), encoding="utf-8")
    assert main(["preview", str(canvas)]) == 1
    assert f"kosi validate {canvas}" in capsys.readouterr().out
