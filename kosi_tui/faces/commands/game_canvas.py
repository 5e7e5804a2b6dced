"""Which canvas a workshop folder's group game is played with: for the live board and its paper."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from kosi_tui.storage.locate import canvas_by_id, find_canvas


def game_canvas(folder: Path, given: str | None) -> Path | None:
    """The canvas of the game in `folder`: the one named, the one the board played there last,
    the group canvas most drafts belong to, else the bundled Planspiel."""
    from kosi_tui.report.game import GROUP_CANVAS_ID
    from kosi_tui.storage.round_state import read_state

    if given is not None:
        return find_canvas(given)
    state = read_state(folder)
    if state is not None and (found := canvas_by_id(state.canvas)) is not None:
        return found
    ids = Counter(_draft_canvas_ids(folder))
    known = [found for i, _ in ids.most_common() if (found := canvas_by_id(i)) is not None]
    # A training day's folder holds the self-reflection beside the game: the game is the canvas
    # played as a group, even where other drafts are more.
    for found in known:
        if _is_group(found):
            return found
    # Only a group canvas plays on the board: a folder with the day's self-reflection alone
    # (nobody has started the game yet) gets the bundled game, as an empty folder does.
    return canvas_by_id(GROUP_CANVAS_ID)


def _is_group(path: Path) -> bool:
    from kosi_tui.storage.canvas_file import load_canvas
    from kosi_tui.storage.problems import ProblemsError

    try:
        return load_canvas(path).canvas.group is not None
    except ProblemsError:
        return False


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
