"""What every screen and dialog of the kosi app shares: the app typed, the app's language followed."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from textual import events, on
from textual.await_complete import AwaitComplete
from textual.binding import ActiveBinding
from textual.screen import ModalScreen, Screen

from kosi_tui.faces.tui.bindings import localized

if TYPE_CHECKING:
    from textual import getters

    from kosi_tui.faces.tui.app import KosiApp

ResultType = TypeVar("ResultType")


class KosiScreen(Screen[ResultType]):
    """A screen of `KosiApp`: its texts and footer follow the app's `lang`."""

    if TYPE_CHECKING:
        # Textual's own way to give `app` the app's type (`textual.getters.app`), declared for
        # the type checker only: at run time the inherited property answers, and this module
        # does not import the app, which imports its screens.
        app = getters.app(KosiApp)

    @property
    def lang(self) -> str:
        """The interface language."""
        return self.app.lang

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        # What the footer shows: binding descriptions in the interface language.
        return localized(super().active_bindings, self.lang)

    @on(events.Mount)
    def follow_language(self) -> None:
        """From now on, `language_changed` is called when the app's language changes."""
        self.watch(self.app, "lang", self.language_changed, init=False)

    async def language_changed(self, lang: str) -> None:
        """Shows the screen's texts in `lang`; the footer follows by itself."""

    def asks_before_quitting(self) -> bool:
        """Asked by the app before it quits: True when this screen asks first (and quits later)."""
        return False


class KosiDialog(KosiScreen[ResultType], ModalScreen[ResultType]):
    """A modal dialog of `KosiApp` that returns its answer with `dismiss`."""

    def dismiss(self, result: ResultType | None = None) -> AwaitComplete:
        """Closes the dialog with `result`, if it is the screen on top.

        A dialog already closed still gets what was on its way to it (a click, a key from before
        the key order, a late worker), and Textual would pop whatever screen is on top instead:
        after a wrong resume code and Escape typed quickly, the start page went, and then
        ScreenStackError ended the app.
        """
        if not self.is_active:
            return AwaitComplete()  # nothing to wait for
        return super().dismiss(result)
