"""`kosi board`: a group game's board – live in the terminal for a workshop folder – and its
paper: role cards, the negotiation table as a poster, the run sheet and the debrief document."""

from __future__ import annotations

from pathlib import Path

from kosi_tui.faces.commands.game_canvas import game_canvas
from kosi_tui.faces.commands.say import say
from kosi_tui.i18n import t


def run_live_board(folder: Path, canvas_name: str | None, lang: str) -> int:
    """Runs the board on a workshop folder until the trainer quits."""
    from kosi_tui.storage.canvas_file import load_canvas
    from kosi_tui.storage.problems import ProblemsError

    folder.mkdir(parents=True, exist_ok=True)
    canvas = game_canvas(folder, canvas_name)
    if canvas is None:
        say(t("cli.no_such_canvas", lang, name=canvas_name or ""))
        return 1
    try:
        loaded = load_canvas(canvas)
    except ProblemsError as err:
        for problem in err.problems:
            say(problem.render(lang))
        return 1
    if loaded.canvas.group is None:
        say(t("cli.board_not_group", lang, id=loaded.canvas.id))
        return 1
    from kosi_tui.faces.board.app import BoardApp

    BoardApp(folder, canvas, loaded.canvas.id, lang).run()
    return 0


def run_board(
    source: str,
    canvas: str | None,
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
    """The live board for a folder; with `-o`, `--cards`, `--poster` or `--run-sheet`, paper."""
    path = Path(source)
    if not (out or cards or poster or run_sheet):
        if path.exists() and not path.is_dir():
            say(t("cli.board_folder_needed", lang, source=source))
            return 1
        return run_live_board(path, canvas, lang)
    from kosi_tui.faces.commands.board_paper import run_paper

    return run_paper(source, canvas, out, fmt, force, lang, cards=cards, poster=poster,
                     run_sheet=run_sheet, paper=paper, anonymous=anonymous)  # fmt: skip
