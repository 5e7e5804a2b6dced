"""`kosi summary`: one overview of a workshop's drafts."""

from __future__ import annotations

from pathlib import Path

from kosi_tui.core.text import localize
from kosi_tui.faces.commands.output import (
    Output,
    OutputRefused,
    choose_output,
    is_stream,
    write_output,
)
from kosi_tui.faces.commands.say import say
from kosi_tui.i18n import t
from kosi_tui.report.collect import collect_workshop
from kosi_tui.report.formats import BY_KEY, SUMMARY_KEYS
from kosi_tui.report.html import render_html
from kosi_tui.report.summary import render_summary
from kosi_tui.report.workshop import Workshop
from kosi_tui.storage.problems import ProblemsError


def run_summary(
    paths: list[Path], out: Path | None, fmt: str | None, lang: str, anonymous: bool, force: bool
) -> int:
    """Writes the summary and prints where it went, and which files were left out."""
    try:
        output = choose_output(out, fmt, lang, SUMMARY_KEYS)
    except OutputRefused as refused:
        say(str(refused), err=True)
        return 2
    # With the summary on standard output, every message goes to standard error.
    to_stderr = output.to_stdout
    try:
        workshop = collect_workshop(paths, lang)
    except ProblemsError as err:
        for problem in err.problems:
            say(problem.render(lang), err=to_stderr)
        return 1
    for skipped in workshop.skipped:
        say(t("cli.skipped", lang, path=str(skipped.path), reason=skipped.reason), err=to_stderr)
    told = len(workshop.skipped)
    if anonymous:
        from kosi_tui.report.anonymous import anonymise

        # Every writer gets the copy without names, so none can name anyone by mistake.
        workshop = anonymise(workshop, lang)
    from kosi_tui.report.write_html import FigureMarks

    # The printable summary draws its distributions; the Markdown one keeps to tables.
    marks = FigureMarks()
    markdown = render_summary(
        workshop, lang, anonymous, figure=marks.add if output.fmt == "html" else None
    )
    # Drafts that only rendering could not take are told now (anonymous: as "Person 3").
    for skipped in workshop.skipped[told:]:
        say(t("cli.skipped", lang, path=str(skipped.path), reason=skipped.reason), err=to_stderr)
    text: str | bytes = markdown
    if output.fmt in ("pdf", "docx"):
        from kosi_tui.report.extras import MissingExtra
        from kosi_tui.report.formats import write_document
        from kosi_tui.report.summary_document import build_summary_document

        try:
            text = write_document(build_summary_document(workshop, lang, anonymous), output.fmt)
        except MissingExtra as missing:
            say(t("cli.needs_extra", lang, fmt=missing.fmt, package=missing.package,
                  extra=missing.extra), err=True)  # fmt: skip
            return 1
    elif BY_KEY[output.fmt].kind == "sheet":
        from kosi_tui.report.extras import MissingExtra
        from kosi_tui.report.sheets import write_csv, write_xlsx

        try:
            text = (write_xlsx if output.fmt == "xlsx" else write_csv)(workshop, anonymous, lang)
        except MissingExtra as missing:
            say(t("cli.needs_extra", lang, fmt=missing.fmt, package=missing.package,
                  extra=missing.extra), err=True)  # fmt: skip
            return 1
    elif output.fmt == "html":
        title = t("summary.title", lang, canvas=localize(workshop.compiled.canvas.title, lang))
        text = marks.fill(render_html(markdown, title, title, lang))
    default = Path.cwd() / "workshop-summary"
    if output.fmt == "csv" and not output.to_stdout:
        return _write_csvs(output, default, text, workshop, anonymous, force, lang)
    return write_output(output, default, text, force, lang)


def _write_csvs(
    output: Output,
    default: Path,
    text: str | bytes,
    workshop: Workshop,
    anonymous: bool,
    force: bool,
    lang: str,
) -> int:
    """The main CSV and, beside it, one file per table question (`antworten-akteure-tabelle.csv`),
    so that the CSV carries every answer as a row, as the XLSX's sheets do. Nothing is written
    while one of the files exists (unless `--force`)."""
    from kosi_tui.report.sheets import table_csvs

    main = output.path(default)
    tables = [] if is_stream(main) else table_csvs(workshop, anonymous, lang)
    beside = [(main.with_name(f"{main.stem}-{part}.csv"), data) for part, data in tables]
    if not force and (taken := [path for path, _ in beside if path.exists()]):
        say(t("save.exists", lang, path=str(taken[0])))
        return 1
    code = write_output(output, default, text, force, lang)
    for path, data in beside:
        code = code or write_output(Output(path, "csv"), default, data, force, lang)
    return code
