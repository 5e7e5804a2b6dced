"""A canvas played as a group: every participant's draft read together, round by round.

Each participant's draft is a `Member` with its role. For one round, `play_round` fills the
negotiation table (one row per participant, from their own answers, `round.x` meaning the
round's section) and computes the group figures and flags, where an aggregate
(`sum(round.geld_einmalig where rolle.rolle == 'stadt')`) takes one value per participant.
Nothing is ever averaged across drafts: the figures are the group's, computed once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from kosi_tui.core.canvas import MultiChoice, SingleChoice
from kosi_tui.core.compiled import CompiledCanvas
from kosi_tui.core.display import choice_label
from kosi_tui.core.expr import ExprError, evaluate
from kosi_tui.core.expr.evaluate import truth
from kosi_tui.core.expr.functions import FUNCTIONS, is_empty
from kosi_tui.core.expr.nodes import Call, Node, Ref, walk
from kosi_tui.core.group_canvas import CardLimit, Group, GroupFlag, Role, Round, TableColumn
from kosi_tui.core.group_checks import is_aggregate, is_participants
from kosi_tui.core.kinds.issue import Issue
from kosi_tui.core.numbers import format_number, is_money
from kosi_tui.core.session import Session
from kosi_tui.core.text import localize
from kosi_tui.core.units import unit_for
from kosi_tui.i18n import t


@dataclass(frozen=True)
class Member:
    """One participant's draft in the game."""

    key: str
    """Stays the same across saves (the draft's id), so the board knows a draft again."""
    name: str
    """Who plays: the author, else the organisation, else the file's name."""
    session: Session
    updated: dt.datetime | None = None

    @property
    def role(self) -> str | None:
        """The role the participant took (a choice id), None while not chosen."""
        group = self.session.compiled.canvas.group
        if group is None:
            return None
        value = self.session.value(group.role_question)
        return value if isinstance(value, str) else None


@dataclass(frozen=True)
class Rejected:
    """An answer left out of the group's sums: outside its question's bounds or of the wrong
    type (a hand-edited draft), so a typo of 1,000,000,000 € never becomes the group's money."""

    member: Member
    key: str
    """The question's key (`runde_1.geld_einmalig`)."""
    value: Any
    issue: Issue


def rejected_answers(member: Member) -> dict[str, Rejected]:
    """The member's answers that the group does not count, by question key.

    The same check as the filling screen's (bounds, type, the canvas's rules), so what the
    participant sees marked there is what the board leaves out; a rule that cannot be computed
    is the canvas's fault, not the answer's, and does not exclude it.
    """
    session = member.session
    out: dict[str, Rejected] = {}
    for key, value in session.answers.items():
        if key not in session.compiled.questions:
            continue
        issues = [i for i in session.issues(key, include_required=False) if i.code != "rule_error"]
        if issues:
            out[key] = Rejected(member, key, value, issues[0])
    return out


@dataclass(frozen=True)
class Row:
    """One participant's line of the negotiation table in one round."""

    member: Member
    role: Role | None
    cells: dict[str, Any]
    """Column id → value, None where unanswered."""
    submitted: bool
    """Whether the participant has submitted in this round: the required questions answered
    and, where the canvas declares it (`group.submitted`), the offer given in explicitly."""
    rejected: list[Rejected] = field(default_factory=list)
    """This round's answers left out of the sums (and of the row's cells)."""
    walked_away: bool = False
    """Whether the participant walked away in this round: the row is shown, nothing counts."""
    beyond: list[CardLimit] = field(default_factory=list)
    """The limits of the role's card this round's offer goes beyond."""


@dataclass(frozen=True)
class RoundResult:
    """The table, the figures and the flags of one round."""

    index: int
    round: Round
    rows: list[Row]
    totals: dict[str, float | int]
    """Column id → the Σ row, for the columns with `total`."""
    figures: dict[str, Any]
    flags: list[GroupFlag]
    errors: dict[str, ExprError] = field(default_factory=dict)
    """Expressions that could not be computed for these answers, by `figures.x`/`flags.x`."""

    @property
    def rejected(self) -> list[Rejected]:
        """Every answer of this round left out of the sums, row by row."""
        return [r for row in self.rows for r in row.rejected]

    @property
    def submitted(self) -> list[Row]:
        """The rows of those who have submitted in this round."""
        return [r for r in self.rows if r.submitted]

    @property
    def beyond(self) -> list[tuple[Row, CardLimit]]:
        """Offers beyond their role's card, with the limit each goes beyond."""
        return [(row, limit) for row in self.rows for limit in row.beyond]

    @property
    def walked_away(self) -> list[Row]:
        """The rows of those who walked away in this round."""
        return [r for r in self.rows if r.walked_away]

    def missing_roles(self, group: Group) -> list[Role]:
        """Roles nobody plays."""
        taken = {r.role.id for r in self.rows if r.role is not None}
        return [role for role in group.roles if role.id not in taken]

    def doubled_roles(self, group: Group) -> list[Role]:
        """Roles played by more than one participant (each has a row; the sums count both)."""
        taken = [r.role.id for r in self.rows if r.role is not None]
        return [role for role in group.roles if taken.count(role.id) > 1]

    def waiting_for(self, group: Group) -> list[Role]:
        """Roles that must commit first in this round, are played and have not submitted yet
        (a role nobody plays is never waited for)."""
        done = {r.role.id for r in self.rows if r.role is not None and r.submitted}
        played = {r.role.id for r in self.rows if r.role is not None}
        by_id = {role.id: role for role in group.roles}
        return [by_id[i] for i in self.round.first if i in by_id and i in played and i not in done]


def _group(compiled: CompiledCanvas) -> Group:
    group = compiled.canvas.group
    if group is None:
        raise ValueError(f"canvas {compiled.canvas.id} is not played as a group")
    return group


def constants(compiled: CompiledCanvas) -> dict[str, float | int]:
    """The group's constants by id (whole numbers as int)."""
    out: dict[str, float | int] = {}
    for constant in _group(compiled).constants:
        value = constant.value
        out[constant.id] = int(value) if float(value).is_integer() else value
    return out


class _Scope:
    """Evaluates the group's expressions for one round over the members."""

    def __init__(self, compiled: CompiledCanvas, members: list[Member], rnd: Round) -> None:
        self.compiled = compiled
        self.members = members
        self.section = rnd.section
        self.constants = constants(compiled)
        self.figures: dict[str, Any] = {}
        self.rejected = {member.key: rejected_answers(member) for member in members}
        self.away: set[str] = set()
        """Keys of the members who walked away in this round."""
        self.signal: frozenset[str] = frozenset()
        """The answers that say who walked away (`round.stand`): an aggregate reading only
        these still sees every party, so a flag can say that someone walked away."""

    def _rebound(self, ref: Ref) -> Ref:
        if ref.parts and ref.parts[0] == "round" and ref.key:
            return replace(ref, key=f"{self.section}.{ref.key.split('.', 1)[1]}")
        return ref

    def participant(self, member: Member) -> tuple[Callable[[Ref], Any], Callable[[Ref], Any]]:
        """The lookups of one member's answers, with `round.x` meaning this round's section."""
        session = member.session
        rejected = self.rejected.get(member.key, {})

        def lookup(ref: Ref) -> Any:
            if ref.key.startswith("constants."):
                return self.constants.get(ref.key[10:])
            if ref.key.startswith("figures."):
                return self.figures.get(ref.key[8:])
            rebound = self._rebound(ref)
            return None if rebound.key in rejected else session.lookup(rebound)

        def score(ref: Ref) -> Any:
            rebound = self._rebound(ref)
            return None if rebound.key in rejected else session.choice_score(rebound)

        return lookup, score

    def cell(self, node: Node, member: Member) -> Any:
        lookup, score = self.participant(member)
        return evaluate(node, lookup, score=score)

    def group_value(self, node: Node) -> Any:
        """A figure or flag: aggregates over the members, constants and earlier figures."""

        def lookup(ref: Ref) -> Any:
            if ref.key.startswith("constants."):
                return self.constants.get(ref.key[10:])
            if ref.key.startswith("figures."):
                return self.figures.get(ref.key[8:])
            raise ExprError("answer_outside_aggregate", ref.pos, name=ref.text)

        def aggregate(call: Call) -> Any:
            if not is_aggregate(call):
                return NotImplemented
            read = _answers_read(call)
            everyone = bool(read) and read <= self.signal
            collected = []
            for member in self.members:
                if member.key in self.away and not everyone:
                    continue
                each, score = self.participant(member)
                if call.where is not None and not truth(evaluate(call.where, each, score=score)):
                    continue
                collected.append(evaluate(call.args[0], each, score=score))
            rest = [evaluate(a, lookup, aggregate=aggregate) for a in call.args[1:]]
            return FUNCTIONS[call.name].impl(collected, *rest)

        return evaluate(node, lookup, aggregate=aggregate)


def _answers_read(node: Node) -> frozenset[str]:
    """The participants' answers an expression reads, by key (`runde_1.stand`)."""
    return frozenset(n.key for n in walk(node) if isinstance(n, Ref) and is_participants(n))


def _beyond(
    compiled: CompiledCanvas, group: Group, scope: _Scope, member: Member
) -> list[CardLimit]:
    """The limits of the member's role card that its offer goes beyond."""
    out = []
    for i, limit in enumerate(group.limits):
        node = compiled.group.get(f"limits.{i}")
        if node is None or limit.role != member.role:
            continue
        try:
            if truth(scope.cell(node, member)):
                out.append(limit)
        except ExprError:
            continue  # what cannot be computed for this draft is not claimed to be beyond
    return out


def _submitted(session: Session, section: str) -> bool:
    progress = session.progress(section)
    return progress.complete and progress.answered > 0


def _in_round(key: str, rnd: Round, group: Group) -> bool:
    """Whether an answer belongs to the round (its section, or the role taken)."""
    return key.split(".", 1)[0] == rnd.section or key == group.role_question


def members_in_order(compiled: CompiledCanvas, members: list[Member]) -> list[Member]:
    """The members by the order of their roles in the canvas (no role last), then by name."""
    order = {role.id: i for i, role in enumerate(_group(compiled).roles)}
    return sorted(
        members, key=lambda m: (order.get(m.role or "", len(order)), m.name.casefold(), m.key)
    )


def play_round(compiled: CompiledCanvas, members: list[Member], index: int) -> RoundResult:
    """The negotiation table, figures and flags of round `index` (0-based)."""
    group = _group(compiled)
    rnd = group.rounds[index]
    scope = _Scope(compiled, members, rnd)
    roles = {role.id: role for role in group.roles}
    away_node = compiled.group.get("walked_away")
    submit_node = compiled.group.get("submitted")
    if away_node is not None:
        scope.signal = _answers_read(away_node)
        for member in members:
            try:
                if truth(scope.cell(away_node, member)):
                    scope.away.add(member.key)
            except ExprError:
                pass  # a rule that cannot be computed for this draft keeps the party counted
    rows = []
    for member in members_in_order(compiled, members):
        cells: dict[str, Any] = {}
        for column in group.table:
            node = compiled.group.get(f"table.{column.id}")
            try:
                cells[column.id] = None if node is None else scope.cell(node, member)
            except ExprError:
                cells[column.id] = None
        submitted = _submitted(member.session, rnd.section)
        if submit_node is not None and submitted:
            # Declared: only the participant's own "Angebot abgeben" submits, not an answered
            # status with no amount typed yet.
            try:
                submitted = truth(scope.cell(submit_node, member))
            except ExprError:
                submitted = False
        own = [r for key, r in scope.rejected[member.key].items() if _in_round(key, rnd, group)]
        away = member.key in scope.away
        beyond = [] if away else _beyond(compiled, group, scope, member)
        rows.append(Row(member, roles.get(member.role or ""), cells, submitted, own, away, beyond))
    totals: dict[str, float | int] = {}
    for column in group.table:
        if column.total:
            numbers = [
                v
                for row in rows
                if not row.walked_away
                and isinstance(v := row.cells.get(column.id), int | float)
                and not isinstance(v, bool)
            ]
            totals[column.id] = FUNCTIONS["sum"].impl(numbers)
    errors: dict[str, ExprError] = {}
    for figure in group.figures:
        node = compiled.group.get(f"figures.{figure.id}")
        value = None
        if node is not None:
            try:
                value = scope.group_value(node)
            except ExprError as err:
                errors[f"figures.{figure.id}"] = err
        scope.figures[figure.id] = int(value) if isinstance(value, bool) else value
    flags = []
    for flag in group.flags:
        node = compiled.group.get(f"flags.{flag.id}")
        if node is None:
            continue
        try:
            if truth(scope.group_value(node)):
                flags.append(flag)
        except ExprError as err:
            errors[f"flags.{flag.id}"] = err
    return RoundResult(index, rnd, rows, totals, dict(scope.figures), flags, errors)


def own_rule(compiled: CompiledCanvas, member: Member, rnd: Round, rule: str) -> bool:
    """Whether one of the group's rules on a single participant (`submitted`, `walked_away`)
    holds for `member` in round `rnd`, read alone (for their own screen); False where the canvas
    has no such rule or it cannot be computed for this draft."""
    node = compiled.group.get(rule)
    if node is None:
        return False
    try:
        return truth(_Scope(compiled, [member], rnd).cell(node, member))
    except ExprError:
        return False


def own_beyond(compiled: CompiledCanvas, member: Member, rnd: Round) -> list[CardLimit]:
    """The limits of the member's card its offer in round `rnd` goes beyond, read alone (for
    their own screen; the board's `Row.beyond` says the same); none for a party that walked away."""
    if own_rule(compiled, member, rnd, "walked_away"):
        return []
    return _beyond(compiled, _group(compiled), _Scope(compiled, [member], rnd), member)


def play(
    compiled: CompiledCanvas, members: list[Member], upto: int | None = None
) -> list[RoundResult]:
    """Every round up to and including `upto` (default: all)."""
    count = len(_group(compiled).rounds)
    last = count - 1 if upto is None else max(0, min(upto, count - 1))
    return [play_round(compiled, members, i) for i in range(last + 1)]


# -- as people read it ---------------------------------------------------------------------------


def amount_text(
    value: Any, lang: str, unit: str | dict[str, str] | None = None, money: bool = False
) -> str:
    """A figure as text with its unit: money to the cent where it has cents (also without the
    unit, where the unit stands in a column's header: `money`), other numbers to two places."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "✓" if value else "–"
    if not isinstance(value, int | float):
        return str(value)
    unit_text = unit_for(localize(unit, lang), value) if unit else ""
    text = number_text(value, lang, money or is_money(unit_text))
    return f"{text} {unit_text}" if unit_text else text


def number_text(value: float | int, lang: str, money: bool = False) -> str:
    """A number rounded half up to two places (6,686.50 € stays 6,686.50 €, not 6,686 € by
    Python's half-to-even); money shows its cents where it has any, else whole euros."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    rounded = Decimal(repr(value) if isinstance(value, float) else value).quantize(
        Decimal("0.01"), ROUND_HALF_UP
    )
    if rounded == rounded.to_integral_value():
        return format_number(int(rounded), lang)
    return format_number(float(rounded), lang, decimals=2 if money else None)


def column_is_money(column: TableColumn, lang: str) -> bool:
    """Whether a column's values are money (its unit names a currency)."""
    return column.unit is not None and is_money(localize(column.unit, lang))


def cell_text(compiled: CompiledCanvas, column: TableColumn, value: Any, lang: str) -> str:
    """A cell of the negotiation table: a choice by its label, a number with its unit."""
    if value is None or is_empty(value):
        return ""
    node = compiled.group.get(f"table.{column.id}")
    if isinstance(node, Ref) and node.key in compiled.questions and node.column is None:
        question = compiled.questions[node.key].question
        if isinstance(question, SingleChoice):
            return choice_label(question.choices, value, lang)
        if isinstance(question, MultiChoice) and isinstance(value, list):
            return ", ".join(choice_label(question.choices, v, lang) for v in value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if v is not None)
    return amount_text(value, lang, column.unit)


def role_name(role: Role | None, lang: str, short: bool = False) -> str:
    """A role's name (its short name where space is scarce); "–" for no role."""
    if role is None:
        return "–"
    if short and role.short:
        return localize(role.short, lang)
    return localize(role.name, lang)


def rejected_value_text(value: Any, lang: str, limit: int = 24) -> str:
    """An answer the group left out, as it stands in the draft (shortened)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            text = format_number(value, lang)
        except (ValueError, OverflowError):
            text = repr(value)
    else:
        text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def column_question(compiled: CompiledCanvas, column: TableColumn, rnd: Round) -> str | None:
    """The question a column shows as it is (`round.geld_einmalig`), in round `rnd`; None for a
    column computed from several answers."""
    node = compiled.group.get(f"table.{column.id}")
    if not isinstance(node, Ref) or node.column is not None or "." not in node.key:
        return None
    return f"{rnd.section}.{node.key.split('.', 1)[1]}"


def rejected_text(compiled: CompiledCanvas, rejected: Rejected, lang: str) -> str:
    """One left-out answer for people: who, which question, the value, and why."""
    question = compiled.questions[rejected.key].question
    return t(
        "group.rejected",
        lang,
        name=rejected.member.name,
        question=localize(question.label, lang),
        value=rejected_value_text(rejected.value, lang),
        reason=rejected.issue.message(lang),
    )


def offer_fingerprint(member: Member, rnd: Round) -> str:
    """A short fingerprint of the member's answers in the round: it changes with any of them, so
    the board can tell an offer changed after it was submitted."""
    section = f"{rnd.section}."
    answers = {k: v for k, v in member.session.answers.items() if k.startswith(section)}
    text = json.dumps(answers, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
