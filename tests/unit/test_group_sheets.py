"""A group game in the spreadsheets (issue 24, item 8): the round questions carry their round's
name (three columns "Wie viel Geld geben Sie einmalig …?" could not be told apart), and a sheet
and a CSV hold the group's figures per round, with who walked away – read back with openpyxl and
the csv module, checked against figures worked out by hand."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from kosi_tui.report.collect import collect_workshop
from kosi_tui.report.sheets import table_csvs, write_csv, write_xlsx
from tests import group_play

MONEY_ONCE = "Wie viel Geld geben Sie einmalig für den Bau?"


def played(folder: Path):  # type: ignore[no-untyped-def]
    fillings = group_play.play_all(folder)
    # Round 3: the users walk away; their 2,400 € no longer count.
    group_play.offer(fillings["nutzende"], 2, {"stand": "ausstieg"})
    return collect_workshop([folder], "de", group_play.CANVAS)


def test_the_csv_names_the_rounds_and_carries_the_figures(tmp_path: Path) -> None:
    workshop = played(tmp_path)
    text = write_csv(workshop, False, "de").decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(text), delimiter=";"))
    assert f"Runde 1 – Erste Angebote: {MONEY_ONCE}" in header
    assert f"Runde 3 – Verbindliche Zusagen: {MONEY_ONCE}" in header
    assert MONEY_ONCE not in header  # never without its round
    files = dict(table_csvs(workshop, False, "de"))
    figures = list(
        csv.reader(io.StringIO(files["kennzahlen-runden"].decode("utf-8-sig")), delimiter=";")
    )
    assert figures[0] == [
        "Kennzahl", "Einheit", "Runde 1: Erste Angebote", "Runde 2: Nach der Verhandlung",
        "Runde 3: Verbindliche Zusagen",
    ]  # fmt: skip
    rows = {row[0]: row[1:] for row in figures[1:]}
    # By hand: one-off money 4,000 + 2,000 + 500 = 6,500; 2,000 + 6,000 + 2,500 + 500 + 1,200
    # = 12,200; round 3 without the users: 2,000 + 6,000 + 3,100 + 500 = 11,600.
    assert rows["Einmalige Zusagen"] == ["€", "6500", "12200", "11600"]
    assert rows["Investitionslücke"] == ["€", "7500", "1800", "2400"]
    # Deficit shares 0; 30 + 40 + 30; round 3 without the users' 30.
    assert rows["Verteiltes Defizit"] == ["%", "0", "100", "70"]
    assert rows["Ausgestiegen (zählt nicht mit)"] == ["", "", "", "Nutzende"]
    assert rows["Abgegeben"][1:] == ["5 von 5 haben abgegeben"] * 3


def test_the_workbook_has_the_figures_sheet(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    workshop = played(tmp_path)
    book = openpyxl.load_workbook(io.BytesIO(write_xlsx(workshop, False, "de")))
    assert "Kennzahlen je Runde" in book.sheetnames
    sheet = book["Kennzahlen je Runde"]
    rows = {r[0]: r[1:] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["Jährliche Lücke"] == ("€/Jahr", 1148, 860, 2000)
    people = book.worksheets[0]
    header = [c.value for c in people[1]]
    assert f"Runde 2 – Nach der Verhandlung: {MONEY_ONCE}" in header
    by_question = book.worksheets[1]
    labels = {r[1] for r in by_question.iter_rows(min_row=2, values_only=True)}
    assert f"Runde 3 – Verbindliche Zusagen: {MONEY_ONCE}" in labels
