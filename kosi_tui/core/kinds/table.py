"""`table`: rows of typed columns, e.g. the stakeholder table. A cell is read, checked and shown
the way the scalar kinds read, check and show their answers."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any, ClassVar, Literal, assert_never

from pydantic import Field, StrictBool, StrictStr, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from kosi_tui.core.expr.functions import is_empty
from kosi_tui.core.expr.types import Type
from kosi_tui.core.kinds.base import (
    Choice,
    Findings,
    Ident,
    Model,
    Number_,
    Parsed,
    QuestionBase,
    adapter_for,
    choice_label,
    pick,
    pick_several,
    picked,
    scalar_text,
    unreadable,
)
from kosi_tui.core.kinds.forms import Cell, Rows
from kosi_tui.core.kinds.issue import Issue, count_issues, outside, range_issue
from kosi_tui.core.kinds.number import amount_schema, parse_amount
from kosi_tui.core.kinds.single_choice import choice_literal, options
from kosi_tui.core.text import localize
from kosi_tui.core.text_type import Text


class Column(Model):
    """One column of a table question."""

    id: Ident
    label: Text
    type: Literal["text", "choice", "multi_choice", "number"]
    help: Text | None = None
    required: bool = False
    choices: list[Choice] | None = None
    integer: bool = False
    unit: Text | None = None
    min: float | None = None
    max: float | None = None
    identifies: bool = False
    """The cells name people or organisations: anonymous summaries leave the column out."""

    @model_validator(mode="after")
    def _choices_fit_type(self) -> Column:
        wants = self.type in ("choice", "multi_choice")
        if wants and not self.choices:
            raise PydanticCustomError("column_choices_missing", "a choice column needs choices")
        if not wants and self.choices is not None:
            raise PydanticCustomError("column_choices_extra", "only choice columns take choices")
        return self

    def cell_schema(self) -> Any:
        """The Pydantic type of one cell (None: empty)."""
        match self.type:
            case "text":
                return StrictStr | None
            case "number":
                return amount_schema(self.integer) | None
            case "choice":
                return choice_literal(self.choices or []) | None
            case "multi_choice":
                return list[choice_literal(self.choices or [])] | None  # type: ignore[misc]
            case _:
                assert_never(self.type)

    def expr_type(self, name: str) -> Type:
        """The type of the column in expressions: a list of the cells' values."""
        ids = tuple(c.id for c in self.choices or [])
        match self.type:
            case "choice" | "multi_choice":
                return Type("choices", ids, name)
            case "number":
                return Type("numbers", name=name)
            case "text":
                return Type("list", name=name)
            case _:
                assert_never(self.type)

    def cell_type(self, name: str) -> Type:
        """The type of one cell in expressions (inside `where`, which looks at one row)."""
        ids = tuple(c.id for c in self.choices or [])
        match self.type:
            case "choice":
                return Type("choice", ids, name)
            case "multi_choice":
                return Type("choices", ids, name)
            case "number":
                return Type("number", name=name)
            case "text":
                return Type("text", name=name)
            case _:
                assert_never(self.type)

    def issues(self, cell: Any) -> list[Issue]:
        """What is wrong with one cell, each message naming the column (also as people type)."""
        if is_empty(cell):
            return [Issue("cell_required", {"column": self.label})] if self.required else []
        try:
            adapter_for(self.cell_schema()).validate_python(cell, strict=True)
        except ValidationError:
            if self.type == "number":
                return [Issue("whole_number" if self.integer else "number", column=self.label)]
            return [Issue("cell_invalid", {"column": self.label})]
        if self.type == "number" and outside(cell, self.min, self.max):
            return [replace(range_issue(self.min, self.max), column=self.label)]
        return []

    def parse(self, text: str, lang: str) -> Parsed:
        """A cell typed as text: numbers as the number kind reads them, choices by number or id."""
        choices = self.choices or []
        if not text.strip():
            return Parsed()
        match self.type:
            case "text":
                return Parsed(text.strip())
            case "number":
                return parse_amount(text, lang, self.integer)
            case "choice":
                return picked(pick(choices, text), choices)
            case "multi_choice":
                return picked(pick_several(choices, text), choices)
            case _:
                assert_never(self.type)

    def display(self, cell: Any, lang: str) -> str:
        """One cell as text (empty when it is empty)."""
        if cell is None or cell == "" or cell == []:
            return ""
        match self.type:
            case "choice":
                return choice_label(self.choices, cell, lang)
            case "multi_choice":
                cells = cell if isinstance(cell, list) else [cell]
                return ", ".join(choice_label(self.choices, v, lang) for v in cells)
            case "number":
                return scalar_text(cell, lang, self.unit)
            case "text":
                return scalar_text(cell, lang)
            case _:
                assert_never(self.type)

    def form(self, lang: str) -> Cell:
        """The column's shape on paper."""
        several = self.type == "multi_choice"
        chosen = options(self.choices, lang, several) if self.choices else None
        return Cell(self.id, localize(self.label, lang), self.type == "number", chosen)


class Table(QuestionBase):
    """Rows of typed columns, e.g. the stakeholder table."""

    type: Literal["table"]
    columns: Annotated[list[Column], Field(min_length=1)]
    min_rows: Annotated[int, Field(ge=0)] | None = None
    max_rows: Annotated[int, Field(ge=1)] | None = None

    def column(self, column_id: str) -> Column | None:
        """The column with this id, if any."""
        return next((c for c in self.columns if c.id == column_id), None)

    def answer_schema(self) -> Any:
        return list[dict[StrictStr, StrictStr | Number_ | StrictBool | list[StrictStr] | None]]

    def expr_type(self, name: str) -> Type:
        return Type("table", name=name)

    def shape_issue(self, value: Any) -> Issue:
        return Issue("table")

    def bounds(self, value: Any) -> list[Issue]:
        issues = count_issues(len(value), self.min_rows, self.max_rows, "rows")
        for index, row in enumerate(value):
            for column_id in row:
                if self.column(column_id) is None:
                    issues.append(Issue("unknown_column", {"column": column_id}, row=index))
            for column in self.columns:
                issues.extend(replace(i, row=index) for i in column.issues(row.get(column.id)))
        return issues

    def check(self, findings: Findings) -> None:
        findings.duplicates([c.id for c in self.columns], ("columns",), "column")
        if self.min_rows and self.max_rows and self.min_rows > self.max_rows:
            findings.add(("min_rows",), "min_over_max", min=self.min_rows, max=self.max_rows)
        for ci, column in enumerate(self.columns):
            ids = [c.id for c in column.choices or []]
            findings.duplicates(ids, ("columns", ci, "choices"), "choice")

    def cells(self, row: Any, lang: str) -> list[str]:
        """One row as texts, a cell per column."""
        if not isinstance(row, dict):
            return [unreadable(lang)] + [""] * (len(self.columns) - 1)
        return [c.display(row.get(c.id), lang) for c in self.columns]

    HOLDS_STEPS: ClassVar[bool] = True

    def steps(self, value: Any) -> list[str]:
        """One step per row: its first cell, the others in brackets."""
        steps = []
        for row in value if isinstance(value, list) else []:
            if not isinstance(row, dict):
                continue
            cells = [str(row.get(c.id) or "").strip() for c in self.columns]
            first, rest = cells[0], [c for c in cells[1:] if c]
            if first:
                steps.append(f"{first} ({', '.join(rest)})" if rest else first)
        return steps

    def display(self, value: Any, lang: str) -> list[str]:
        if not isinstance(value, list):
            return [unreadable(lang)]
        return [" | ".join(self.cells(row, lang)) for row in value]

    def form(self, lang: str) -> Rows:
        count = max(self.min_rows or 0, 4)
        if self.max_rows:
            count = min(count, self.max_rows)
        return Rows(tuple(c.form(lang) for c in self.columns), count)
