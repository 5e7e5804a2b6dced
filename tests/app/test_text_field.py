"""A one-line answer longer than its field shows its start when the field has no focus, not its
end cut mid-word."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from tests.app.driver import example_at, type_text

LONG = "Stadt Musterstadt, Dezernat Stadtentwicklung, Amt für Innovation und Beteiligung"


def shown(field: Input) -> str:
    return "".join(field.render_line(y).text for y in range(field.size.height))


@pytest.mark.slow
@pytest.mark.parametrize(
    "reopened",
    [
        pytest.param(False, id="after_typing", marks=pytest.mark.full),
        pytest.param(True, id="on_opening"),
    ],
)
async def test_an_unfocused_long_answer_shows_its_start(tmp_path: Path, reopened: bool) -> None:
    async with example_at(tmp_path, "basis.organisation", size=(80, 24)) as (pilot, fill):
        field = fill.query_one("#q-basis--organisation Input", Input)
        field.value = ""
        await type_text(pilot, LONG)  # the focus is in this field
        await pilot.pause()
        if reopened:
            await fill.jump_to_question("anlass.herausforderung")
            await pilot.pause()
            await fill.jump_to_question("basis.einwohner")
            await pilot.pause()
            field = fill.query_one("#q-basis--organisation Input", Input)
        else:
            await pilot.press("tab")
        await pilot.pause()
        assert not field.has_focus
        assert "Stadt Musterstadt, Dezernat" in shown(field)
