"""Which canvas a workshop folder's group game is played with: for the live board and its paper."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

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
