"""The overview: the report as it will print, what is still missing (with a jump to each), export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Markdown, OptionList, Static
from textual.widgets.option_list import Option

from kosi_tui.core.numbers import format_date
from kosi_tui.core.text import localize
from kosi_tui.faces.filling import Filling
from kosi_tui.faces.tui.bindings import localize_bindings
from kosi_tui.faces.tui.dialogs.path_dialog import PathDialog
from kosi_tui.faces.tui.markup import as_typed
from kosi_tui.faces.tui.widgets.footer import QuietFooter
from kosi_tui.i18n import t
from kosi_tui.storage.atomic import WriteError, write_atomic


def today() -> dt.date:
    """The date printed on the report."""
    return dt.date.today()


class ReviewScreen(Screen[str | None]):
    """Returns the key of a question to jump to, or None to go back."""

    CSS_PATH = Path(__file__).parent / "review.tcss"
    BINDINGS = [
        Binding("escape", "back", "Zurück", id="back"),
        Binding("m", "export('md')", "Markdown", id="export_md"),
        Binding("h", "export('html')", "HTML", id="export_html"),
    ]

    def __init__(self, filling: Filling) -> None:
        super().__init__()
        self.filling = filling

    @property
    def lang(self) -> str:
        """The interface language."""
        return str(getattr(self.app, "lang", "de"))

    def compose(self) -> ComposeResult:
        lang = self.lang
        title = localize(self.filling.canvas.canvas.title, lang)
        yield Static(
            f"[b]{as_typed(t('ui.review_title', lang, canvas=title))}[/b] · {t('ui.review_keys', lang)}",
            id="review-title",
        )
        with Horizontal(id="review-body"):
            yield Markdown(self._markdown(), id="report")
            with Vertical(id="missing-box"):
                yield Static(id="missing-title")
                yield OptionList(id="missing")
        yield QuietFooter()

    def _markdown(self) -> str:
        from kosi_tui.report.markdown import render_markdown

        return render_markdown(self.filling.session, self.filling.draft, self.lang, today())

    def on_mount(self) -> None:
        lang = self.lang
        localize_bindings(self, lang)
        session = self.filling.session
        missing = session.missing_required()
        listing = self.query_one("#missing", OptionList)
        for key in missing:
            located = session.compiled.questions[key]
            label = localize(located.question.label, lang)
            listing.add_option(Option(f"{located.section_index + 1}. {as_typed(label)}", id=key))
        title = self.query_one("#missing-title", Static)
        if missing:
            title.update(t("ui.review_missing", lang, count=len(missing)))
            listing.focus()
        else:
            title.update(t("ui.review_complete", lang))
            listing.display = False
            self.query_one("#report", Markdown).focus()

    @on(OptionList.OptionSelected, "#missing")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_back(self) -> None:
        """Back to filling."""
        self.dismiss(None)

    def action_export(self, fmt: str) -> None:
        """Asks where to write the report, then writes it."""
        lang = self.lang
        suggestion = self.filling.path.with_suffix(".html" if fmt == "html" else ".md")

        def chosen(path: Path | None) -> None:
            if path is not None:
                self._write(path, fmt)

        self.app.push_screen(
            PathDialog(
                t("ui.export_title", lang, fmt=fmt.upper()),
                t("ui.export_path", lang),
                suggestion,
                t("ui.export_save", lang),
                t("ui.cancel", lang),
            ),
            chosen,
        )

    def _write(self, path: Path, fmt: str) -> None:
        lang = self.lang
        text = self._markdown()
        if fmt == "html":
            from kosi_tui.report.html import render_html

            title = localize(self.filling.canvas.canvas.title, lang)
            who = self.filling.draft.organisation or self.filling.draft.author
            footer = " · ".join(x for x in (title, who, format_date(today(), lang)) if x)
            text = render_html(text, title, footer, lang, (t("report.evaluation", lang),))
        try:
            write_atomic(path, text.encode("utf-8"), backup=True)
        except WriteError as err:
            self.notify(
                t(f"save.{err.code}", lang, path=str(err.path), reason=err.reason),
                severity="error",
                timeout=10,
            )
            return
        self.notify(t("ui.exported", lang, path=str(path)), timeout=8)
