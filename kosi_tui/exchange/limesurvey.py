"""A canvas as LimeSurvey's tab-separated survey structure (the `.txt` its import takes).

One row per survey setting (class S), per language setting (SL), group (G), question (Q),
subquestion (SQ) and answer (A); the whole structure in the first language, then the same rows
in each further one. Sections become groups, choices answers (codes A1, A2, …, a scale's points
by number), several choices and table columns subquestions. Conditions become relevance
equations in ExpressionScript where they mean the same; what LimeSurvey cannot hold is listed.
"""

from __future__ import annotations

import csv
import html
import io
from dataclasses import dataclass, field

from kosi_tui.core.canvas import (
    AnyQuestion,
    Bounds,
    Date,
    Info,
    ListQuestion,
    LongText,
    MultiChoice,
    Number,
    Scale,
    ShortText,
    SingleChoice,
    Table,
)
from kosi_tui.core.compiled import CompiledCanvas
from kosi_tui.core.expr.nodes import Node
from kosi_tui.core.kinds import YesNo
from kosi_tui.core.text import localize
from kosi_tui.exchange.expressions import Dialect, Translator, Untranslatable, _quote
from kosi_tui.exchange.names import column_code, limesurvey_codes
from kosi_tui.i18n import t
from kosi_tui.storage.spreadsheet_text import looks_like_formula

COLUMNS = (
    "id",
    "related_id",
    "class",
    "type/scale",
    "name",
    "relevance",
    "text",
    "help",
    "language",
    "validation",
    "mandatory",
    "encrypted",
    "other",
    "default",
    "same_default",
    # Question attributes (LimeSurvey reads any further column as one).
    "min_num_value_n",
    "max_num_value_n",
    "num_value_int_only",
    "min_answers",
    "max_answers",
)
"""The columns of the format, in the order LimeSurvey's own export writes the first ones."""

TABLE_ROWS = 10
"""Rows offered for a table without `max_rows` (LimeSurvey's arrays have fixed rows)."""

Text = str | dict[str, str] | None


def answer_code(question: AnyQuestion, index: int) -> str:
    """The code of a question's `index`-th answer: a scale's point, else A1, A2, …"""
    if isinstance(question, Scale):
        return str(question.min + index)
    return f"A{index + 1}"


def choice_code(question: SingleChoice | MultiChoice, choice_id: str) -> str:
    """The answer (single) or subquestion (several) code of a choice."""
    index = [c.id for c in question.choices].index(choice_id)
    return (
        answer_code(question, index) if isinstance(question, SingleChoice) else (column_code(index))
    )


def table_rows(question: Table) -> int:
    """How many rows a table offers in LimeSurvey."""
    return question.max_rows or max(question.min_rows or 0, TABLE_ROWS)


def type_code(question: AnyQuestion) -> str:
    """LimeSurvey's one-letter question type."""
    match question:
        case ShortText():
            return "S"
        case LongText() | ListQuestion():
            return "T"
        case SingleChoice() | Scale():
            return "L"
        case MultiChoice():
            return "M"
        case Number():
            return "N"
        case Date():
            return "D"
        case YesNo():
            return "Y"
        case Table():
            return ";"
        case Info():
            return "X"
    raise AssertionError(type(question).__name__)


@dataclass
class _Survey:
    compiled: CompiledCanvas
    lang: str
    notes: list[str] = field(default_factory=list)
    codes: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.codes = limesurvey_codes(self.compiled.canvas)
        questions = {k: located.question for k, located in self.compiled.questions.items()}

        def selected(ref: str, key: str, choice: str) -> str:
            question = questions[key]
            assert isinstance(question, MultiChoice)
            return f"{self.codes[key]}_{choice_code(question, choice)} == 'Y'"

        def choice(key: str, choice_id: str) -> str:
            question = questions[key]
            if isinstance(question, SingleChoice) and choice_id in [c.id for c in question.choices]:
                return _quote(choice_code(question, choice_id))
            raise Untranslatable(choice_id)

        dialect = Dialect(
            ref=lambda key: self.codes[key],
            value="this",
            eq="==",
            ne="!=",
            and_="and",
            or_="or",
            not_=lambda x: f"!({x})",
            selected=selected,
            choice=choice,
            count_selected=None,
            empty=lambda ref: f"is_empty({ref})",
            true="1",
            false="0",
            div="/",
            today=None,
            yes="'Y'",
        )
        self.translator = Translator(dialect, questions, lambda key: key)

    def relevance(self, node: Node | None, where: str, what: str) -> str:
        if node is None:
            return "1"
        try:
            return self.translator.condition(node)
        except (Untranslatable, KeyError) as err:
            self.notes.append(
                t("exchange.condition_left_out", self.lang, where=where, what=what, part=str(err))
            )
            return "1"

    def rows(self) -> list[dict[str, str]]:
        canvas = self.compiled.canvas
        langs = list(canvas.languages)
        first = langs[0]
        out: list[dict[str, str]] = [
            {"class": "S", "name": "language", "text": first},
            {"class": "S", "name": "additional_languages", "text": " ".join(langs[1:])},
            {"class": "S", "name": "format", "text": "G"},
        ]
        for lang in langs:
            out.append({"class": "SL", "name": "surveyls_title", "text": localize(canvas.title, lang),
                        "language": lang})  # fmt: skip
            if canvas.description is not None:
                out.append({"class": "SL", "name": "surveyls_description",
                            "text": localize(canvas.description, lang), "language": lang})  # fmt: skip
        structure = self.structure()
        for lang in langs:
            for row, texts in structure:
                copy = dict(row, language=lang)
                for column, text in texts.items():
                    copy[column] = localize(text, lang)
                out.append(copy)
        return out

    def structure(self) -> list[tuple[dict[str, str], dict[str, Text]]]:
        """The rows of groups, questions, subquestions and answers, texts still to localise."""
        canvas = self.compiled.canvas
        rows: list[tuple[dict[str, str], dict[str, Text]]] = []
        qid = 0
        for g, section in enumerate(canvas.sections, start=1):
            relevance = self.relevance(
                self.compiled.show_if.get(f"section:{section.id}"), section.id, "show_if"
            )
            rows.append(({"id": str(g), "class": "G", "relevance": relevance},
                         {"name": section.title, "text": section.intro}))  # fmt: skip
            for question in section.questions:
                key = f"{section.id}.{question.id}"
                qid += 1
                parent = qid
                row = {
                    "id": str(parent),
                    "class": "Q",
                    "type/scale": type_code(question),
                    "name": self.codes.get(key, f"info{parent}"),
                    "relevance": self.relevance(self.compiled.show_if.get(key), key, "show_if"),
                    "same_default": "0",
                }
                help_text: Text = question.help
                if isinstance(question, Info):
                    rows.append((row, {"text": question.label, "help": help_text}))
                    continue
                row["mandatory"] = "Y" if question.required else "N"
                if question.required_if:
                    self.notes.append(t("exchange.required_if_left_out", self.lang, where=key))
                if question.default is not None:
                    self.notes.append(t("exchange.default_left_out", self.lang, where=key))
                self.attributes(key, question, row)
                rows.append((row, {"text": question.label, "help": help_text}))
                if isinstance(question, SingleChoice):
                    for i, choice in enumerate(question.choices):
                        rows.append(({"id": str(parent), "class": "A", "type/scale": "0",
                                      "name": answer_code(question, i)}, {"text": choice.label}))  # fmt: skip
                elif isinstance(question, Scale):
                    for i, point in enumerate(range(question.min, question.max + 1)):
                        label: Text = question.labels.get(point, str(point))
                        rows.append(({"id": str(parent), "class": "A", "type/scale": "0",
                                      "name": answer_code(question, i)}, {"text": label}))  # fmt: skip
                elif isinstance(question, MultiChoice):
                    for i, choice in enumerate(question.choices):
                        qid += 1
                        rows.append(({"id": str(qid), "related_id": str(parent), "class": "SQ",
                                      "type/scale": "0", "name": column_code(i)},
                                     {"text": choice.label}))  # fmt: skip
                elif isinstance(question, Table):
                    for r in range(table_rows(question)):
                        qid += 1
                        rows.append(({"id": str(qid), "related_id": str(parent), "class": "SQ",
                                      "type/scale": "0", "name": f"R{r + 1}"}, {"text": str(r + 1)}))  # fmt: skip
                    for i, column in enumerate(question.columns):
                        qid += 1
                        rows.append(({"id": str(qid), "related_id": str(parent), "class": "SQ",
                                      "type/scale": "1", "name": column_code(i)},
                                     {"text": column.label}))  # fmt: skip
                        if column.type != "text":
                            self.notes.append(t("exchange.column_as_text", self.lang,
                                                where=f"{key}.{column.id}"))  # fmt: skip
        return rows

    def attributes(self, key: str, question: AnyQuestion, row: dict[str, str]) -> None:
        if isinstance(question, Number):
            if question.min is not None:
                row["min_num_value_n"] = _number(question.min)
            if question.max is not None:
                row["max_num_value_n"] = _number(question.max)
            if question.integer:
                row["num_value_int_only"] = "1"
        if isinstance(question, MultiChoice):
            if question.min_selected:
                row["min_answers"] = str(question.min_selected)
            if question.max_selected:
                row["max_answers"] = str(question.max_selected)
        if isinstance(question, Date) and (question.min or question.max):
            self.notes.append(t("exchange.date_bounds_left_out", self.lang, where=key))
        if isinstance(question, ListQuestion) and (question.min_items or question.max_items):
            self.notes.append(t("exchange.list_count_left_out", self.lang, where=key))
        for rule in getattr(question, "validate_", []):
            preg = _preg(rule.pattern, rule.length)
            if preg is not None and "validation" not in row:
                row["validation"] = preg
            else:
                self.notes.append(t("exchange.rule_left_out", self.lang, where=key, kind=rule.kind))


def _preg(pattern: str | None, length: Bounds | None) -> str | None:
    """A pattern or length rule as LimeSurvey's validation regular expression."""
    if pattern is not None:
        return f"/{pattern}/" if "/" not in pattern else None
    if length is not None:
        low = _number(length.min) if length.min is not None else "0"
        high = _number(length.max) if length.max is not None else ""
        return f"/^[\\s\\S]{{{low},{high}}}$/"
    return None


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


def limesurvey_text(compiled: CompiledCanvas, lang: str) -> tuple[str, list[str]]:
    """The survey structure as tab-separated text, and what it could not hold (in `lang`)."""
    from kosi_tui.exchange.xlsform import left_out_of

    survey = _Survey(compiled, lang)
    rows = survey.rows()
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(
            [_no_formula(c, _html(row.get(c, "")) if c in ("text", "help")
                         else _one_line(row.get(c, "")))
             for c in COLUMNS]
        )  # fmt: skip
    return out.getvalue(), [*survey.notes, *left_out_of(compiled.canvas, lang)]


def _no_formula(column: str, text: str) -> str:
    """`text` so that a spreadsheet opening the file runs nothing (trainers edit this file in
    Excel or LibreOffice), with the same meaning for LimeSurvey: an equation in brackets, a
    text's first character as HTML's character reference (LimeSurvey shows texts as HTML). An
    apostrophe, as in kosi's CSV files, would reach the survey."""
    if not looks_like_formula(text) or _is_number(text):
        return text
    if column == "relevance":
        return f"({text})"
    return f"&#{ord(text[0])};{text[1:]}"


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _one_line(text: str) -> str:
    return " ".join(text.split()) if "\n" in text or "\t" in text else text


def _html(text: str) -> str:
    # LimeSurvey shows question texts as HTML: a canvas's text is shown, never run as markup;
    # its line breaks are written as HTML's.
    return (
        html.escape(text, quote=False)
        .replace("\r\n", "\n")
        .replace("\n", "<br />")
        .replace("\t", " ")
    )
