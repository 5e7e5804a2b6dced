"""`kosi canvases`: lists the bundled and the user's canvases."""

from __future__ import annotations

from kosi_tui.core.text import localize
from kosi_tui.core.visible_text import for_terminal
from kosi_tui.faces.commands.say import say
from kosi_tui.i18n import t
from kosi_tui.paths import user_canvases
from kosi_tui.storage.catalog import catalog


def run_canvases(lang: str) -> int:
    """Prints one line per canvas: id, version, languages, questions, title, and where it is."""
    entries = catalog()
    rows: list[tuple[str, ...]] = []
    for entry in entries:
        source = t(f"cli.source_{entry.source}", lang)
        if entry.loaded is None:
            first = entry.problems[0]
            rows.append(
                (
                    entry.path.stem,
                    "-",
                    "-",
                    "-",
                    t("cli.broken", lang, line=first.line, message=first.message(lang)),
                    source,
                )
            )
            continue
        canvas = entry.loaded.canvas
        rows.append(
            (
                canvas.id,
                canvas.version,
                ",".join(canvas.languages),
                str(canvas.question_count()),
                localize(canvas.title, lang),
                source,
            )
        )
    # Made visible before measuring, so a control character in a title cannot skew the columns.
    rows = [tuple(for_terminal(cell) for cell in row) for row in rows]
    header = tuple(
        t(f"cli.col_{c}", lang)
        for c in ("id", "version", "languages", "questions", "title", "source")
    )
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header) - 1)]
    for row in [header, *rows]:
        cells = [cell.ljust(widths[i]) for i, cell in enumerate(row[:-1])]
        say("  ".join([*cells, row[-1]]).rstrip())
    say()
    say(t("cli.user_folder", lang, folder=str(user_canvases())))
    return 0
