"""An unanswered scale shows whether it has the focus: arrows and digits go there only then."""

from __future__ import annotations

from pathlib import Path

from textual.strip import Strip

from kosi_tui.faces.tui.widgets.scale_question import ScalePoints
from tests.app.driver import example_at


def drawn(points: ScalePoints) -> Strip:
    return points.render_line(0)  # the first line, with the widget's styles applied


async def test_an_unanswered_scale_looks_different_when_focused(tmp_path: Path) -> None:
    async with example_at(tmp_path, "mandat.freiraum", size=(80, 24)) as (pilot, fill):
        points = fill.query_one("#q-mandat--freiraum ScalePoints", ScalePoints)
        points.value = None
        points.focus()
        await pilot.pause()
        focused = drawn(points)
        await pilot.press("tab")
        await pilot.pause()
        assert not points.has_focus
        blurred = drawn(points)
        assert focused.text == blurred.text
        # Bold alone was not enough to see: the focused row stands out by its background.
        assert {s.style.bgcolor for s in focused if s.style} != {
            s.style.bgcolor for s in blurred if s.style
        }
