"""Terminal input that survives any byte: text that is not UTF-8 arrives as U+FFFD.

Textual's drivers decode the terminal's bytes strictly; one Latin-1 byte (a terminal set to
another encoding, a paste from an old file) raises in the input thread and ends the app, with the
text typed just before it. No Textual option changes the decoder, and a driver of kosi's own would
have to copy the input loop with Textual's private parser; so the drivers' module-level name for
the decoder factory (a public name, `codecs.getincrementaldecoder` imported) is pointed at a
lenient one. A test feeds a bad byte to the app and
fails if a Textual upgrade takes this way away.
"""

from __future__ import annotations

import codecs
import contextlib
import importlib
from collections.abc import Callable


def _lenient(encoding: str) -> Callable[[], codecs.IncrementalDecoder]:
    factory = codecs.getincrementaldecoder(encoding)
    return lambda: factory(errors="replace")


def install() -> None:
    """Makes the terminal and browser drivers replace undecodable bytes instead of failing."""
    for name in (
        "textual.drivers.linux_driver",
        "textual.drivers.linux_inline_driver",
        "textual.drivers.web_driver",
    ):
        # The Linux driver needs termios, which Windows lacks; its own driver reads wide chars.
        with contextlib.suppress(ImportError):
            module = importlib.import_module(name)
            if hasattr(module, "getincrementaldecoder"):
                setattr(module, "getincrementaldecoder", _lenient)  # noqa: B010
