"""A group game in the spreadsheets (`kosi summary` as .xlsx and .csv): the round questions
named with their round, and a sheet of the group's figures per round – the sums, the gaps, the
shares – with who submitted, who walked away and the flags, so a trainer can chart the rounds.

Everything is computed once by the game engine (`report/game.py`), the same figures as the board
and the debrief; nothing is averaged across drafts.
"""

from __future__ import annotations

import datetime as dt

from kosi_tui.core.compiled import CompiledCanvas
from kosi_tui.core.group import rejected_text, role_name
from kosi_tui.core.group_player import round_of_section
from kosi_tui.core.numbers import is_number
from kosi_tui.core.text import localize
from kosi_tui.i18n import t
from kosi_tui.report.game import game_from_workshop
from kosi_tui.report.workshop import Workshop

Cell = str | int | float | dt.date | None

GROUP_SHEET_KEY = "kennzahlen.runden"
"""The group sheet's key among the sheets: its CSV is written beside the main one as
`…-kennzahlen-runden.csv`."""


def round_label(compiled: CompiledCanvas, key: str, label: str, lang: str) -> str:
    """A question's column label, with its round where it is asked in one ("Runde 2 – Nach der
    Verhandlung: Wie viel Geld …"): the rounds ask the same questions, which alone could not be
    told apart."""
    group = compiled.canvas.group
    if group is None:
        return label
    index = round_of_section(group, key.split(".", 1)[0])
    if index is None:
        return label
    title = localize(group.rounds[index].title, lang)
    return t("sheets.round_label", lang, n=index + 1, title=title, label=label)


def group_rows(workshop: Workshop, lang: str) -> list[list[Cell]]:
    """The group's figures per round, a row each (a column per round; numbers as numbers, the
    unit in a column of its own, since a round's column mixes euros, per cent and parties), then
    who submitted, who walked away, the answers left out of the sums, the offers beyond a role
    card and the flags. Empty for a canvas that is not a group game."""
    group = workshop.compiled.canvas.group
    if group is None:
        return []
    results = game_from_workshop(workshop).rounds()
    header: list[Cell] = [t("board.col_figure", lang), t("sheets.col_unit", lang)]
    header += [
        t("sheets.round_title", lang, n=r.index + 1, title=localize(r.round.title, lang))
        for r in results
    ]
    rows: list[list[Cell]] = [header]
    for figure in group.figures:
        unit = localize(figure.unit, lang) if figure.unit else ""
        values: list[Cell] = []
        for result in results:
            value = result.figures.get(figure.id)
            values.append(value if is_number(value) and not isinstance(value, bool) else None)
        rows.append([localize(figure.label, lang), unit, *values])

    def names(found: list[str]) -> str:
        return ", ".join(found)

    rows.append([t("sheets.submitted", lang), "",
                 *(t("board.submitted", lang, done=len(r.submitted), total=len(r.rows))
                   for r in results)])  # fmt: skip
    rows.append([t("sheets.walked_away", lang), "",
                 *(names([role_name(row.role, lang, True) for row in r.walked_away])
                   for r in results)])  # fmt: skip
    rows.append([t("sheets.left_out", lang), "",
                 *("; ".join(rejected_text(workshop.compiled, x, lang) for x in r.rejected)
                   for r in results)])  # fmt: skip
    rows.append([t("sheets.beyond", lang), "",
                 *(names([role_name(row.role, lang, True) for row, _ in r.beyond])
                   for r in results)])  # fmt: skip
    rows.append([t("board.flags", lang), "",
                 *("; ".join(localize(f.message, lang) for f in r.flags) for r in results)])  # fmt: skip
    return rows
