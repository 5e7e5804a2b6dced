"""A canvas as an XLSForm (ODK Collect, KoboToolbox, Enketo): sheets survey, choices, settings.

Sections become groups, tables repeat groups, scales and yes/no questions single choices, lists
a text of one item per line. Conditions become `relevant`, `required` and `constraint` in XPath
where they mean the same (`expressions.py`); what the platform cannot hold – scores, flags and
prompts, the glance page, the poster, a Planspiel's group, a condition without counterpart – is
listed in the returned notes and in a sheet `kosi` of the workbook, never dropped silently.
"""

from __future__ import annotations

from kosi_tui.core.canvas import (
    AnyQuestion,
    Canvas,
    Choice,
    Column,
    Date,
    Info,
    ListQuestion,
    LongText,
    MultiChoice,
    Number,
    Rule,
    Scale,
    ShortText,
    SingleChoice,
    Table,
)
from kosi_tui.core.compiled import CompiledCanvas
from kosi_tui.core.expr.nodes import Node
from kosi_tui.core.kinds import YesNo
from kosi_tui.core.text import localize
from kosi_tui.exchange.expressions import XPATH, Translator, Untranslatable
from kosi_tui.exchange.names import language_column, xlsform_name
from kosi_tui.exchange.workbook import Cell
from kosi_tui.i18n import t

YES_NO_LIST = "kosi_yes_no"
"""The choice list of yes/no questions: `yes` and `no`, as the importer reads them back."""

Text = str | dict[str, str] | None


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


class _Form:
    def __init__(self, compiled: CompiledCanvas, lang: str) -> None:
        self.lang = lang
        self.compiled = compiled
        self.canvas: Canvas = compiled.canvas
        self.langs = list(self.canvas.languages)
        self.survey: list[dict[str, Cell]] = []
        self.choices: list[dict[str, Cell]] = []
        self.notes: list[str] = []
        questions = {key: located.question for key, located in compiled.questions.items()}
        self.xpath = Translator(XPATH, questions, xlsform_name)

    def texts(self, row: dict[str, Cell], column: str, text: Text) -> None:
        if text is None:
            return
        for lang in self.langs:
            row[f"{column}::{language_column(lang)}"] = localize(text, lang)

    def translate(self, node: Node | None, where: str, what: str) -> str | None:
        if node is None:
            return None
        try:
            return self.xpath.condition(node)
        except Untranslatable as err:
            self.note(
                t("exchange.condition_left_out", self.lang, where=where, what=what, part=str(err))
            )
            return None

    def note(self, text: str) -> None:
        self.notes.append(text)

    def choice_list(self, name: str, choices: list[Choice]) -> str:
        for choice in choices:
            row: dict[str, Cell] = {"list_name": name, "name": choice.id}
            self.texts(row, "label", choice.label)
            self.choices.append(row)
        return name

    def build(self) -> None:
        self.choices.extend(
            {"list_name": YES_NO_LIST, "name": value, **self._yes_no_labels(value)}
            for value in ("yes", "no")
        )
        for section in self.canvas.sections:
            group: dict[str, Cell] = {"type": "begin_group", "name": section.id}
            self.texts(group, "label", section.title)
            self.texts(group, "hint", section.intro)
            relevant = self.translate(
                self.compiled.show_if.get(f"section:{section.id}"), section.id, "show_if"
            )
            if relevant:
                group["relevant"] = relevant
            self.survey.append(group)
            for question in section.questions:
                self.question(f"{section.id}.{question.id}", question)
            self.survey.append({"type": "end_group", "name": section.id})
        self.left_out()

    def _yes_no_labels(self, value: str) -> dict[str, Cell]:
        return {
            f"label::{language_column(lang)}": t(f"answer.{value}", lang) for lang in self.langs
        }

    def question(self, key: str, question: AnyQuestion) -> None:
        name = xlsform_name(key)
        row: dict[str, Cell] = {"name": name}
        self.texts(row, "label", question.label)
        self.texts(row, "hint", question.help)
        self.texts(row, "guidance_hint", question.guidance)
        relevant = self.translate(self.compiled.show_if.get(key), key, "show_if")
        if relevant:
            row["relevant"] = relevant
        if isinstance(question, Info):
            row["type"] = "note"
            self.survey.append(row)
            return
        if question.required:
            row["required"] = "yes"
        elif question.required_if:
            required = self.translate(self.compiled.required_if.get(key), key, "required_if")
            if required:
                row["required"] = required
        if question.default is not None:
            self.note(t("exchange.default_left_out", self.lang, where=key))
        if isinstance(question, Table):
            self.table(key, name, question, row)
            return
        row["type"] = self.kind(key, name, question)
        if isinstance(question, LongText | ListQuestion):
            row["appearance"] = "multiline"
        constraints = self.constraints(key, question)
        if constraints:
            row["constraint"] = " and ".join(constraints)
            messages = [r.message for r in question.validate_ if r.message is not None]
            if messages:
                self.texts(row, "constraint_message", messages[0])
        self.survey.append(row)

    def kind(self, key: str, name: str, question: AnyQuestion) -> str:
        match question:
            case ShortText() | LongText() | ListQuestion():
                return "text"
            case SingleChoice():
                return f"select_one {self.choice_list(name, question.choices)}"
            case MultiChoice():
                return f"select_multiple {self.choice_list(name, question.choices)}"
            case Scale():
                points = [
                    Choice(id=str(p), label=question.labels.get(p, str(p)))
                    for p in range(question.min, question.max + 1)
                ]
                return f"select_one {self.choice_list(name, points)}"
            case Number():
                return "integer" if question.integer else "decimal"
            case Date():
                return "date"
            case YesNo():
                return f"select_one {YES_NO_LIST}"
        raise AssertionError(f"kind {type(question).__name__} at {key}")

    def constraints(self, key: str, question: AnyQuestion) -> list[str]:
        out: list[str] = []
        if isinstance(question, Number):
            if question.min is not None:
                out.append(f". >= {_number(question.min)}")
            if question.max is not None:
                out.append(f". <= {_number(question.max)}")
        if isinstance(question, Date):
            if question.min is not None:
                out.append(f". >= date('{question.min.isoformat()}')")
            if question.max is not None:
                out.append(f". <= date('{question.max.isoformat()}')")
        if isinstance(question, MultiChoice):
            if question.min_selected:
                out.append(f"count-selected(.) >= {question.min_selected}")
            if question.max_selected:
                out.append(f"count-selected(.) <= {question.max_selected}")
        if isinstance(question, ListQuestion) and (question.min_items or question.max_items):
            self.note(t("exchange.list_count_left_out", self.lang, where=key))
        for index, rule in enumerate(getattr(question, "validate_", [])):
            part = self.rule(key, index, rule)
            if part:
                out.append(part)
        return out

    def rule(self, key: str, index: int, rule: Rule) -> str | None:
        if rule.length is not None and not isinstance(question_of(self, key), ListQuestion):
            parts = []
            if rule.length.min is not None:
                parts.append(f"string-length(.) >= {_number(rule.length.min)}")
            if rule.length.max is not None:
                parts.append(f"string-length(.) <= {_number(rule.length.max)}")
            return " and ".join(parts) or None
        if rule.range is not None:
            parts = []
            if rule.range.min is not None:
                parts.append(f". >= {_number(rule.range.min)}")
            if rule.range.max is not None:
                parts.append(f". <= {_number(rule.range.max)}")
            return " and ".join(parts) or None
        if rule.pattern is not None and "'" not in rule.pattern:
            return f"regex(., '{rule.pattern}')"
        if rule.rule is not None:
            return self.translate(self.compiled.rules.get((key, index)), key, "validate")
        self.note(t("exchange.rule_left_out", self.lang, where=key, kind=rule.kind))
        return None

    def table(self, key: str, name: str, question: Table, row: dict[str, Cell]) -> None:
        row["type"] = "begin_repeat"
        row.pop("required", None)
        if question.required or question.required_if:
            self.note(t("exchange.table_required_left_out", self.lang, where=key))
        self.survey.append(row)
        for column in question.columns:
            self.survey.append(self.column(name, column))
        self.survey.append({"type": "end_repeat", "name": name})

    def column(self, table: str, column: Column) -> dict[str, Cell]:
        name = f"{table}__{column.id}"
        row: dict[str, Cell] = {"name": name}
        self.texts(row, "label", column.label)
        self.texts(row, "hint", column.help)
        if column.required:
            row["required"] = "yes"
        match column.type:
            case "text":
                row["type"] = "text"
            case "number":
                row["type"] = "integer" if column.integer else "decimal"
                parts = []
                if column.min is not None:
                    parts.append(f". >= {_number(column.min)}")
                if column.max is not None:
                    parts.append(f". <= {_number(column.max)}")
                if parts:
                    row["constraint"] = " and ".join(parts)
            case "choice":
                row["type"] = f"select_one {self.choice_list(name, column.choices or [])}"
            case "multi_choice":
                row["type"] = f"select_multiple {self.choice_list(name, column.choices or [])}"
        return row

    def left_out(self) -> None:
        self.notes.extend(left_out_of(self.canvas, self.lang))


def left_out_of(canvas: Canvas, lang: str) -> list[str]:
    """What no survey platform holds: the evaluation, the glance page, the poster, the game,
    prefilled answers; each with where kosi gives it after `kosi import`."""
    notes: list[str] = []
    parts = {
        "scores": len(canvas.evaluation.scores),
        "flags": len(canvas.evaluation.flags),
        "prompts": len(canvas.evaluation.prompts),
        "charts": len(canvas.evaluation.charts),
    }
    for part, count in parts.items():
        if count:
            notes.append(t("exchange.evaluation_left_out", lang, part=part, count=count))
    for part in ("glance", "poster", "group"):
        if getattr(canvas, part) is not None:
            notes.append(t(f"exchange.{part}_left_out", lang))
    for section, question in canvas.iter_questions():
        if isinstance(question, ShortText) and question.prefill:
            notes.append(t("exchange.prefill_left_out", lang, where=f"{section.id}.{question.id}"))
    return notes


def question_of(form: _Form, key: str) -> AnyQuestion | None:
    located = form.compiled.questions.get(key)
    return located.question if located else None


def _sheet(rows: list[dict[str, Cell]], first: list[str]) -> list[list[Cell]]:
    header = list(first)
    for row in rows:
        header.extend(k for k in row if k not in header)
    heading: list[Cell] = list(header)
    return [heading, *([row.get(h) for h in header] for row in rows)]


def xlsform_sheets(
    compiled: CompiledCanvas, lang: str
) -> tuple[dict[str, list[list[Cell]]], list[str]]:
    """The XLSForm's sheets and the list of what it could not hold (in `lang`)."""
    form = _Form(compiled, lang)
    form.build()
    canvas = compiled.canvas
    first_lang = canvas.languages[0]
    settings: dict[str, Cell] = {
        "form_title": localize(canvas.title, first_lang),
        "form_id": canvas.id,
        "version": canvas.version,
        "default_language": language_column(first_lang),
    }
    labels = [f"label::{language_column(code)}" for code in canvas.languages]
    hints = [f"hint::{language_column(code)}" for code in canvas.languages]
    heading: list[Cell] = list(settings)
    listed: list[list[Cell]] = [[line] for line in form.notes or ["-"]]
    sheets: dict[str, list[list[Cell]]] = {
        "survey": _sheet(form.survey, ["type", "name", *labels, *hints, "required", "relevant"]),
        "choices": _sheet(form.choices, ["list_name", "name", *labels]),
        "settings": [heading, list(settings.values())],
        # pyxform reads only its own sheets; this one is for the person who uploads the form.
        "kosi": [[t("exchange.left_out_heading", lang)], *listed],
    }
    return sheets, form.notes


__all__ = ["YES_NO_LIST", "left_out_of", "xlsform_sheets"]
