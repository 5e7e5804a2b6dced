"""`kosi board … -o FILE`: a group game on paper – role cards, the negotiation table as a poster
(blank for a canvas, filled for a workshop folder), the run sheet and the debrief document."""

from __future__ import annotations

from pathlib import Path

from kosi_tui.faces.commands.game_canvas import game_canvas
from kosi_tui.faces.commands.output import OutputRefused, choose_output, write_output
from kosi_tui.faces.commands.say import say
from kosi_tui.i18n import t
from kosi_tui.report.extras import MissingExtra
from kosi_tui.report.formats import write_document
from kosi_tui.storage.canvas_file import LoadedCanvas, load_canvas
from kosi_tui.storage.locate import find_canvas
from kosi_tui.storage.problems import ProblemsError


def _canvas(source: Path, given: str | None) -> Path | None:
    if source.is_dir():
        return game_canvas(source, given)
    return find_canvas(given or str(source))


def run_paper(
    source: str,
    canvas_name: str | None,
    out: Path | None,
    fmt: str | None,
    force: bool,
    lang: str,
    *,
    cards: bool = False,
    poster: bool = False,
    run_sheet: bool = False,
    paper: str | None = None,
    anonymous: bool = False,
) -> int:
    """Writes the paper asked for and says where it went; `anonymous` names no player."""
    folder = Path(source)
    pdf_only = cards or poster
    try:
        output = choose_output(out, fmt or ("pdf" if out is None else None), lang)
        if pdf_only and output.fmt != "pdf":
            raise OutputRefused(t("cli.paper_pdf", lang))
        if not (cards or poster or run_sheet) and not folder.is_dir():
            say(t("cli.board_folder_needed", lang, source=source), err=True)
            return 1
    except OutputRefused as refused:
        say(str(refused), err=True)
        return 2
    path = _canvas(folder, canvas_name)
    if path is None:
        say(t("cli.no_such_canvas", lang, name=canvas_name or source))
        return 1
    try:
        loaded: LoadedCanvas = load_canvas(path)
        if loaded.canvas.group is None:
            say(t("cli.board_not_group", lang, id=loaded.canvas.id))
            return 1
        data, name = _make(loaded, folder, lang, output.fmt, cards, poster, run_sheet, paper,
                           anonymous)  # fmt: skip
    except ProblemsError as err:
        for problem in err.problems:
            say(problem.render(lang), err=output.to_stdout)
        return 1
    except MissingExtra as missing:
        say(t("cli.needs_extra", lang, fmt=missing.fmt, package=missing.package,
              extra=missing.extra), err=True)  # fmt: skip
        return 1
    return write_output(output, Path.cwd() / f"{loaded.canvas.id}-{name}", data, force, lang)


def _make(loaded: LoadedCanvas, folder: Path, lang: str, fmt: str, cards: bool, poster: bool,
          run_sheet: bool, paper: str | None,
          anonymous: bool = False) -> tuple[str | bytes, str]:  # fmt: skip
    compiled = loaded.compiled
    if cards:
        from kosi_tui.report.role_cards import write_role_cards

        return write_role_cards(compiled, lang, paper or "A6"), t("cards.file", lang)
    if run_sheet:
        from kosi_tui.report.run_sheet import build_run_sheet

        return write_document(build_run_sheet(compiled, lang), fmt), t("run_sheet.file", lang)
    from kosi_tui.report.game import load_game
    from kosi_tui.storage.round_state import read_state

    if poster:
        from kosi_tui.report.negotiation_poster import write_negotiation_poster

        if not folder.is_dir():
            return write_negotiation_poster(compiled, lang, paper or "A3"), t(
                "poster_table.file", lang
            )
        state = read_state(folder)
        game = load_game(folder, lang, loaded.path, anonymous)
        upto = state.round if state is not None else None
        data = write_negotiation_poster(compiled, lang, paper or "A3", game, upto)
        return data, t("poster_table.file", lang)
    from kosi_tui.report.debrief import build_debrief

    state = read_state(folder)
    game = load_game(folder, lang, loaded.path, anonymous)
    upto = state.round if state is not None else None
    from kosi_tui.faces.board.record import read_record

    record = read_record(folder) if folder.is_dir() else []
    return write_document(build_debrief(game, lang, upto, record=record), fmt), t(
        "debrief.file", lang
    )
