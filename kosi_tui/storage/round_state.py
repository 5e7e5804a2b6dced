"""Which round the game is in: a small file of its own in the workshop folder.

The board (in the terminal or the browser) is the only writer; participants' drafts are never
touched. The file is JSON, not YAML, so that nothing that reads a folder's drafts takes it for one.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeGuard

from kosi_tui.core.answers import now
from kosi_tui.core.phase_timer import PhaseTimer
from kosi_tui.storage.atomic import write_atomic

STATE_FILE = "kosi-planspiel.json"
FORMAT = "kosi-round/1"


@dataclass(frozen=True)
class RoundState:
    """The canvas played, the current round (0-based) and when each round was started."""

    canvas: str
    round: int = 0
    started: list[str] = field(default_factory=list)
    """ISO times at which each round up to the current one was started."""
    revealed: list[int] = field(default_factory=list)
    """Sealed rounds (0-based) the trainer has revealed."""
    timer: PhaseTimer = field(default_factory=PhaseTimer)
    """The phase timer the served board shows (kept here so every beamer shows the same time)."""


def read_state(folder: Path) -> RoundState | None:
    """The state in `folder`; None when there is none or it cannot be read (then round 1)."""
    try:
        data = json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # RecursionError: nested too deep
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    canvas, index, started = data.get("canvas"), data.get("round"), data.get("started", [])
    if not isinstance(canvas, str) or not isinstance(index, int) or index < 0:
        return None
    revealed = data.get("revealed", [])
    return RoundState(
        canvas,
        index,
        [s for s in started if isinstance(s, str)] if isinstance(started, list) else [],
        [r for r in revealed if isinstance(r, int)] if isinstance(revealed, list) else [],
        _timer(data.get("timer")),
    )


def _timer(data: object) -> PhaseTimer:
    """The timer as written, or a standing one at zero when it is missing or makes no sense."""
    if not isinstance(data, dict):
        return PhaseTimer()
    started, stood = data.get("started"), data.get("stood", 0.0)
    if started is not None and not _finite(started):
        return PhaseTimer()
    if not _finite(stood) or not 0 <= stood < 10**7:
        return PhaseTimer()
    return PhaseTimer(float(started) if started is not None else None, float(stood))


def _finite(value: object) -> TypeGuard[float]:
    # JSON readers take NaN and Infinity; a clock built on them cannot be shown.
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def write_state(folder: Path, state: RoundState) -> None:
    """Writes the state in one step; raises `WriteError` when the folder cannot be written."""
    data = {"format": FORMAT, "canvas": state.canvas, "round": state.round,
            "started": state.started, "revealed": state.revealed,
            "timer": {"started": state.timer.started, "stood": state.timer.stood}}  # fmt: skip
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    write_atomic(folder / STATE_FILE, text.encode("utf-8"), backup=False)


def moved(state: RoundState, step: int, rounds: int) -> RoundState:
    """The state one round on (`step` 1) or back (-1), kept within the canvas's rounds."""
    index = max(0, min(rounds - 1, state.round + step))
    started = list(state.started[: index + 1])
    if index > state.round or not started:
        started += [now().isoformat()] * (index + 1 - len(started))
    return replace(state, round=index, started=started)


def revealed(state: RoundState) -> RoundState:
    """The state with its current round revealed."""
    if state.round in state.revealed:
        return state
    return replace(state, revealed=[*state.revealed, state.round])


def hidden(state: RoundState | None, rnd_index: int, sealed: bool) -> bool:
    """Whether round `rnd_index` is shown sealed: declared so and not yet revealed."""
    return sealed and (state is None or rnd_index not in state.revealed)


def current_round(folder: Path, canvas_id: str) -> int | None:
    """The round (0-based) the board has set for `canvas_id` in `folder`, for a participant's
    screen; None while no board has set one (or it plays another canvas)."""
    state = read_state(folder)
    return state.round if state is not None and state.canvas == canvas_id else None
