"""`kosi report`: the report of a draft, a blank copy, a poster or a decision paper, as Markdown,
HTML, PDF or Word."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kosi_tui.core.answers import Draft
from kosi_tui.core.session import Session
from kosi_tui.core.text import localize
from kosi_tui.faces.commands.output import (
    Output,
    OutputRefused,
    choose_output,
    write_output,
)
from kosi_tui.faces.commands.say import say
from kosi_tui.i18n import t
from kosi_tui.report.changes import describe_migration
from kosi_tui.report.extras import MissingExtra
from kosi_tui.storage.canvas_file import load_canvas
from kosi_tui.storage.locate import find_canvas
from kosi_tui.storage.opening import open_draft
from kosi_tui.storage.problems import ProblemsError


def _blank(source: str, output: Output, lang: str | None, ui_lang: str, trainer: bool,
           poster: bool, paper: str) -> tuple[str | bytes, Path]:  # fmt: skip
    path = find_canvas(source) or Path(source)
    canvas = load_canvas(path)
    lang = lang or ui_lang
    # The trainer's copy has a name of its own: writing both never refuses the second.
    suffix = t("cli.trainer_suffix" if trainer and not poster else "cli.blank_suffix", lang)
    default = Path.cwd() / f"{canvas.canvas.id}-{suffix}"
    if poster:
        from kosi_tui.report.poster import write_poster

        return write_poster(canvas.compiled, None, lang, paper), default
    title = localize(canvas.canvas.title, lang)
    footer = f"{title} · " + (t("blank.trainer_mark", lang) if trainer else suffix)
    from kosi_tui.report.blank import blank_document
    from kosi_tui.report.formats import write_document

    document = blank_document(canvas.compiled, lang, trainer, footer)
    return write_document(document, output.fmt), default


def run_report(
    source: str,
    out: Path | None,
    fmt: str | None,
    lang: str | None,
    force: bool,
    blank: bool,
    ui_lang: str,
    *,
    trainer: bool = False,
    poster: bool = False,
    paper: str = "A3",
    vorlage: bool = False,
) -> int:
    """Writes the report (or blank copy, poster or decision paper) and prints where it went."""
    today = dt.date.today()
    try:
        # A decision paper is for the office's Word template; a poster is for the printer.
        implied = "pdf" if poster else "docx" if vorlage else None
        output = choose_output(out, fmt or (implied if out is None else None), ui_lang)
        if vorlage and (blank or poster):
            raise OutputRefused(t("cli.vorlage_alone", ui_lang))
        if poster and output.fmt != "pdf":
            raise OutputRefused(t("cli.poster_pdf", ui_lang))
    except OutputRefused as refused:
        say(str(refused), err=True)
        return 2
    # With the report on standard output, every message goes to standard error.
    to_stderr = output.to_stdout
    try:
        if blank:
            data, default = _blank(source, output, lang, ui_lang, trainer, poster, paper)
        else:
            opened = open_draft(Path(source))
            lang = lang or opened.draft.lang
            for line in describe_migration(opened.migration, opened.canvas.compiled, ui_lang):
                say(line, err=to_stderr)
            session = Session(opened.canvas.compiled, opened.draft.answers)
            default = opened.path
            if vorlage:
                from kosi_tui.report.formats import write_document
                from kosi_tui.report.vorlage import build_vorlage

                document = build_vorlage(session, opened.draft, lang, today)
                if document is None:
                    canvas_id = opened.canvas.compiled.canvas.id
                    say(t("cli.vorlage_none", ui_lang, canvas=canvas_id), err=True)
                    return 2
                data = write_document(document, output.fmt)
                default = default.with_name(
                    default.stem.removesuffix(".answers") + "-" + t("cli.vorlage_suffix", lang)
                )
            else:
                data = _filled(session, opened.draft, output.fmt, lang, today, poster, paper)
    except ProblemsError as err:
        for problem in err.problems:
            say(problem.render(ui_lang), err=to_stderr)
        return 1
    except MissingExtra as missing:
        say(
            t("cli.needs_extra", ui_lang, fmt=missing.fmt, package=missing.package,
              extra=missing.extra),
            err=True,
        )  # fmt: skip
        return 1
    if poster:
        default = default.with_name(default.stem + "-poster")
    return write_output(output, default, data, force, ui_lang)


def _filled(session: Session, draft: Draft, fmt: str, lang: str, today: dt.date, poster: bool,
            paper: str) -> str | bytes:  # fmt: skip
    from kosi_tui.report.build import build_report

    if poster:
        from kosi_tui.report.poster import write_poster

        who = draft.organisation or draft.author
        return write_poster(session.compiled, session, lang, paper, who)
    from kosi_tui.report.formats import write_document

    return write_document(build_report(session, draft, lang, today), fmt)
