"""Text from files shown harmlessly: control characters visible, bidirectional controls gone."""

from __future__ import annotations

from kosi_tui.core.visible_text import for_report, for_terminal, without_bidi_controls

HOSTILE = "a\x1b]0;PWNED\x07b\u202ec\td\ne\x9b\x7f\udc80\u2066\u200f\u061c"


def test_terminal_shows_controls_and_bidi_visibly() -> None:
    assert for_terminal(HOSTILE) == (
        "a\\x1b]0;PWNED\\x07b\\u202ec\td\ne\\x9b\\x7f\\udc80\\u2066\\u200f\\u061c"
    )


def test_report_shows_controls_and_drops_bidi() -> None:
    assert for_report(HOSTILE) == "a\\x1b]0;PWNED\\x07bc\td\ne\\x9b\\x7f\\udc80"
    assert for_report("eins\r\nzwei\rdrei") == "eins\nzwei\\x0ddrei"


def test_ordinary_text_is_untouched() -> None:
    text = "Straße, Größe – „Zitat“ ✓ \\x1b wörtlich\n\tEinzug, عربى"
    assert for_terminal(text) == text
    assert for_report(text) == text
    assert without_bidi_controls(text) == text


def test_idempotent() -> None:
    for f in (for_terminal, for_report, without_bidi_controls):
        assert f(f(HOSTILE)) == f(HOSTILE)
