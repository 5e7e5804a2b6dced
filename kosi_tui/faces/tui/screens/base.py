"""What every screen and dialog of the kosi app shares: the app typed, the app's language followed."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from textual import events, on
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
