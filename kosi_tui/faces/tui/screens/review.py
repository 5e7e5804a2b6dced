"""The overview: the report as it will print, what is still missing (with a jump to each), export."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from kosi_tui.core.text import localize
from kosi_tui.faces.filling import Filling
from kosi_tui.faces.tui.dialogs.confirm_dialog import ConfirmDialog
from kosi_tui.faces.tui.dialogs.path_dialog import PathDialog
from kosi_tui.faces.tui.markup import as_typed
from kosi_tui.faces.tui.screens.base import KosiScreen
from kosi_tui.faces.tui.widgets.footer import QuietFooter
from kosi_tui.faces.tui.widgets.report_view import ReportView
from kosi_tui.i18n import t
from kosi_tui.report.formats import BY_KEY, FORMATS
from kosi_tui.storage.atomic import WriteError, write_atomic
from kosi_tui.storage.write_problem import describe

if TYPE_CHECKING:
    from kosi_tui.report.document import Document


def today() -> dt.date:
    """The date printed on the report."""
    return dt.date.today()


class ReportScroll(VerticalScroll):
    """The report; Space pages down as in a pager, the mouse wheel scrolls."""

    BINDINGS = [Binding("space", "page_down", show=False)]


class MissingList(OptionList):
    """The open questions: ↑↓ and Enter; the paging keys move the report beside it (the screen's
    actions).

    The list is short, and the report is what people page through: without this, PageDown and
    End only moved the list's highlight and the report's end could not be reached.
    """

    BINDINGS = [
        Binding("space,pagedown", "screen.report_page(1)", show=False),
        Binding("pageup", "screen.report_page(-1)", show=False),
        Binding("end", "screen.report_end", show=False),
        Binding("home", "screen.report_home", show=False),
    ]


class ReviewScreen(KosiScreen[str | None]):
    """Returns the key of a question to jump to, or None to go back."""

    CSS_PATH = Path(__file__).parent / "review.tcss"
    BINDINGS = [
        Binding("escape", "back", "Zurück", id="back"),
        *(
            Binding(f.key_binding, f"export('{f.key}')", f.label, id=f"export_{f.key}")
            for f in FORMATS
            if f.key_binding is not None
        ),
    ]

    def __init__(self, filling: Filling) -> None:
        super().__init__()
        self.filling = filling
        self._document: tuple[str, Document] | None = None
        """The report as shown, and its language: exports write this one."""

    @property
    def document(self) -> Document:
        """The report in the interface language, built once for showing and exporting."""
        from kosi_tui.report.build import build_report

        lang = self.lang
        if self._document is None or self._document[0] != lang:
            report = build_report(self.filling.session, self.filling.draft, lang, today())
            self._document = (lang, report)
        return self._document[1]

    def compose(self) -> ComposeResult:
        from kosi_tui.report.write_markdown import write_markdown

        lang = self.lang
        title = localize(self.filling.canvas.canvas.title, lang)
        # The keys are in the footer; repeated here they cut the title at 80 columns.
        yield Static(
            f"[b]{as_typed(t('ui.review_title', lang, canvas=title))}[/b]", id="review-title"
        )
        with Horizontal(id="review-body"):
            with ReportScroll(id="report-scroll"):
                yield ReportView(write_markdown(self.document), id="report")
            with Vertical(id="missing-box"):
                yield Static(id="missing-title")
                yield MissingList(id="missing")
        yield QuietFooter()

    def on_mount(self) -> None:
        self._show_missing()

    async def language_changed(self, lang: str) -> None:
        await self.recompose()
        self._show_missing()

    def _show_missing(self) -> None:
        lang = self.lang
        session = self.filling.session
        # Wrong answers too: the section list marks them ✗ and the completeness counts them open.
        missing = session.open_required()
        listing = self.query_one("#missing", MissingList)
        for key, why in missing:
            located = session.compiled.questions[key]
            text = as_typed(localize(located.question.label, lang))
            label = f"{located.section_index + 1}. {text}"
            if why == "invalid":
                label = f"{label} [i]{t('ui.review_invalid', lang)}[/i]"
            listing.add_option(Option(label, id=key))
        title = self.query_one("#missing-title", Static)
        if missing:
            title.update(t("ui.review_missing", lang, count=len(missing)))
            listing.highlighted = 0  # Enter jumps at once, without a Down first
            listing.focus()
        else:
            title.update(t("ui.review_complete", lang))
            listing.display = False
            self.query_one("#report-scroll", ReportScroll).focus()

    @on(OptionList.OptionSelected, "#missing")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_back(self) -> None:
        """Back to filling."""
        self.dismiss(None)

    def action_report_page(self, step: int) -> None:
        """A page down (1) or up (-1) in the report."""
        report = self.query_one(ReportScroll)
        report.action_page_down() if step > 0 else report.action_page_up()

    def action_report_end(self) -> None:
        """The report's last line."""
        self.query_one(ReportScroll).scroll_end(animate=False)

    def action_report_home(self) -> None:
        """The report's first line."""
        self.query_one(ReportScroll).scroll_home(animate=False)

    def action_export(self, fmt: str) -> None:
        """Asks where to write the report, then writes it; in a browser, downloads it there."""
        lang = self.lang
        if self.app.is_web or self.app.workplace.exports_as_downloads:
            # A participant's browser is another machine: the report goes there, and nobody
            # types a path on the server's disk.
            self._deliver(fmt)
            return
        # The folder kosi was started in, where people look for it – not the hidden data folder.
        name = self.filling.path.with_suffix(BY_KEY[fmt].suffix).name
        suggestion = Path.cwd() / name

        def chosen(path: Path | None) -> None:
            if path is None:
                return
            path = path if path.is_absolute() else Path.cwd() / path
            if not path.exists():
                self._write(path, fmt)
                return

            def overwrite(yes: bool | None) -> None:
                if yes:
                    self._write(path, fmt)
                else:
                    self.action_export(fmt)  # ask again, for another name

            self.app.push_screen(
                ConfirmDialog(
                    t("ui.export_overwrite", lang, path=str(path)),
                    t("ui.export_replace", lang),
                    t("ui.export_other_name", lang),
                ),
                overwrite,
            )

        self.app.push_screen(
            PathDialog(
                t("ui.export_title", lang, fmt=BY_KEY[fmt].label),
                t("ui.export_path", lang),
                suggestion,
                t("ui.export_save", lang),
                t("ui.cancel", lang),
            ),
            chosen,
        )

    def _report_bytes(self, fmt: str) -> bytes | None:
        """The report in `fmt`; None (and a notice) when a format's extra is not installed."""
        from kosi_tui.report.extras import MissingExtra
        from kosi_tui.report.formats import write_document

        lang = self.lang
        try:
            written = write_document(self.document, fmt)
            return written.encode("utf-8") if isinstance(written, str) else written
        except MissingExtra as missing:
            self.notify(
                t(
                    "cli.needs_extra",
                    lang,
                    fmt=missing.fmt,
                    package=missing.package,
                    extra=missing.extra,
                ),
                severity="error",
                timeout=12,
            )
            return None

    def _deliver(self, fmt: str) -> None:
        """The report as a download in the participant's browser; nothing is written here."""
        data = self._report_bytes(fmt)
        if data is None:
            return
        name = self.filling.path.with_suffix(BY_KEY[fmt].suffix).name
        self.app.deliver_binary(io.BytesIO(data), save_filename=name, mime_type=BY_KEY[fmt].mime)
        self.notify(t("ui.delivered", self.lang, name=name), timeout=8)

    def _write(self, path: Path, fmt: str) -> None:
        lang = self.lang
        data = self._report_bytes(fmt)
        if data is None:
            return
        try:
            write_atomic(path, data, backup=True)
        except WriteError as err:
            self.notify(
                as_typed(describe(err, lang, holding="document")), severity="error", timeout=10
            )
            return
        self.notify(t("ui.exported", lang, path=as_typed(str(path))), timeout=8)
