"""An app run headless (as in every Pilot test) leaves SIGTERM to the process: a test run told to
stop stops, even when an app under test hangs."""

from __future__ import annotations

import signal

import pytest

from kosi_tui.faces.tui.app import KosiApp


@pytest.mark.skipif(not hasattr(signal, "SIGTERM"), reason="no SIGTERM on this system")
async def test_a_headless_app_leaves_sigterm_to_the_process() -> None:
    before = signal.getsignal(signal.SIGTERM)
    app = KosiApp("de")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert signal.getsignal(signal.SIGTERM) == before
