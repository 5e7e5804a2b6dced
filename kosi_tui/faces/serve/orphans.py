"""Processes that end with their parent, so no app outlives the server, even a killed one."""

from __future__ import annotations

import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def end_with_parent(parent: int, sig: signal.Signals = signal.SIGTERM) -> None:
    """Asks Linux to send `sig` when the parent goes; exits at once if it has already gone.

    SIGTERM, because Textual's web driver turns it into a normal exit, which saves the draft.
    """
    if sys.platform == "linux":
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0)
    # The parent may have died before the request took effect; then nobody would tell us.
    if os.getppid() != parent:
        os._exit(1)
