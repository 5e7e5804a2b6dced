"""Conditions in words on a blank copy: a condition on a question with options names the option;
any other condition a canvas may hold (on a score, say) is worded generally, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from kosi_tui.report.blank import blank_document, render_blank
from kosi_tui.report.write_pdf import typst_source
from kosi_tui.storage.canvas_file import load_canvas
from tests.conftest import DATA

CONDITION = "show_if: \"status in ['informell', 'keins']\""


def with_condition(tmp_path: Path, condition: str) -> Path:
    """The minimal canvas with the mandate question's condition replaced."""
    text = (DATA / "good" / "minimal.yaml").read_text(encoding="utf-8")
    assert CONDITION in text
    canvas = tmp_path / "bedingung.yaml"
    canvas.write_text(text.replace(CONDITION, f"show_if: {condition!r}"), encoding="utf-8")
    return canvas


@pytest.mark.parametrize(
    "condition", ["scores.mandat", "not scores.mandat", "scores.mandat == true"]
)
def test_a_condition_on_a_score_is_worded_generally(tmp_path: Path, condition: str) -> None:
    # A bare reference reads as "answered yes" for a yes/no question; a score has no options.
    compiled = load_canvas(with_condition(tmp_path, condition)).compiled
    markdown = " ".join(render_blank(compiled, "de").split())
    assert "Nur beantworten, wenn sie nach den vorigen Antworten zutrifft." in markdown
    assert "Only answer if it applies" in " ".join(
        typst_source(blank_document(compiled, "en")).split()
    )


def test_a_condition_on_a_choice_names_the_choices(tmp_path: Path) -> None:
    compiled = load_canvas(with_condition(tmp_path, "status == 'rat'")).compiled
    markdown = " ".join(render_blank(compiled, "de").split())
    assert "Nur beantworten, wenn „Auf welcher Grundlage arbeiten Sie?“ mit „Ratsbeschluss“" in (
        markdown
    )
