"""`kosi import RESPONSES --canvas CANVAS --into FOLDER`: a survey platform's responses (a CSV
file, KoboToolbox's XLSX export, ODK Central's CSV zip) as kosi drafts, one file each, so the
summary, the reports and the Planspiel board read them."""

from __future__ import annotations

from pathlib import Path

from kosi_tui.faces.commands.say import say
from kosi_tui.i18n import t
from kosi_tui.storage.locate import find_canvas
from kosi_tui.storage.problems import ProblemsError


def run_import(responses: Path, canvas_name: str, into: Path, lang: str) -> int:
    """Writes a draft per response into `into`, never over an existing file; 1 when the file
    cannot be read or a value was left out (the other answers are written)."""
    from kosi_tui.exchange.repeats import read_export
    from kosi_tui.exchange.responses import ResponsesError, draft_name, read_tables
    from kosi_tui.storage.atomic import WriteError, create_exclusive
    from kosi_tui.storage.canvas_file import load_canvas
    from kosi_tui.storage.draft_file import draft_to_yaml
    from kosi_tui.storage.write_problem import describe

    path = find_canvas(canvas_name)
    if path is None or not path.exists():
        say(t("cli.no_such_canvas", lang, name=canvas_name))
        return 1
    try:
        loaded = load_canvas(path)
    except ProblemsError as err:
        for problem in err.problems:
            say(problem.render(lang))
        return 1
    try:
        raw = responses.read_bytes()
        rows, repeats = read_export(responses, raw)
        imported = read_tables(rows, repeats, loaded.compiled, loaded.sha256, lang)
    except ProblemsError as err:
        for problem in err.problems:
            say(problem.render(lang))
        return 1
    except OSError as err:
        say(t("import.unreadable", lang, file=str(responses), reason=err.strerror or str(err)))
        return 1
    except ResponsesError as err:
        say(
            f"{responses}: {t('severity.error', lang)}: {t(f'import.{err.code}', lang, **err.args_)}"
        )
        return 1
    level = t("severity.warning", lang)
    for bad in imported.bad:
        message = t("import.bad_value", lang, value=bad.value, issue=bad.issue.message(lang))
        where = f"{responses}!{bad.part}" if bad.part else str(responses)
        say(f"{where}:{bad.row}:{bad.column}: {level}: {message}")
    if imported.ignored:
        say(t("import.ignored", lang, file=str(responses), columns=", ".join(imported.ignored)))
    for key in imported.left_out:
        say(t("import.table_left_out", lang, file=str(responses), question=key))
    written = existing = 0
    for response, draft in imported.drafts:
        target = into / draft_name(loaded.canvas.id, imported.platform, response)
        try:
            if create_exclusive(target, draft_to_yaml(draft).encode("utf-8")):
                written += 1
            else:
                existing += 1
        except WriteError as err:
            say(describe(err, lang, holding="document", elsewhere="--into"))
            return 1
    say(t("import.done", lang, count=written, folder=str(into), existing=existing,
          bad=len(imported.bad), platform=imported.platform))  # fmt: skip
    return 1 if imported.bad else 0
