"""A text line for forms that people type into fast, keys arriving before the screen is ready."""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class TypeAheadInput(Input):
    """Tab and Shift+Tab move on at once, and keys meant for the next field follow the focus.

    Textual hands every key to the field focused when the key arrives and moves the focus for a
    Tab only later. Typed quickly ("Stadt Lindenau", Tab, "Anna", Enter, right after a dialog
    opened), the name landed in the first field too: it had received those keys already.
    """

    def on_key(self, event: events.Key) -> None:
        # Runs before Input's own key handling, which a prevented default skips.
        focused = self.screen.focused
        if focused is not None and focused is not self:
            # Arrived before the focus moved on: the key belongs to the field focused now.
            event.stop()
            event.prevent_default()
            focused.post_message(events.Key(event.key, event.character))
            return
        if event.key in ("tab", "shift+tab"):
            event.stop()
            event.prevent_default()
            if event.key == "tab":
                self.screen.focus_next()
            else:
                self.screen.focus_previous()
