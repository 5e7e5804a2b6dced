"""`kosi summary`: one overview of a workshop's drafts."""

from __future__ import annotations

from pathlib import Path

from kosi_tui.core.text import localize
from kosi_tui.faces.commands.output import OutputRefused, choose_output, write_output
from kosi_tui.faces.commands.say import say
from kosi_tui.i18n import t
from kosi_tui.report.collect import collect_workshop
from kosi_tui.report.html import render_html
from kosi_tui.report.summary import render_summary
from kosi_tui.storage.problems import ProblemsError


def run_summary(
    paths: list[Path], out: Path | None, fmt: str | None, lang: str, anonymous: bool, force: bool
) -> int:
    """Writes the summary and prints where it went, and which files were left out."""
    try:
        output = choose_output(out, fmt, lang)
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
    markdown = render_summary(workshop, lang, anonymous)
    for skipped in workshop.skipped:
        say(t("cli.skipped", lang, path=str(skipped.path), reason=skipped.reason), err=to_stderr)
    text = markdown
    if output.fmt == "html":
        title = t("summary.title", lang, canvas=localize(workshop.compiled.canvas.title, lang))
        text = render_html(markdown, title, title, lang)
    return write_output(output, Path.cwd() / "workshop-summary", text, force, lang)
