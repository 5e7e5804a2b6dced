"""Starting a new draft: organisation and name; returns them, or None to cancel.

In a workshop it also takes a resume code, for coming back to one's own draft.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from kosi_tui.core.examples import marked
from kosi_tui.core.text import localize
from kosi_tui.faces.tui.markup import as_typed
from kosi_tui.faces.tui.screens.base import KosiDialog
from kosi_tui.i18n import t


@dataclass(frozen=True)
class Resume:
    """The answer when a resume code was typed: open that draft instead of a new one."""

    code: str


class NewDraftDialog(KosiDialog[tuple[str, str] | Resume | None]):
    """Asks for organisation (required) and the person's name (optional).

    It can open before its canvas has loaded: what is entered then waits until the canvas is
    there, so the dialog never returns an answer for a canvas that is not ready.
    """

    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(
        self,
        canvas_title: str | dict[str, str] | None,
        need_author: bool = False,
        resume: bool = False,
        prefill: tuple[str, str] = ("", ""),
    ) -> None:
        """`canvas_title` is None while the canvas is still loading (see `show_canvas_title`).

        `resume` adds the resume-code field (workshops); `prefill` are organisation and name to
        start with (typing replaces them).
        """
        super().__init__(classes="dialog")
        self.canvas_title, self.need_author = canvas_title, need_author
        self.resume = resume
        self.prefill = prefill
        self._entered: tuple[str, str] | None = None
        """Organisation and name, entered while the canvas was still loading."""

    def _title(self) -> str:
        if self.canvas_title is None:
            return t("ui.new_title_loading", self.lang)
        title = localize(self.canvas_title, self.lang)
        return as_typed(t("ui.new_title", self.lang, canvas=title))

    def _label(self) -> None:
        """Labels everything in the interface language (when shown, and on a switch); what is
        typed stays."""
        lang = self.lang
        mark = " *" if self.need_author else ""
        texts = {
            "#dialog-title": self._title(),
            "#organisation-label": t("ui.new_organisation", lang) + " *",
            "#org-error": t("ui.new_needs_org", lang),
            "#author-label": t("ui.new_author", lang) + mark,
            "#author-error": t("ui.new_needs_author", lang),
            "#loading": t("ui.new_loading", lang),
            "#resume-label": t("ui.resume_label", lang),
        }
        for selector, text in texts.items():
            self.query_one(selector, Static).update(text)  # Label is a Static
        self.query_one("#start", Button).label = t("ui.new_start", lang)
        self.query_one("#cancel", Button).label = t("ui.cancel", lang)
        example = marked("Stadt Musterstadt", lang)
        self.query_one("#organisation", Input).placeholder = example

    async def language_changed(self, lang: str) -> None:
        self._label()

    def show_canvas_title(self, title: str | dict[str, str]) -> None:
        """Names the canvas once it has loaded; an answer entered meanwhile is returned now."""
        self.canvas_title = title
        if self.is_mounted:
            self.query_one("#dialog-title", Label).update(self._title())
        if self._entered is not None:
            self.dismiss(self._entered)

    def compose(self) -> ComposeResult:
        # The texts come from `_label`, called on mount: written once for both.
        with Vertical(classes="dialog-box"):
            yield Label(id="dialog-title", classes="dialog-title")
            yield Label(id="organisation-label", classes="field-label")
            yield Input(self.prefill[0], id="organisation")
            yield Static(id="org-error", classes="question-error")
            yield Label(id="author-label", classes="field-label")
            yield Input(self.prefill[1], id="author")
            yield Static(id="author-error", classes="question-error")
            yield Label(id="resume-label", classes="field-label")
            yield Input(id="resume")
            yield Static(id="loading", classes="dialog-note")
            with Horizontal(classes="dialog-buttons"):
                yield Button(variant="primary", id="start")
                yield Button(id="cancel")

    def on_mount(self) -> None:
        self._label()
        self.query_one("#org-error").display = False
        self.query_one("#author-error").display = False
        self.query_one("#loading").display = False
        self.query_one("#resume-label").display = self.resume
        self.query_one("#resume").display = self.resume
        # Keys typed fast may have arrived already (a Tab moved on to the name): the focus
        # stays where they put it instead of jumping back to the first field.
        if self.focused is None:
            self.query_one("#organisation", Input).focus()

    @on(Input.Submitted, "#organisation")
    def _next(self) -> None:
        self.query_one("#author", Input).focus()

    @on(Input.Submitted, "#author")
    @on(Input.Submitted, "#resume")
    @on(Button.Pressed, "#start")
    def _start(self) -> None:
        code = self.query_one("#resume", Input).value.strip()
        if self.resume and code:
            self.dismiss(Resume(code))  # needs no canvas: the draft names its own
            return
        organisation = self.query_one("#organisation", Input).value.strip()
        if not organisation:
            self.query_one("#org-error").display = True
            self.query_one("#organisation", Input).focus()
            return
        author = self.query_one("#author", Input).value.strip()
        if self.need_author and not author:
            self.query_one("#author-error").display = True
            self.query_one("#author", Input).focus()
            return
        if self.canvas_title is None:
            self._entered = (organisation, author)
            self.query_one("#loading").display = True
            return
        self.dismiss((organisation, author))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Closes without starting."""
        self.dismiss(None)
