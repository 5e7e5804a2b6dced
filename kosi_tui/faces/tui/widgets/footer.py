"""Textual's footer, rebuilt only when the keys it shows change."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


class QuietFooter(Footer):
    """Shows the same keys as Textual's footer.

    Textual rebuilds its footer on every focus change. Showing a section moves the focus several
    times while the keys on show stay the same; those rebuilds were a tenth of a section change.
    """

    _shown: tuple[Any, ...] | None = None
    """The keys the footer shows now; None while it shows none (not ready, or nothing to show)."""

    def _keys(self) -> tuple[Any, ...]:
        palette = self.app.COMMAND_PALETTE_BINDING
        return tuple(
            (key, binding.action, binding.description, enabled, tooltip)
            for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == palette
        )

    def bindings_changed(self, screen: Screen[Any]) -> None:
        unchanged = (
            self._shown is not None
            and self.is_attached
            and screen is self.screen
            and self._keys() == self._shown
        )
        if not unchanged:
            super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        # Textual's footer yields nothing until its screen's bindings are ready.
        self._shown = self._keys() if keys else None
        yield from keys
