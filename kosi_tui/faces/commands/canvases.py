"""`kosi canvases`: lists the bundled and the user's canvases."""

from __future__ import annotations

from pathlib import Path

from kosi_tui.core.text import localize
from kosi_tui.core.visible_text import for_terminal
from kosi_tui.faces.commands.say import say
from kosi_tui.i18n import t
from kosi_tui.paths import bundled_canvases, user_canvases
from kosi_tui.storage.catalog import CatalogEntry, catalog, same_ids
from kosi_tui.storage.locate import canvas_by_id


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
    for canvas_id, found in same_ids(entries).items():
        _warn_same_id(canvas_id, found, lang)
    say(t("cli.user_folder", lang, folder=str(user_canvases())))
    return 0


def _warn_same_id(canvas_id: str, found: list[CatalogEntry], lang: str) -> None:
    """Two files of one id: both named, with the one an id opens and how to reach the other."""
    opened = canvas_by_id(canvas_id)
    say(t("cli.same_id", lang, id=for_terminal(canvas_id), count=len(found)))
    for entry in found:
        source = t(f"cli.source_{entry.source}", lang)
        mark = (
            t("cli.same_id_opened", lang, id=for_terminal(canvas_id))
            if entry.path == opened
            else ""
        )
        say(f"  {source}: {for_terminal(str(entry.path))}{mark}")
    say(t("cli.same_id_choose", lang, id=for_terminal(canvas_id)))
    say()


def run_version(lang: str) -> int:
    """`kosi --version`: the version, and every folder canvases are listed from."""
    from kosi_tui.storage.packs import installed_packs

    say(t("cli.version_line", lang, version=_version()))
    say(t("cli.version_sources", lang))
    user = t("cli.source_user", lang)
    say(t("cli.version_source_line", lang, source=user, folder=for_terminal(str(user_canvases()))))
    for pack in installed_packs():
        names = {"name": for_terminal(pack.name), "distribution": for_terminal(pack.distribution)}
        if pack.folder is None:
            say(t("cli.version_pack_missing", lang, module=for_terminal(pack.module), **names))
        else:
            say(t("cli.version_pack", lang, folder=for_terminal(str(pack.folder)), **names))
    bundled = t("cli.source_bundled", lang)
    folder = for_terminal(str(bundled_canvases()))
    say(t("cli.version_source_line", lang, source=bundled, folder=folder))
    return 0


def run_add(path: Path, replace: bool, lang: str) -> int:
    """`kosi canvases add PATH`: checks every canvas at PATH (file, folder, zip), then copies
    them into the user's canvas folder; 1 when nothing could be added or a file was kept."""
    from kosi_tui.storage.atomic import WriteError
    from kosi_tui.storage.canvas_add import check, gather, put
    from kosi_tui.storage.problems import ProblemsError

    shown = for_terminal(str(path))
    if not path.exists():
        say(t("cli.add_missing", lang, path=shown))
        return 1
    try:
        incoming, skipped = gather(path)
    except ProblemsError as err:
        for problem in err.problems:
            say(for_terminal(problem.render(lang)))
        say(t("cli.add_refused", lang))
        return 1
    if skipped:
        say(t("cli.add_skipped", lang, names=for_terminal(", ".join(skipped))))
    if not incoming:
        say(t("cli.add_nothing", lang, path=shown))
        return 1
    problems = check(incoming)
    if problems:
        for problem in problems:
            say(for_terminal(problem.render(lang)))
        say(t("cli.add_refused", lang))
        return 1
    folder = user_canvases()
    kept = 0
    for item in incoming:
        target = for_terminal(str(folder / item.name))
        try:
            outcome = put(item, folder, replace)
        except WriteError as err:
            say(t("cli.add_failed", lang, path=target, reason=err.reason))
            return 1
        kept += outcome == "exists"
        say(t(f"cli.add_{outcome}", lang, path=target))
    return 1 if kept else 0


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    import kosi_tui

    try:
        return version("kosi-tui")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return kosi_tui.__version__
