"""How the commands print: every message goes through `say`, so nothing from a file can act on
the terminal.

Messages carry text from files – canvas ids, titles, file names, answers, the arguments of
problems – and a file can hold escape sequences that retitle the window or rewrite the screen.
`say` shows their control and bidirectional characters visibly (`\\x1b`, `\\u202e`); see
`kosi_tui.core.visible_text`.
"""

from __future__ import annotations

import sys

from kosi_tui.core.visible_text import for_terminal


def say(text: str = "", *, err: bool = False) -> None:
    """Prints one message, made harmless for the terminal; to standard error with `err`."""
    print(for_terminal(text), file=sys.stderr if err else sys.stdout)
