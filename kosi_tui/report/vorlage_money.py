"""The figures of a decision paper, computed once from the answers: costs by year and their sums,
own budget against grants. Used by the paper's "Finanzielle Auswirkungen" and the report's first
page, so both state the same amounts.

Nothing is guessed: a figure without the answers it needs is None, and the writers print
"[noch offen]" for it. Grants are 0 only where the canvas itself hides the grants question
because the answers it reads rule grants out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from kosi_tui.core.canvas import PaperFinance, Table
from kosi_tui.core.expr.nodes import Ref, walk
from kosi_tui.core.numbers import format_number, is_number
from kosi_tui.core.session import Session
from kosi_tui.core.text import localize


@dataclass(frozen=True)
class YearCosts:
    """One row of the cost table: the year as written, and each amount (None: not given)."""

    year: str
    amounts: list[float | None]

    @property
    def total(self) -> float | None:
        """The row's sum; None when one of its amounts is missing (it would be too low)."""
        if any(a is None for a in self.amounts):
            return None
        return math.fsum(a for a in self.amounts if a is not None)


@dataclass(frozen=True)
class Money:
    """The paper's figures; each None where the answers do not give it."""

    labels: list[str]
    """The amounts' column labels (Sachkosten, Personalkosten, Folgekosten)."""
    unit: str
    years: list[YearCosts]
    column_totals: list[float | None]
    total: float | None
    staff: float | None
    grants: float | None
    first_year: str
    last_year: str

    @property
    def own(self) -> float | None:
        """What the municipality bears itself: the total less the grants."""
        if self.total is None or self.grants is None:
            return None
        return self.total - self.grants

    @property
    def own_share(self) -> float | None:
        """The own budget in per cent of the total, to one decimal place."""
        if self.own is None or not self.total:
            return None
        return round(self.own / self.total * 100, 1)

    @property
    def period(self) -> str:
        """ "2027–2029", or the one year; empty without years."""
        if not self.first_year:
            return ""
        return (
            self.first_year
            if self.first_year == self.last_year
            else (f"{self.first_year}–{self.last_year}")
        )


def _amount(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not is_number(value):
        return None
    return float(value)


def _sum(values: list[float | None]) -> float | None:
    """The sum, or None when any is missing: a total must not leave an amount out unsaid."""
    if not values or any(v is None for v in values):
        return None
    return round(math.fsum(v for v in values if v is not None), 2)


def _ruled_out(session: Session, key: str) -> bool:
    """Whether `key` is hidden by answers that are all given: then it does not apply (grants
    when no grant is among the sources), rather than not being answered yet."""
    if session.visible.get(key, False):
        return False
    condition = session.compiled.show_if.get(key)
    if condition is None:
        return False
    read = [n.key for n in walk(condition) if isinstance(n, Ref) and n.key]
    return all(session.value(k) is not None for k in read)


def money(session: Session, finance: PaperFinance, lang: str) -> Money:
    """The figures of `finance` for the session's answers."""
    located = session.compiled.questions.get(finance.costs)
    question = located.question if located is not None else None
    rows = session.value(finance.costs) or []
    years: list[YearCosts] = []
    labels: list[str] = []
    unit = "€"
    if isinstance(question, Table):
        columns = [question.column(c) for c in finance.amounts]
        labels = [
            localize(c.label, lang) if c else name
            for c, name in zip(columns, finance.amounts, strict=True)
        ]
        first_unit = next((c.unit for c in columns if c is not None and c.unit), None)
        unit = localize(first_unit, lang) if first_unit else ""
        for row in rows if isinstance(rows, list) else []:
            if not isinstance(row, dict):
                continue
            year = row.get(finance.year)
            years.append(
                YearCosts(
                    str(year).strip() if year is not None else "",
                    [_amount(row.get(c)) for c in finance.amounts],
                )
            )
    column_totals = [_sum([y.amounts[i] for y in years]) for i in range(len(finance.amounts))]
    total = _sum(column_totals) if years else None
    staff = (
        column_totals[finance.amounts.index(finance.staff)]
        if finance.staff in finance.amounts
        else None
    )
    grants: float | None = None
    if finance.grants is not None:
        grants = _amount(session.value(finance.grants))
        if grants is None and _ruled_out(session, finance.grants):
            grants = 0.0
    named = [y.year for y in years if y.year]
    return Money(
        labels, unit, years, column_totals, total, staff, grants,
        named[0] if named else "", named[-1] if named else "",
    )  # fmt: skip


def euro(value: float, unit: str, lang: str) -> str:
    """An amount as an office writes it: whole euros without cents, cents where there are any."""
    rounded = round(value, 2)
    shown = (
        format_number(int(rounded), lang)
        if rounded.is_integer()
        else format_number(rounded, lang, decimals=2)
    )
    return f"{shown} {unit}".strip()


def percent(value: float, lang: str) -> str:
    """A share without a needless ",0"."""
    return format_number(int(value) if float(value).is_integer() else value, lang)
