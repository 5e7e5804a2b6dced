"""The single-quote hint is given for quotes inside quotes, and only there."""

from __future__ import annotations

import pytest

from kosi_tui.storage.yaml_source import _quotes_inside_quotes


@pytest.mark.parametrize(
    "line",
    ['  show_if: "a.b == "x""', "  show_if: 'a.b == 'x''", '  - "a "b" c"',
     '  label: {de: "Der "Rat"", en: x}', '  rule: "value != \\"\\" and "x""'],
)  # fmt: skip
def test_quotes_inside_quotes(line: str) -> None:
    assert _quotes_inside_quotes(line)


@pytest.mark.parametrize(
    "line",
    ['  show_if: "a.b == \'x\'"', "  show_if: 'it''s'", '  label: {de: "a", en: "b"}',
     '  x: "a" # "kommentar"', '  - ["a", "b"]', '  show_if: "a.b == \\"x\\""', "  key: value"],
)  # fmt: skip
def test_well_quoted_lines_get_no_quote_hint(line: str) -> None:
    assert not _quotes_inside_quotes(line)
