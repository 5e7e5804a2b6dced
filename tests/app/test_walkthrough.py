"""A keyboard walk-through of every screen and dialog, at 80x24 and 120x40, in German and English.

After each step: the focused widget, and the hint and message of the question it belongs to, lie
fully inside the visible screen; every scrollable view reaches its last line by keyboard alone.
This is what a new user meets first, and what the snapshots (which only see the top) missed.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.containers import ScrollableContainer
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Static

from kosi_tui.faces.tui.app import KosiApp, Start
from kosi_tui.faces.tui.dialogs.confirm_dialog import ConfirmDialog
from kosi_tui.faces.tui.dialogs.new_draft_dialog import NewDraftDialog
from kosi_tui.faces.tui.dialogs.row_dialog import RowDialog
from kosi_tui.faces.tui.screens.fill import FillScreen
from kosi_tui.faces.tui.screens.home import HomeScreen
from kosi_tui.faces.tui.screens.review import ReviewScreen
from kosi_tui.faces.tui.widgets.question import QuestionWidget
from kosi_tui.faces.tui.widgets.table_question import TableQuestion
from tests.app.driver import EXAMPLE, fully_visible

# The worst case runs daily (the smallest screen, the longer German words); the rest of the
# matrix in the full tier.
SIZES = [
    pytest.param((80, 24), id="80x24"),
    pytest.param((120, 40), id="120x40", marks=pytest.mark.full),
]
LANGS = ["de", pytest.param("en", marks=pytest.mark.full)]


def question_of(widget: Widget | None) -> QuestionWidget | None:
    while widget is not None and not isinstance(widget, QuestionWidget):
        widget = widget.parent  # type: ignore[assignment]
    return widget


async def assert_in_view(pilot: Pilot[Any], app: KosiApp, step: str, layouts: int = 10) -> None:
    """The focused widget, and its question's hint and message, are fully on screen once the
    screen has settled: a question scrolls itself into view after the layout that follows a key
    (`QuestionWidget.keep_in_view`), so under load the first look can come one layout early.
    Waits on the app (never on the clock), for at most `layouts` idle rounds."""
    for _ in range(layouts):
        if not _view_problem(app, step):
            return
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
    problem = _view_problem(app, step)
    assert not problem, problem


def _view_problem(app: KosiApp, step: str) -> str:
    """What is not on screen that should be, or an empty string."""
    focused = app.focused
    if focused is None:
        return f"{step}: nothing has the focus"
    if not visible_enough(focused):
        return f"{step}: {focused!r} is not on screen"
    question = question_of(focused)
    if question is None:
        return ""
    for line in question.query(".question-hint, .question-error").results(Static):
        if line.display and not fully_visible(line):
            return f"{step}: the {line.classes} line of {question.key}"
    return ""


def visible_enough(widget: Widget) -> bool:
    """Fully visible; a widget taller than its view (a long text area) at least in part."""
    if fully_visible(widget):
        return True
    view = next((a for a in widget.ancestors if isinstance(a, ScrollableContainer)), None)
    if view is None or widget.outer_size.height <= view.scrollable_content_region.height:
        return False
    try:
        geometry = widget.screen.find_widget(widget)
    except Exception:
        return False
    return geometry.region.intersection(geometry.clip).height >= 3


async def assert_scrolls_to_end(pilot: Pilot[Any], view: Widget, key: str, step: str) -> None:
    for _ in range(80):
        if view.scroll_y >= view.max_scroll_y:
            break
        await pilot.press(key)
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
    assert view.scroll_y == view.max_scroll_y, f"{step}: {view!r} stops before its end"


@pytest.fixture
def draft(kosi_home: Path) -> Path:
    (kosi_home / "drafts").mkdir(parents=True)
    path = kosi_home / "drafts" / "musterstadt.yaml"
    shutil.copy(EXAMPLE, path)
    return path


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES)
async def test_home_and_its_dialogs(draft: Path, lang: str, size: tuple[int, int]) -> None:
    app = KosiApp(lang)
    app.animation_level = "none"
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await assert_in_view(pilot, app, "home")
        await pilot.press("end")
        await assert_in_view(pilot, app, "home, last canvas")
        await pilot.press("tab")
        await assert_in_view(pilot, app, "home, drafts")
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await assert_in_view(pilot, app, "delete dialog")
        await pilot.press("escape")
        await pilot.press("shift+tab", "home", "enter")
        await pilot.pause()
        assert isinstance(app.screen, NewDraftDialog)
        await assert_in_view(pilot, app, "new-draft dialog")
        await pilot.press("enter")  # no organisation yet: a message under the field
        await pilot.pause()
        await assert_in_view(pilot, app, "new-draft dialog, message")
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await assert_in_view(pilot, app, "command palette")


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES)
async def test_every_question_of_every_section(
    draft: Path, lang: str, size: tuple[int, int]
) -> None:
    app = KosiApp(lang, Start("draft", draft))
    app.animation_level = "none"
    async with app.run_test(size=size) as pilot:
        fill = app.screen
        assert isinstance(fill, FillScreen)
        await fill.ready.wait()
        sections = fill.filling.canvas.canvas.sections
        for number in range(len(sections)):
            await fill.jump_to_section(number)
            await pilot.pause()
            keys = [w.key for w in fill.query(QuestionWidget) if w.display]
            seen: set[str] = set()
            for _ in range(200):  # Tab through the section, up to its buttons
                await assert_in_view(pilot, app, f"section {number + 1}, {fill.focused_key}")
                question = question_of(app.focused)
                if question is not None:
                    seen.add(question.key)
                elif seen:
                    break
                await pilot.press("tab")
                await pilot.pause()
            answerable = {
                k for k in keys if fill.filling.canvas.compiled.questions[k].question.answerable
            }
            assert answerable <= seen, (
                f"section {number + 1}: Tab never reached {answerable - seen}"
            )
            # The section's last line: its buttons, reached by Tab.
            buttons = fill.query_one("#nav")
            for _ in range(3):
                if app.focused is not None and app.focused.parent is buttons:
                    break
                await pilot.press("tab")
                await pilot.pause()
            assert app.focused is not None and app.focused.parent is buttons
            assert all(fully_visible(b) for b in buttons.children), f"section {number + 1}"


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES)
async def test_messages_lists_tables_and_the_overview(
    draft: Path, lang: str, size: tuple[int, int]
) -> None:
    app = KosiApp(lang, Start("draft", draft))
    app.animation_level = "none"
    async with app.run_test(size=size) as pilot:
        fill = app.screen
        assert isinstance(fill, FillScreen)
        await fill.ready.wait()

        # A list grows by Enter; its entry line and what is typed into it stay in view.
        await fill.jump_to_question("anlass.themenfelder")
        await pilot.pause()
        for item in ("Mobilität", "Wohnen", "Klima", "Bildung", "Kultur"):
            await pilot.press(*item, "enter")
            await pilot.pause()
            await assert_in_view(pilot, app, f"list after adding {item}")

        # A scale's message and label.
        await fill.jump_to_question("mandat.freiraum")
        await pilot.press("delete")
        await pilot.pause()
        await assert_in_view(pilot, app, "scale, cleared")
        await pilot.press("right")
        await pilot.pause()
        await assert_in_view(pilot, app, "scale, chosen")

        # A number out of range: its message under the field.
        await fill.jump_to_question("basis.einwohner")
        await pilot.press("ctrl+u", *"-5")
        await pilot.pause()
        await assert_in_view(pilot, app, "number with a message")

        # The row dialog: every field, and a cell's message.
        await fill.jump_to_question("risiken.top")
        await pilot.pause()
        table = fill.query_one("#q-risiken--top", TableQuestion)
        table.add_row()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, RowDialog)
        for column in dialog.table.columns:
            await assert_in_view(pilot, app, f"row dialog, {column.id}")
            await pilot.press("7" if column.type == "number" else "x")
            await pilot.pause()
            await assert_in_view(pilot, app, f"row dialog, {column.id} typed")
            error = dialog.query_one(f"#err-{column.id}", Static)
            if error.display:
                assert fully_visible(error), f"row dialog: message of {column.id}"
            await pilot.press("tab")
            await pilot.pause()
        await assert_in_view(pilot, app, "row dialog, buttons")
        await pilot.press("escape")
        await pilot.pause()
        await assert_in_view(pilot, app, "row dialog, asked before discarding")
        await pilot.press("shift+tab", "enter")
        await pilot.pause()
        assert app.screen is fill

        # The overview: the report to its end, by End and by PageDown.
        await pilot.press("f5")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        await assert_in_view(pilot, app, "overview")
        report = review.query_one("#report-scroll")
        await assert_scrolls_to_end(pilot, report, "end", "overview, End")
        await pilot.press("home")
        await assert_scrolls_to_end(pilot, report, "pagedown", "overview, PageDown")
        await pilot.press("m")
        await pilot.pause()
        await assert_in_view(pilot, app, "export dialog")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES)
async def test_help_leaves_the_focused_field_in_view(
    draft: Path, lang: str, size: tuple[int, int]
) -> None:
    app = KosiApp(lang, Start("draft", draft))
    app.animation_level = "none"
    async with app.run_test(size=size) as pilot:
        fill = app.screen
        assert isinstance(fill, FillScreen)
        await fill.ready.wait()
        for key in ("basis.datum", "anlass.themenfelder", "risiken.top"):
            await fill.jump_to_question(key)
            await pilot.pause()
            await pilot.press("f1")
            await assert_in_view(pilot, app, f"help for {key}")
            await pilot.press("f1")
            await pilot.pause()
