"""The overview (F5): the whole report can be read by keyboard and mouse wheel, the list of open
questions answers Enter at once, and exports go where people find them."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, OptionList

from kosi_tui.faces.tui.dialogs.confirm_dialog import ConfirmDialog
from kosi_tui.faces.tui.dialogs.path_dialog import PathDialog
from kosi_tui.faces.tui.screens.review import ReviewScreen
from kosi_tui.faces.tui.widgets.report_view import ReportView
from tests.app.driver import example_at, mouse_wheel_down


def report_of(screen: object) -> VerticalScroll:
    assert isinstance(screen, ReviewScreen), type(screen).__name__
    return screen.query_one("#report-scroll", VerticalScroll)


def last_line_shown(screen: Screen[object]) -> bool:
    """Whether the report's last line is on screen."""
    report = report_of(screen)
    shown_to = report.scroll_y + report.scrollable_content_region.height
    return shown_to >= screen.query_one("#report", ReportView).outer_size.height


# Paging through the whole report takes long: the full tier only (End, Space and PageDown, with the
# focus in the report and in the list of open questions, where paging keys once moved only the list).
@pytest.mark.slow
@pytest.mark.parametrize(
    ("open_questions", "key"),
    [
        pytest.param(False, "end", id="complete-end"),
        pytest.param(True, "end", id="open-end"),
        pytest.param(True, "space", id="open-space"),
        pytest.param(False, "space", id="complete-space", marks=pytest.mark.full),
        pytest.param(False, "pagedown", id="complete-pagedown", marks=pytest.mark.full),
        pytest.param(True, "pagedown", id="open-pagedown", marks=pytest.mark.full),
    ],
)
async def test_the_report_scrolls_to_its_end_by_keyboard(
    tmp_path: Path, key: str, open_questions: bool
) -> None:
    async with example_at(tmp_path, "basis.organisation", size=(80, 24)) as (pilot, fill):
        if open_questions:  # the focus is then in the list of open questions
            fill.query_one("#q-basis--organisation Input", Input).value = ""
            await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        screen = pilot.app.screen
        assert not last_line_shown(screen)
        report = report_of(screen)
        for _ in range(100):
            if report.scroll_y == report.max_scroll_y:
                break
            await pilot.press(key)
            await pilot.wait_for_scheduled_animations()
            await pilot.pause()
        assert last_line_shown(screen)


@pytest.mark.slow
async def test_the_report_scrolls_by_mouse_wheel(tmp_path: Path) -> None:
    async with example_at(tmp_path, "basis.organisation", size=(80, 24)) as (pilot, _):
        await pilot.press("f5")
        await pilot.pause()
        screen = pilot.app.screen
        report = report_of(screen)
        assert report.scroll_y == 0
        for _ in range(5):
            await mouse_wheel_down(pilot, (10, 10))
        await pilot.pause()
        assert report.scroll_y > 0


async def test_open_questions_answer_enter_at_once(tmp_path: Path) -> None:
    async with example_at(tmp_path, "basis.organisation", size=(80, 24)) as (pilot, fill):
        field = fill.query_one("#q-basis--organisation Input", Input)
        field.value = ""  # one required question open again
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        listing = pilot.app.screen.query_one("#missing", OptionList)
        assert pilot.app.focused is listing
        assert listing.highlighted == 0
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen is fill
        assert fill.focused_key == "basis.organisation"


async def test_export_goes_to_the_start_folder_and_asks_before_replacing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    start = tmp_path / "hier"
    start.mkdir()
    monkeypatch.chdir(start)
    async with example_at(tmp_path, "basis.organisation", size=(80, 24)) as (pilot, _):
        app = pilot.app
        await pilot.press("f5")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        field = app.screen.query_one("#path", Input)
        assert field.value == str(start / "entwurf.md")
        await pilot.press("enter")
        await pilot.pause()
        written = start / "entwurf.md"
        assert written.read_text().startswith("# ")
        assert any(str(written) in str(n.message) for n in app._notifications)
        written.write_text("earlier export")
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # no: another name
        await pilot.pause()
        assert written.read_text() == "earlier export"
        assert isinstance(app.screen, PathDialog)


@pytest.mark.slow
async def test_pdf_and_word_from_the_overview(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import docx
    from pypdf import PdfReader

    monkeypatch.chdir(tmp_path)
    async with example_at(tmp_path, "basis.organisation", size=(100, 40)) as (pilot, _):
        await pilot.press("f5")
        await pilot.pause()
        for key in ("p", "w"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(pilot.app.screen, PathDialog)
            await pilot.press("enter")
            await pilot.pause()
    pdf = PdfReader(tmp_path / "entwurf.pdf")
    assert len(pdf.pages) > 1 and "Innovationslabor" in pdf.pages[0].extract_text()
    headings = [
        p.text
        for p in docx.Document(str(tmp_path / "entwurf.docx")).paragraphs
        if p.style is not None and p.style.name.startswith("Heading")
    ]
    assert headings and "Auswertung" in headings


@pytest.mark.slow
async def test_a_required_answer_that_is_wrong_is_listed_as_open(tmp_path: Path) -> None:
    # A hand-edited draft: the date holds 7. The section list marks it ✗ and the completeness
    # line counts it open, so the overview must not say that all is answered.
    async with example_at(tmp_path, "basis.organisation", size=(80, 24)) as (pilot, fill):
        fill.filling.set_answer("basis.datum", 7)
        await pilot.press("f5")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, ReviewScreen)
        listing = screen.query_one("#missing", OptionList)
        assert listing.display
        assert [listing.get_option_at_index(i).id for i in range(listing.option_count)] == [
            "basis.datum"
        ]
        prompt = str(listing.get_option_at_index(0).prompt)
        assert "ungültig" in prompt, prompt
        title = str(screen.query_one("#missing-title").render())
        assert "Alle Pflichtfragen" not in title and "(1)" in title, title
        await pilot.press("enter")
        await pilot.pause()
        assert fill.focused_key == "basis.datum"


async def test_next_steps_show_a_box_to_tick_not_brackets(tmp_path: Path) -> None:
    async with example_at(tmp_path, "basis.organisation", size=(80, 24)) as (pilot, _):
        await pilot.press("f5")
        await pilot.pause()
        text = "\n".join(pilot.app.screen.query_one("#report", ReportView).lines())
        assert "☐ Gespräch mit der Beigeordneten" in text
        assert "[ ]" not in text


async def test_an_export_that_cannot_be_written_says_where_and_stays_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rich.text import Text

    blocker = tmp_path / "[b]fett"
    blocker.write_text("a file where a folder of the path should be")
    monkeypatch.chdir(tmp_path)
    async with example_at(tmp_path, "basis.organisation", size=(80, 24)) as (pilot, _):
        app = pilot.app
        await pilot.press("f5")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(blocker / "bericht.md")
        await pilot.press("enter")
        await pilot.pause()
        shown = [Text.from_markup(str(n.message)).plain for n in app._notifications]
        # A document, not the draft: nothing to reassure about, another place to choose; the
        # typed "[b]" is shown as typed, not read as markup.
        assert any(
            f"{blocker}/bericht.md gibt es nicht" in said
            and "Wählen Sie einen anderen Ort." in said
            for said in shown
        ), shown
        assert not any("Ihre Antworten" in said for said in shown), shown
