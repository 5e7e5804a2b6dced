"""What is wrong on a sent page, placed where it belongs: at a question, a table row, a cell or
a list entry. Every message is tied to its field and listed in the summary at the top."""

from __future__ import annotations

from dataclasses import dataclass, field

from kosi_tui.core.canvas import AnyQuestion, Table
from kosi_tui.core.kinds.issue import Issue
from kosi_tui.core.text import localize


@dataclass
class Problems:
    """The messages of one question, by where they are shown."""

    question: list[str] = field(default_factory=list)
    rows: dict[int, list[str]] = field(default_factory=dict)
    """Table rows or list entries (0-based) with messages about the whole row or entry."""
    cells: dict[tuple[int, str], list[str]] = field(default_factory=dict)
    """Table cells by (row, column id)."""

    def __bool__(self) -> bool:
        return bool(self.question or self.rows or self.cells)

    def all(self) -> list[tuple[str, str | None]]:
        """Every message with the anchor of its field (None: the question's own)."""
        found: list[tuple[str, str | None]] = [(m, None) for m in self.question]
        found += [(m, f"r{row}") for row, ms in sorted(self.rows.items()) for m in ms]
        found += [(m, f"r{row}-{col}") for (row, col), ms in sorted(self.cells.items()) for m in ms]
        return found


def place(question: AnyQuestion, issues: list[Issue], lang: str, into: Problems) -> None:
    """Puts the core's issues where they belong: a table's at its cell or row."""
    for issue in issues:
        text = issue.message(lang)
        if isinstance(question, Table) and issue.row is not None:
            column = next(
                (
                    c.id
                    for c in question.columns
                    if issue.column is not None
                    and localize(c.label, lang) == localize(issue.column, lang)
                ),
                None,
            )
            if column is None and "column" in issue.args:
                label = localize(issue.args["column"], lang)
                column = next(
                    (c.id for c in question.columns if localize(c.label, lang) == label), None
                )
            if column is not None:
                into.cells.setdefault((issue.row, column), []).append(text)
            else:
                into.rows.setdefault(issue.row, []).append(text)
        else:
            into.question.append(text)
