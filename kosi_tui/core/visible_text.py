"""Text from files made harmless for where it is shown: the terminal, or a report.

A draft or canvas is written by anyone, so its strings may hold control characters (ESC starts a
terminal escape sequence that can retitle the window or rewrite what is on screen, BEL rings,
CR overwrites the line) and bidirectional controls (U+202E makes text display in reverse order,
hiding what it really says).

- **Terminal** (`for_terminal`): every control character except newline and tab is shown
  visibly as a Python-style escape – `\\x1b`, `\\x07`, `\\x9b` – and so is every bidirectional
  control (`\\u202e`) and lone surrogate (`\\udc80`, which an encoder would refuse). The person at
  the terminal sees that something odd is in the file, and nothing acts on their terminal.
- **Reports** (`for_report`): control characters are shown the same visible way (a printed
  report should show that the answer held something odd, not hide it); a Windows line end
  (CR LF) becomes a plain newline first. Bidirectional controls are dropped
  (`without_bidi_controls`): a report is read, not debugged, and the text then shows in its
  natural order.

Newline and tab are kept in both: messages and answers have lines, and every format placing
text escapes them as it needs. All three functions are idempotent.
"""

from __future__ import annotations

import re

# Bidirectional formatting: embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069),
# the marks LRM/RLM (U+200E/F) and the Arabic letter mark (U+061C).
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# C0 except tab and newline, DEL, C1; lone surrogates cannot be encoded for output at all.
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff"

_TERMINAL = re.compile(f"[{_CONTROL}{_BIDI}]")
_REPORT = re.compile(f"[{_CONTROL}]")
_BIDI_ONLY = re.compile(f"[{_BIDI}]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def for_terminal(text: str) -> str:
    """`text` with control and bidirectional characters shown as `\\x1b` / `\\u202e`."""
    return _TERMINAL.sub(_escape, text)


def without_bidi_controls(text: str) -> str:
    """`text` without bidirectional formatting characters."""
    return _BIDI_ONLY.sub("", text)


def for_report(text: str) -> str:
    """`text` for a report: control characters shown as `\\x1b`, bidirectional ones dropped."""
    text = text.replace("\r\n", "\n")
    return _REPORT.sub(_escape, without_bidi_controls(text))


_LINE_ENDS = re.compile("\r\n?")


def printable(text: str) -> str:
    """`text` as kosi keeps it from a file: line ends as newlines, other controls shown visibly.

    Applied to every string read from YAML, so no escape sequence from a canvas or draft can
    reach a terminal, an input field or a browser, whichever face shows it. Bidirectional
    characters stay (they are text); each face decides how to show them.
    """
    return _REPORT.sub(_escape, _LINE_ENDS.sub("\n", text))
