"""The section marks (✓ ◐ ✗ ○) stand out from their background in the dark and the light theme:
at least 3:1, the contrast WCAG asks of symbols that carry meaning."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.color import Color

from kosi_tui.faces.tui.app import DARK, LIGHT, KosiApp, Start
from kosi_tui.faces.tui.screens.fill import FillScreen
from kosi_tui.faces.tui.widgets.sidebar import MARKS, SectionList
from tests.app.driver import EXAMPLE


def luminance(color: Color) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = color.get_truecolor()
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: Color, b: Color) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("theme", [DARK, LIGHT])
async def test_every_section_mark_has_enough_contrast(tmp_path: Path, theme: str) -> None:
    draft = tmp_path / "entwurf.yaml"
    draft.write_bytes(EXAMPLE.read_bytes())
    app = KosiApp("de", Start("draft", draft), theme=theme)
    async with app.run_test(size=(80, 24)):
        screen = app.screen
        assert isinstance(screen, FillScreen)
        await screen.ready.wait()
        sidebar = screen.query_one(SectionList)
        background = sidebar.rich_style.bgcolor
        assert background is not None
        for state in MARKS:
            color = sidebar.get_component_rich_style(f"section-list--{state}", partial=True).color
            assert color is not None, state
            assert contrast(color, background) >= 3, (state, color, background)
