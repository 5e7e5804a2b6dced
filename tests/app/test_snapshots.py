"""Snapshots of every screen at 80x24 and 120x40, in German and English, and of the filling screen
with each question type in focus. Update deliberately with `pytest --snapshot-update`."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from kosi_tui.faces.tui.app import KosiApp, Start
from kosi_tui.faces.tui.screens.fill import FillScreen
from kosi_tui.faces.tui.widgets.report_view import ReportView
from kosi_tui.i18n import t
from kosi_tui.paths import bundled_canvases
from tests.conftest import DATA, ROOT

EXAMPLE = ROOT / "examples" / "innovationslabor.answers.yaml"
# The worst case runs daily (the smallest screen, the longer German words); the rest of each
# matrix in the full tier.
SIZES = [
    pytest.param((80, 24), id="80x24"),
    pytest.param((120, 40), id="120x40", marks=pytest.mark.full),
]
LANGS = ["de", pytest.param("en", marks=pytest.mark.full)]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """kosi's folder for one test, in the test's own temporary folder (tests running side by side
    never share one), which is also the home folder: the screens show its paths as `~/kosi/…`,
    the same in every run."""
    monkeypatch.setenv("HOME", str(tmp_path))
    home = tmp_path / "kosi"
    (home / "drafts").mkdir(parents=True)
    (home / "canvases").mkdir()
    shutil.copy(EXAMPLE, home / "drafts" / "musterstadt.yaml")
    monkeypatch.setenv("KOSI_HOME", str(home))
    return home


def steady(app: KosiApp) -> KosiApp:
    """No animations: scrolling must be finished when the picture is taken."""
    app.animation_level = "none"
    return app


def draft_app(home: Path, lang: str = "de") -> KosiApp:
    return steady(KosiApp(lang, Start("draft", home / "drafts" / "musterstadt.yaml")))


def focus(key: str) -> Callable[[Pilot[Any]], Any]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, FillScreen)
        await screen.ready.wait()
        await screen.jump_to_question(key)
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES)
def test_home(snap_compare: Any, home: Path, lang: str, size: tuple[int, int]) -> None:
    assert snap_compare(steady(KosiApp(lang)), terminal_size=size)


@pytest.mark.parametrize("lang", LANGS)
def test_new_draft_dialog(snap_compare: Any, home: Path, lang: str) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.app.workers.wait_for_complete()  # the canvas named in the title
        await pilot.pause()

    app = steady(KosiApp(lang, Start("canvas", bundled_canvases() / "innovationslabor.yaml")))
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES)
def test_filling(snap_compare: Any, home: Path, lang: str, size: tuple[int, int]) -> None:
    assert snap_compare(
        draft_app(home, lang), terminal_size=size, run_before=focus("mandat.rueckendeckung")
    )


@pytest.mark.parametrize(
    "key",
    ["basis.organisation", "basis.einwohner", "basis.rolle", "basis.datum", "anlass.herausforderung",
     "anlass.themenfelder", "zweck.nutzniessende", "mandat.freiraum", "akteure.tabelle"],
)  # fmt: skip
def test_filling_each_question_type(snap_compare: Any, home: Path, key: str) -> None:
    assert snap_compare(draft_app(home), terminal_size=(80, 24), run_before=focus(key))


def test_filling_info_block(snap_compare: Any, home: Path) -> None:
    shutil.copy(DATA / "good" / "minimal.yaml", home / "canvases" / "minimal.yaml")
    draft = home / "drafts" / "minimal.yaml"
    draft.write_text(
        EXAMPLE.read_text().split("answers:")[0].replace("innovationslabor", "minimal")
        + "answers:\n  mandat.status: rat\n"
    )
    app = steady(KosiApp("de", Start("draft", draft)))
    assert snap_compare(app, terminal_size=(80, 24), run_before=focus("akteure.ziele"))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES)
def test_review(snap_compare: Any, home: Path, lang: str, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()

    assert snap_compare(draft_app(home, lang), terminal_size=size, run_before=run_before)


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_review_scrolled_to_the_evaluation(snap_compare: Any, home: Path, lang: str) -> None:
    """The evaluation at the end of the report is reachable in the app, not only on paper."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        evaluation = t("report.evaluation", lang)
        line = pilot.app.screen.query_one("#report", ReportView).line_of(evaluation)
        assert line is not None
        pilot.app.screen.query_one("#report-scroll").scroll_to(y=line, animate=False)
        await pilot.pause()

    assert snap_compare(draft_app(home, lang), terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES)
def test_error(snap_compare: Any, home: Path, lang: str, size: tuple[int, int]) -> None:
    broken = home / "drafts" / "kaputt.yaml"
    broken.write_text(
        "format: kosi-answers/1\ncanvas: {id: innovationslabor, version: 1.0.0}\ncreated: nie\n"
    )
    assert snap_compare(steady(KosiApp(lang, Start("draft", broken))), terminal_size=size)


def test_bundled_canvas_is_the_one_snapshotted() -> None:
    # Snapshots show the default canvas; a change to its texts means updating them on purpose.
    assert (bundled_canvases() / "innovationslabor.yaml").is_file()
