"""The debrief of a group game as one document: the table of every round, the final deal, who
moved how far, the figures across rounds, the participants' debrief answers and the questions
for the plenary. Built on the report's document model, so it is written as Markdown, HTML, PDF
and Word like every report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from kosi_tui.core.canvas import Info, LongText, ShortText
from kosi_tui.core.display import answer_items
from kosi_tui.core.group import (
    RoundResult,
    amount_text,
    cell_text,
    column_is_money,
    role_name,
)
from kosi_tui.core.group_canvas import Group
from kosi_tui.core.group_record import CHANGED, EVENT, Entry
from kosi_tui.core.numbers import format_date, is_number
from kosi_tui.core.text import localize
from kosi_tui.i18n import t
from kosi_tui.report.document import (
    Block,
    Document,
    Facts,
    Grid,
    Heading,
    Items,
    Line,
    Part,
    Question,
)
from kosi_tui.report.game import Game, notices, round_notices


def _group(game: Game) -> Group:
    group = game.compiled.canvas.group
    assert group is not None, "a debrief needs a group canvas"
    return group


def round_grid(game: Game, result: RoundResult, lang: str, everything: bool = True) -> Grid:
    """The negotiation table of one round, a Σ row under the columns that add up."""
    group = _group(game)
    columns = [c for c in group.table if everything or c.narrow]
    header = [t("board.col_party", lang)] + [
        localize(c.label, lang) + (f" ({localize(c.unit, lang)})" if c.unit else "")
        for c in columns
    ]
    rows = []
    for row in result.rows:
        party = f"{role_name(row.role, lang, short=True)} ({row.member.name})"
        if row.walked_away:
            party += f" – {t('group.walked_away', lang)}"
        cells = [party + ("" if row.submitted else " …")]
        for column in columns:
            value = row.cells.get(column.id)
            number = is_number(value)
            cells.append(
                amount_text(value, lang, money=column_is_money(column, lang))
                if number
                else cell_text(game.compiled, column, value, lang)
            )
        rows.append(cells)
    right = frozenset(i + 1 for i, c in enumerate(columns) if c.total or c.unit is not None)
    total = None
    if rows:
        total = [t("report.total", lang)] + [
            amount_text(result.totals.get(c.id), lang, money=column_is_money(c, lang))
            if c.total
            else ""
            for c in columns
        ]
    return Grid(header, rows, right, total)


def figures_grid(game: Game, results: list[RoundResult], lang: str) -> Grid:
    """Every group figure, one column per round."""
    group = _group(game)
    header = [t("board.col_figure", lang)] + [
        t("board.col_round", lang, n=r.index + 1) for r in results
    ]
    rows = [
        [localize(f.label, lang)]
        + [amount_text(r.figures.get(f.id), lang, f.unit) for r in results]
        for f in group.figures
    ]
    return Grid(header, rows, frozenset(range(1, len(header))))


def _flags(result: RoundResult, lang: str) -> list[Block]:
    if not result.flags:
        return [Line(t("board.no_flags", lang), "note")]
    return [Items([localize(f.message, lang) for f in result.flags])]


def _moves(game: Game, results: list[RoundResult], lang: str) -> Grid:
    """Who moved how far: each number column from the first round to the last."""
    group = _group(game)
    first, last = results[0], results[-1]
    columns = [c for c in group.table if c.total]
    header = [t("board.col_party", lang)] + [
        f"{localize(c.label, lang)} ({localize(c.unit, lang)})"
        if c.unit
        else localize(c.label, lang)
        for c in columns
    ]
    before = {row.member.key: row for row in first.rows}
    rows = []
    for row in last.rows:
        start = before.get(row.member.key)
        cells = [f"{role_name(row.role, lang, short=True)} ({row.member.name})"]
        for column in columns:
            a = _number(start.cells.get(column.id) if start else None)
            b = _number(row.cells.get(column.id))
            delta = b - a
            sign = "+" if delta > 0 else ""
            money = column_is_money(column, lang)
            was, now = amount_text(a, lang, money=money), amount_text(b, lang, money=money)
            cells.append(f"{was} → {now} ({sign}{amount_text(delta, lang, money=money)})")
        rows.append(cells)
    return Grid(header, rows, frozenset(range(1, len(header))))


def _number(value: Any) -> float | int:
    return value if is_number(value) else 0


def _answers(game: Game, lang: str) -> list[Block]:
    """The participants' answers to the questions outside the rounds (their own debrief)."""
    group = _group(game)
    skip = {r.section for r in group.rounds} | {group.role_question.split(".")[0]}
    blocks: list[Block] = []
    result = game.rounds(0)[0] if game.members else None
    order = [row.member for row in result.rows] if result else []
    roles = {row.member.key: row.role for row in result.rows} if result else {}
    for section in game.compiled.canvas.sections:
        if section.id in skip:
            continue
        blocks.append(Heading(localize(section.title, lang)))
        for question in section.questions:
            if isinstance(question, Info):
                continue
            key = f"{section.id}.{question.id}"
            items = []
            for member in order:
                value = member.session.value(key)
                if value is None:
                    continue
                text = (
                    str(value)
                    if isinstance(question, ShortText | LongText)
                    else "; ".join(answer_items(question, value, lang))
                )
                items.append(
                    f"{role_name(roles.get(member.key), lang, short=True)} ({member.name}): {text}"
                )
            body: list[Block] = (
                [Items(items)] if items else [Line(t("debrief.no_answers", lang), "note")]
            )
            blocks.append(Question(localize(question.label, lang), body))
    return blocks


def _moved(game: Game, results: list[RoundResult], member: str, n: int, lang: str) -> str:
    """How far `member` moved in round `n` (0-based) from their offer in the round before: each
    amount that changed, as it stood at the end of the round."""
    group = _group(game)
    before = next((r for r in results[n - 1].rows if r.member.key == member), None)
    after = next((r for r in results[n].rows if r.member.key == member), None)
    if before is None or after is None:
        return ""
    moves = []
    for column in (c for c in group.table if c.total):
        a, b = before.cells.get(column.id), after.cells.get(column.id)
        if _number(a) == _number(b):
            continue
        money = column_is_money(column, lang)
        unit = f" {localize(column.unit, lang)}" if column.unit else ""
        was, now = (
            amount_text(_number(a), lang, money=money),
            amount_text(_number(b), lang, money=money),
        )
        moves.append(f"{localize(column.label, lang)} {was} → {now}{unit}")
    if not moves:
        return t("debrief.record_still", lang, n=n)
    return t("debrief.record_moved", lang, moves="; ".join(moves))


def _record(game: Game, record: list[Entry], lang: str, rounds: int) -> Items:
    """Who submitted and changed when in the first `rounds` rounds, as the board saw it, and how
    far each moved from the round before (on their last line of the round: from then on the
    offer stood as the round ended)."""
    group = _group(game)
    index = {rnd.id: i for i, rnd in enumerate(group.rounds)}
    results = game.rounds(rounds - 1) if game.members else []
    rows = {row.member.key: row for row in results[0].rows} if results else {}
    if game.record_keys:  # anonymous: the record knows the members by their draft ids
        record = [replace(e, member=game.record_keys.get(e.member, "")) for e in record]
    last = {(e.member, e.round): i for i, e in enumerate(record) if e.event != EVENT}
    lines = []
    events = {event.id: event for event in group.events}
    for number, entry in enumerate(record):
        row = rows.get(entry.member)
        if index.get(entry.round, rounds) >= rounds:
            continue  # a round not in this debrief
        try:
            time = dt.datetime.fromisoformat(entry.time).strftime("%H:%M")
        except ValueError:
            time = "–"
        if entry.event == EVENT and entry.fingerprint in events:
            title = localize(events[entry.fingerprint].title, lang)
            lines.append(t("debrief.record_event", lang, time=time, n=index[entry.round] + 1,
                           title=title))  # fmt: skip
            continue
        if row is None:
            continue  # a draft since removed
        party = f"{role_name(row.role, lang, short=True)} ({row.member.name})"
        n = index[entry.round]
        moved = ""
        if n > 0 and last.get((entry.member, entry.round)) == number:
            moved = _moved(game, results, entry.member, n, lang)
        if entry.event == CHANGED:
            line = t("debrief.record_changed", lang, time=time, n=n + 1, party=party)
            lines.append(line + moved)
            continue
        first = ", ".join(
            role_name(r, lang, short=True) for r in group.roles if r.id in group.rounds[n].first
        )
        early = t("debrief.record_early", lang, first=first) if entry.early else ""
        line = t("debrief.record_submitted", lang, time=time, n=n + 1, party=party)
        lines.append(line + early + moved)
    return Items(lines)


def build_debrief(
    game: Game,
    lang: str,
    upto: int | None = None,
    today: dt.date | None = None,
    record: list[Entry] | None = None,
) -> Document:
    """The debrief document of the rounds played up to `upto` (0-based; default all), with
    the board's record of who submitted when, where there is one."""
    group = _group(game)
    canvas = game.compiled.canvas
    title = t("debrief.title", lang, canvas=localize(canvas.title, lang))
    results = game.rounds(upto)
    last = results[-1]
    head = Part(title, [Facts([
        (t("debrief.players", lang), str(len(game.members))),
        (t("debrief.rounds", lang), str(len(results))),
        (t("report.printed", lang), format_date(today or dt.date.today(), lang)),
    ])], kind="head")  # fmt: skip
    deal: list[Block] = [
        Line(
            t("debrief.deal_intro", lang, n=last.index + 1, title=localize(last.round.title, lang))
        ),
        Facts(
            [
                (localize(f.label, lang), amount_text(last.figures.get(f.id), lang, f.unit))
                for f in group.figures
            ]
        ),
        *_flags(last, lang),
    ]
    left_out = notices(game, last, lang)
    if left_out:
        deal += [Heading(t("group.notices", lang)), Items(left_out)]
    parts = [head, Part(t("debrief.deal", lang), deal, number=1)]
    rounds: list[Block] = []
    for result in results:
        rounds.append(Heading(t("board.round", lang, n=result.index + 1, total=len(group.rounds),
                                title=localize(result.round.title, lang)).strip()))  # fmt: skip
        rounds.append(round_grid(game, result, lang))
        rounds += _flags(result, lang)
        if named := round_notices(game, result, lang):
            rounds.append(Items(named))
    # Ten columns of offers: their words fit across a landscape page only.
    parts.append(Part(t("debrief.rounds_title", lang), rounds, number=2, landscape=True))
    parts.append(Part(t("debrief.across", lang), [figures_grid(game, results, lang)], number=3))
    if len(results) > 1 and last.rows:
        parts.append(Part(t("debrief.moves", lang), [_moves(game, results, lang)], number=4))
    timeline = _record(game, record or [], lang, len(results))
    if timeline.items:
        parts.append(Part(t("debrief.record", lang), [timeline], number=len(parts)))
    parts.append(Part(t("debrief.answers", lang), _answers(game, lang), number=len(parts),
                      new_page=True))  # fmt: skip
    questions: list[Block] = [Items([localize(q, lang) for q in group.debrief])]
    parts.append(Part(t("debrief.plenary", lang), questions, number=len(parts)))
    constants = [
        (localize(k.label, lang), amount_text(k.value, lang, k.unit)
         + (f" – {localize(k.explain, lang)}" if k.explain else ""))
        for k in group.constants
    ]  # fmt: skip
    parts.append(Part(t("debrief.assumptions", lang), [Facts(constants)], kind="appendix"))
    footer = f"{localize(canvas.title, lang)} · {t('debrief.footer', lang)}"
    return Document(title, lang, footer, parts)
