"""A number no one can calculate with (an integer beyond a float's range, typed into a draft by
hand) is shown as unreadable by every writer and every part of a report; it never stops one."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kosi_tui.cli import main
from kosi_tui.core.kinds.base import is_number
from tests.conftest import ROOT

HUGE = 10**400
EXAMPLE = ROOT / "examples" / "koinvestition-fahrradgarage.answers.yaml"


@pytest.fixture
def huge_draft(tmp_path: Path) -> Path:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    rows = data["answers"]["beitraege.tabelle"]
    # A summed column (its total), the stacked chart's amounts and its target.
    rows[0]["geld_einmalig"] = HUGE
    rows[1]["geld_laufend"] = -HUGE
    data["answers"]["finanzen.investition"] = HUGE
    path = tmp_path / "riesig.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("command", "ending"),
    [("report", "md"), ("report", "html"), ("report", "docx"), ("report", "pdf"),
     ("summary", "html"), ("summary", "xlsx"), ("summary", "csv")],
)  # fmt: skip
def test_every_writer_takes_a_number_beyond_a_float(
    huge_draft: Path, tmp_path: Path, command: str, ending: str, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / f"{command}.{ending}"
    source = huge_draft if command == "report" else huge_draft.parent
    code = main([command, str(source), "-o", str(target), "--force"])
    said = capsys.readouterr()
    assert "Traceback" not in said.out + said.err
    assert code == 0, said.out + said.err
    assert target.stat().st_size > 0


@pytest.mark.parametrize(
    ("value", "usable"),
    [(1, True), (-2.5, True), (10**300, True), (HUGE, False), (-HUGE, False),
     (float("inf"), False), (float("nan"), False), (True, False), ("1", False), (None, False)],
)  # fmt: skip
def test_one_guard_for_numbers(value: object, usable: bool) -> None:
    assert is_number(value) is usable


def test_a_placeholder_computing_beyond_a_float_reads_unreadable() -> None:
    from kosi_tui.core.evaluation import shown_value
    from kosi_tui.core.expr import parse
    from kosi_tui.core.expr.nodes import Literal
    from kosi_tui.core.session import Session
    from kosi_tui.storage.canvas_file import load_canvas
    from tests.conftest import DATA

    session = Session(load_canvas(DATA / "good" / "minimal.yaml").compiled)
    # 10**5000 has more digits than Python writes out, and no float holds it.
    assert shown_value(session, parse("10 * 10"), "de") == "100"
    assert shown_value(session, Literal(10**5000), "de") == "(nicht lesbar)"
    assert shown_value(session, Literal(HUGE), "en") == "(not readable)"
