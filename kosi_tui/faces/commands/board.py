"""`kosi board`: a group game's board – live in the terminal for a workshop folder – and its
paper: role cards, the negotiation table as a poster, the run sheet and the debrief document."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from kosi_tui.faces.commands.say import say
from kosi_tui.i18n import t
from kosi_tui.storage.locate import canvas_by_id, find_canvas


def game_canvas(folder: Path, given: str | None) -> Path | None:
    """The canvas of the game in `folder`: the one named, the one the board played there last,
    the one most drafts belong to, else the bundled Planspiel."""
    from kosi_tui.faces.board.round_state import read_state
    from kosi_tui.report.game import GROUP_CANVAS_ID

    if given is not None:
        return find_canvas(given)
    state = read_state(folder)
    if state is not None and (found := canvas_by_id(state.canvas)) is not None:
        return found
    ids = Counter(_draft_canvas_ids(folder))
    for canvas_id, _ in ids.most_common():
        if (found := canvas_by_id(canvas_id)) is not None:
            return found
    return canvas_by_id(GROUP_CANVAS_ID)


def _draft_canvas_ids(folder: Path) -> list[str]:
    from kosi_tui.report.collect import draft_files
    from kosi_tui.storage.draft_file import load_draft
    from kosi_tui.storage.problems import ProblemsError

    ids = []
    for path in draft_files([folder]) if folder.is_dir() else []:
        try:
            ids.append(load_draft(path).canvas.id)
        except ProblemsError:
            continue
    return ids


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
                     run_sheet=run_sheet, paper=paper)  # fmt: skip
