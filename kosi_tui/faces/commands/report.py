"""`kosi report`: the report of a draft, or a blank copy of a canvas, as Markdown or HTML."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kosi_tui.core.numbers import format_date
from kosi_tui.core.session import Session
from kosi_tui.core.text import localize
from kosi_tui.faces.commands.output import OutputRefused, choose_output, write_output
from kosi_tui.faces.commands.say import say
from kosi_tui.i18n import t
from kosi_tui.report.blank import render_blank
from kosi_tui.report.changes import describe_migration
from kosi_tui.report.html import render_html
from kosi_tui.report.markdown import render_markdown
from kosi_tui.storage.canvas_file import load_canvas
from kosi_tui.storage.locate import find_canvas
from kosi_tui.storage.opening import open_draft
from kosi_tui.storage.problems import ProblemsError


def run_report(
    source: str,
    out: Path | None,
    fmt: str | None,
    lang: str | None,
    force: bool,
    blank: bool,
    ui_lang: str,
) -> int:
    """Writes the report (or blank copy) and prints where it went."""
    today = dt.date.today()
    try:
        output = choose_output(out, fmt, ui_lang)
    except OutputRefused as refused:
        say(str(refused), err=True)
        return 2
    # With the report on standard output, every message goes to standard error.
    to_stderr = output.to_stdout
    try:
        if blank:
            path = find_canvas(source) or Path(source)
            canvas = load_canvas(path)
            lang = lang or ui_lang
            markdown = render_blank(canvas.compiled, lang)
            title = localize(canvas.canvas.title, lang)
            default = Path.cwd() / f"{canvas.canvas.id}-{t('cli.blank_suffix', lang)}"
            footer = f"{title} · {t('cli.blank_suffix', lang)}"
        else:
            opened = open_draft(Path(source))
            lang = lang or opened.draft.lang
            for line in describe_migration(opened.migration, opened.canvas.compiled, ui_lang):
                say(line, err=to_stderr)
            session = Session(opened.canvas.compiled, opened.draft.answers)
            markdown = render_markdown(session, opened.draft, lang, today)
            title = localize(opened.canvas.canvas.title, lang)
            default = opened.path
            who = opened.draft.organisation or opened.draft.author
            footer = " · ".join(x for x in (title, who, format_date(today, lang)) if x)
    except ProblemsError as err:
        for problem in err.problems:
            say(problem.render(ui_lang), err=to_stderr)
        return 1
    text = markdown
    if output.fmt == "html":
        text = render_html(markdown, title, footer, lang, (t("report.evaluation", lang),))
    return write_output(output, default, text, force, ui_lang)
