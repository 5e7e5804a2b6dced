"""What `--anonymous` does to a workshop before any writer sees it, so that no format can name
anyone by forgetting to leave a field out.

Each draft loses its author, organisation and file name. Answers the canvas marks as naming
someone (`identifies: true` on a question or a table column; a short text filled in with the
organisation or the name) become "[Name 1]", "[Name 2]", … – one number per distinct name across
the workshop, so rules that compare names still see equal names as equal. Every free text is then
searched for every one of those names, the authors' surnames and the parts of organisations
("Stadt Beispielhausen" of "Stadt Beispielhausen, Amt für Quartiere"), which are replaced the same
way. Names shorter than four letters are not searched for: "Amt" or "Ng" would blank ordinary words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kosi_tui.core.canvas import AnswerQuestion, Column, ShortText, Table
from kosi_tui.core.kinds.forms import Entries, Rows, Writing
from kosi_tui.i18n import t
from kosi_tui.report.workshop import Skipped, Workshop, add_participant, over_time

_SHORTEST = 4
"""Fewer letters than this are too likely an ordinary word to be searched for in free text."""


def identifies(question: AnswerQuestion) -> bool:
    """Whether the answer names a person or an organisation."""
    return question.identifies or (isinstance(question, ShortText) and bool(question.prefill))


def named_columns(question: AnswerQuestion) -> frozenset[str]:
    """The ids of a table's columns whose cells name someone; none for other questions."""
    if not isinstance(question, Table):
        return frozenset()
    return frozenset(c.id for c in question.columns if _column_identifies(c))


def _column_identifies(column: Column) -> bool:
    return column.identifies and column.type == "text"


@dataclass
class _Names:
    """Every name found in the workshop and the stand-in each gets."""

    lang: str
    stand_ins: dict[str, str] = field(default_factory=dict)
    _numbered: int = 0
    _pattern: re.Pattern[str] | None = None

    def add(self, name: str, stand_in: str | None = None) -> str:
        """The stand-in for `name`: `stand_in` or a new number, on its first appearance."""
        key = " ".join(name.split()).casefold()
        if key not in self.stand_ins:
            self._numbered += stand_in is None
            self.stand_ins[key] = stand_in or t("anonymous.name", self.lang, n=self._numbered)
            self._pattern = None
        return self.stand_ins[key]

    def add_parts(self, text: str) -> str:
        """A name and its parts, which stand for the same: "A, B" also as "A" and "B"."""
        if not text.strip():
            return text
        stand_in = self.add(text)
        for part in re.split(r"[,;/()]| [-–—] ", text):
            if len(part.strip()) >= _SHORTEST:
                self.add(part.strip(), stand_in)
        return stand_in

    def scrub(self, text: str) -> str:
        """`text` with every known name replaced by its stand-in (a genitive "s" included)."""
        if self._pattern is None:
            searched = sorted(
                (k for k in self.stand_ins if len(k) >= _SHORTEST), key=len, reverse=True
            )
            if not searched:
                return text
            words = "|".join(r"\s+".join(map(re.escape, k.split())) for k in searched)
            self._pattern = re.compile(rf"(?<!\w)({words})(?:s|es)?(?!\w)", re.IGNORECASE)
        return self._pattern.sub(
            lambda m: self.stand_ins[" ".join(m.group(1).split()).casefold()], text
        )


def anonymise(workshop: Workshop, lang: str) -> Workshop:
    """A copy of the workshop in which nobody is named (see the module's description)."""
    names = _Names(lang)
    questions = {
        key: located.question
        for key, located in workshop.compiled.questions.items()
        if isinstance(located.question, AnswerQuestion)
    }
    for p in workshop.participants:
        author = p.draft.author.strip()
        if author:
            # "Frau Quendelmeier" in a text is the same person as the author.
            names.add(author.split()[-1], names.add(author))
        names.add_parts(p.draft.organisation)
        for key, value in p.draft.answers.items():
            question = questions.get(key)
            if question is None:
                continue
            if identifies(question):
                for text in value if isinstance(value, list) else [value]:
                    if isinstance(text, str):
                        names.add_parts(text)
            for row in _rows(value, question):
                for column in named_columns(question):
                    if isinstance(row.get(column), str):
                        names.add_parts(row[column])
    # One person's drafts over time stay one person's, shown by date (see `over_time`).
    one = t("summary.person", lang, n=1) if over_time(workshop) else ""
    anonymous = Workshop(workshop.compiled)
    for n, p in enumerate(workshop.participants, start=1):
        answers = {
            key: _answer(value, questions[key], names, lang) if key in questions else None
            for key, value in p.draft.answers.items()
        }
        draft = p.draft.model_copy(
            update={
                "id": "",
                "author": one,
                "organisation": "",
                "answers": {k: v for k, v in answers.items() if v is not None},
                "orphaned": {},
            }
        )
        add_participant(anonymous, Path(t("summary.person", lang, n=n)), draft, lang)
    # Which files were left out is told on the terminal; their names may be people's names.
    anonymous.skipped = [Skipped(Path(str(n)), "") for n, _ in enumerate(workshop.skipped, start=1)]
    return anonymous


def _rows(value: Any, question: AnswerQuestion) -> list[dict[str, Any]]:
    if not isinstance(question, Table) or not isinstance(value, list):
        return []
    return [row for row in value if isinstance(row, dict)]


def _answer(value: Any, question: AnswerQuestion, names: _Names, lang: str) -> Any:
    """One answer with every name replaced; choices, numbers and dates as they are."""
    form = question.form(lang)
    if identifies(question):
        if isinstance(value, list):
            return [names.add_parts(v) if isinstance(v, str) else v for v in value]
        return names.add_parts(value) if isinstance(value, str) else value
    if isinstance(form, Writing) and isinstance(value, str):
        return names.scrub(value)
    if isinstance(form, Entries) and isinstance(value, list):
        return [names.scrub(v) if isinstance(v, str) else v for v in value]
    if isinstance(form, Rows) and isinstance(question, Table) and isinstance(value, list):
        named = named_columns(question)
        text = {c.id for c in question.columns if c.type == "text"}
        return [
            {
                k: (names.add_parts(v) if k in named else names.scrub(v))
                if k in text and isinstance(v, str)
                else v
                for k, v in row.items()
            }
            if isinstance(row, dict)
            else row
            for row in value
        ]
    return value
