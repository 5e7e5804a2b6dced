"""The run sheet of a group game for the trainer: the phases of a 30-, 60- and 90-minute game,
each with its clock times and what to do, then what to prepare and the debrief questions.
Built on the report's document model, so it prints as PDF and opens in Word."""

from __future__ import annotations

from kosi_tui.core.compiled import CompiledCanvas
from kosi_tui.core.group import role_name
from kosi_tui.core.group_canvas import RUN_SHEET_LENGTHS
from kosi_tui.core.text import localize
from kosi_tui.i18n import t
from kosi_tui.report.document import Document, Grid, Items, Line, Part


def build_run_sheet(compiled: CompiledCanvas, lang: str) -> Document:
    """The run sheet: preparation, one timetable per length, the debrief questions."""
    group = compiled.canvas.group
    assert group is not None, "a run sheet needs a group canvas"
    game = localize(compiled.canvas.title, lang)
    title = t("run_sheet.title", lang, canvas=game)
    canvas_id = compiled.canvas.id
    prepare = Items([
        t("run_sheet.prepare_cards", lang, id=canvas_id, count=len(group.roles)),
        t("run_sheet.prepare_poster", lang, id=canvas_id),
        t("run_sheet.prepare_serve", lang),
        t("run_sheet.prepare_board", lang),
        t("run_sheet.prepare_roles", lang,
          roles=", ".join(role_name(r, lang, short=True) for r in group.roles)),
    ])  # fmt: skip
    parts = [Part(title, [Line(localize(compiled.canvas.description or "", lang))], kind="head"),
             Part(t("run_sheet.prepare", lang), [prepare], number=1)]  # fmt: skip
    header = [t("run_sheet.col_time", lang), t("run_sheet.col_phase", lang),
              t("run_sheet.col_what", lang)]  # fmt: skip
    for n, length in enumerate(RUN_SHEET_LENGTHS):
        rows = []
        clock = 0
        for phase in group.run_sheet:
            minutes = phase.minutes[n]
            if minutes == 0:
                continue
            rows.append([f"{clock}–{clock + minutes}", localize(phase.title, lang),
                         localize(phase.what, lang)])  # fmt: skip
            clock += minutes
        # Straight after the preparation: a page of its own left the first page two thirds empty.
        parts.append(Part(t("run_sheet.length", lang, minutes=length), [Grid(header, rows)],
                          number=len(parts)))  # fmt: skip
    rounds = [
        f"{i}. {localize(r.title, lang)}" + (f" – {localize(r.task, lang)}" if r.task else "")
        for i, r in enumerate(group.rounds, start=1)
    ]
    parts.append(Part(t("run_sheet.rounds", lang), [Items(rounds)], number=len(parts)))
    parts.append(Part(t("debrief.plenary", lang), [Items([localize(q, lang) for q in group.debrief])],
                      number=len(parts)))  # fmt: skip
    return Document(title, lang, f"{game} · {t('run_sheet.footer', lang)}", parts)
