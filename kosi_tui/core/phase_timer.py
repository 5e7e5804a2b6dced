"""The phase timer of a group game: how long the current phase has run, started, stopped and set
back to zero by the trainer.

Kept as a moment and a count, not as a ticking number, so that every board that reads it (a
reload, a second beamer) shows the same time: while it runs, the time is `stood` plus the seconds
since `started`. The clock is the caller's (seconds since the epoch on the server).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PhaseTimer:
    """A stopwatch that can be resumed: nothing counted and standing until first started."""

    started: float | None = None
    """When it was last started (the caller's clock); None while it stands."""
    stood: float = 0.0
    """The seconds counted before it was last started, or when it was stopped."""

    @property
    def running(self) -> bool:
        return self.started is not None

    def seconds(self, now: float) -> float:
        """The seconds counted at `now` (never fewer than none, should the clock go back)."""
        extra = max(0.0, now - self.started) if self.started is not None else 0.0
        return self.stood + extra

    def start(self, now: float) -> PhaseTimer:
        """Running, counting on from where it stood; a running timer stays as it is (a second
        click, or a second beamer, does not restart it)."""
        return self if self.running else PhaseTimer(now, self.stood)

    def stop(self, now: float) -> PhaseTimer:
        """Standing at the time it shows now."""
        return PhaseTimer(None, self.seconds(now)) if self.running else self

    def reset(self, now: float) -> PhaseTimer:
        """Back to zero: a running timer counts on from zero, a standing one stands at zero."""
        return PhaseTimer(now if self.running else None, 0.0)


def clock_text(seconds: float) -> str:
    """The time as a beamer shows it: minutes and seconds ('02:05', '75:00' past the hour)."""
    minutes, rest = divmod(int(max(0.0, seconds)), 60)
    return f"{minutes:02d}:{rest:02d}"
