"""Checks a canvas as a whole and compiles it: references, expression types, choices, cycles,
translations. Every finding carries the data path of the value it is about, so the storage layer
can turn it into a file line; nothing here reads files.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from kosi_tui.core.canvas import (
    SECTION_RESERVED,
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
    Scale,
    Section,
    ShortText,
    SingleChoice,
    Table,
)
from kosi_tui.core.compiled import CompiledCanvas, Located
from kosi_tui.core.expr import ExprError, parse
from kosi_tui.core.expr.functions import FUNCTIONS
from kosi_tui.core.expr.nodes import (
    Binary,
    Call,
    IsEmpty,
    ListLit,
    Literal,
    Membership,
    Node,
    Ref,
    Unary,
    ValueRef,
    children,
    walk,
)
from kosi_tui.core.expr.types import ANY, Type
from kosi_tui.core.placeholders import placeholders
from kosi_tui.core.text import missing_languages
from kosi_tui.i18n import t

DataPath = tuple[str | int, ...]

RULE_FITS: dict[str, tuple[type, ...]] = {
    "length": (ShortText, LongText, ListQuestion),
    "pattern": (ShortText, LongText, ListQuestion),
    "range": (Number, Scale),
}
"""The question types each kind of validation rule can check (`rule` expressions fit all)."""


@dataclass(frozen=True)
class Finding:
    """One problem found in a canvas, at a data path (and an offset inside an expression)."""

    path: DataPath
    severity: str
    code: str
    args: dict[str, Any] = field(default_factory=dict)
    offset: int | None = None


@dataclass(frozen=True)
class Kind:
    """A kind of value (number, text, ...) named in a message, in the reader's language."""

    key: str

    def message(self, lang: str) -> str:
        """The kind's name in `lang`."""
        return t(f"kind.{self.key}", lang)


def _suggest(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return close[0] if close else ""


def _choice_ids(choices: list[Choice] | None) -> tuple[str, ...]:
    return tuple(c.id for c in choices or [])


def question_type(question: AnyQuestion, name: str) -> Type:
    """The type an answer to this question has in expressions."""
    match question:
        case SingleChoice():
            return Type("choice", _choice_ids(question.choices), name)
        case MultiChoice():
            return Type("choices", _choice_ids(question.choices), name)
        case Number() | Scale():
            return Type("number", name=name)
        case Date():
            return Type("date", name=name)
        case ListQuestion():
            return Type("list", name=name)
        case Table():
            return Type("table", name=name)
        case ShortText() | LongText():
            return Type("text", name=name)
    return ANY


def column_type(column: Column, name: str) -> Type:
    """The type of a table column in expressions: a list of the cells' values."""
    if column.type in ("choice", "multi_choice"):
        return Type("choices", _choice_ids(column.choices), name)
    if column.type == "number":
        return Type("numbers", name=name)
    return Type("list", name=name)


class _Checker:
    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self.out = CompiledCanvas(canvas)
        self.findings: list[Finding] = []
        self.section_index = {s.id: i for i, s in enumerate(canvas.sections)}
        self.score_ids = [s.id for s in canvas.evaluation.scores]
        self.deps: dict[str, set[str]] = {}
        self.value_type = ANY
        self.group_refs: Callable[[Ref, DataPath], Ref | None] | None = None
        """While a group's expressions are compiled: resolves `round.x`, `constants.x`,
        `figures.x` (see `group_checks.py`); None elsewhere."""
        self.in_group = False
        """Whether a group figure or flag is being compiled (where `sum(x where c)` is allowed)."""

    def add(
        self,
        path: DataPath,
        code: str,
        severity: str = "error",
        offset: int | None = None,
        **args: Any,
    ) -> None:
        self.findings.append(Finding(path, severity, code, args, offset))

    # -- structure ---------------------------------------------------------------------------

    def structure(self) -> None:
        canvas = self.canvas
        self.duplicates([s.id for s in canvas.sections], ("sections",), "section")
        for si, section in enumerate(canvas.sections):
            spath: DataPath = ("sections", si)
            if section.id in SECTION_RESERVED:
                self.add((*spath, "id"), "reserved_id", id=section.id)
            if not section.questions:
                self.add((*spath, "questions"), "empty_section", section=section.id)
            self.duplicates([q.id for q in section.questions], (*spath, "questions"), "question")
            for qi, question in enumerate(section.questions):
                key = f"{section.id}.{question.id}"
                if key not in self.out.questions:
                    self.out.questions[key] = Located(key, section, question, si, qi)
                self.question_shape(question, (*spath, "questions", qi))
        ev = canvas.evaluation
        if ev.checklist is not None:
            located = self.out.questions.get(ev.checklist)
            if located is None:
                self.add(
                    ("evaluation", "checklist"),
                    "unknown_ref",
                    name=ev.checklist,
                    suggestion=_suggest(ev.checklist, list(self.out.questions)),
                )
            elif not isinstance(located.question, ListQuestion | Table | ShortText | LongText):
                self.add(("evaluation", "checklist"), "checklist_type", name=ev.checklist)
        self.duplicates([s.id for s in ev.scores], ("evaluation", "scores"), "score")
        self.duplicates([f.id for f in ev.flags], ("evaluation", "flags"), "flag")
        self.duplicates([p.id for p in ev.prompts], ("evaluation", "prompts"), "prompt")
        self.score_kinds()
        self.charts()
        self.glance()
        self.poster()

    # -- documents: charts, "Auf einen Blick", poster ------------------------------------------

    def question_ref(
        self, key: str, path: DataPath, kind: type | None = None
    ) -> AnyQuestion | None:
        """The question `key` names, or a finding at `path` (also when it is not of `kind`)."""
        located = self.out.questions.get(key)
        if located is None:
            self.add(
                path, "unknown_ref", name=key, suggestion=_suggest(key, list(self.out.questions))
            )
            return None
        if kind is not None and not isinstance(located.question, kind):
            self.add(path, "document_ref_type", name=key, kind=kind.__name__.lower())
            return None
        return located.question

    def score_ref(self, score_id: str, path: DataPath) -> None:
        if score_id not in self.score_ids:
            self.add(
                path, "unknown_score", name=score_id, suggestion=_suggest(score_id, self.score_ids)
            )

    def charts(self) -> None:
        charts = self.canvas.evaluation.charts
        self.duplicates([c.id for c in charts], ("evaluation", "charts"), "chart")
        for ci, chart in enumerate(charts):
            path: DataPath = ("evaluation", "charts", ci)
            if chart.type != "stacked":
                for i, score_id in enumerate(chart.scores or []):
                    self.score_ref(score_id, (*path, "scores", i))
                continue
            needed = [k for k in ("table", "label", "value", "target") if getattr(chart, k) is None]
            if needed:
                self.add(path, "chart_fields", fields=", ".join(needed))
                continue
            assert chart.table and chart.label and chart.value and chart.target
            table = self.question_ref(chart.table, (*path, "table"), Table)
            if isinstance(table, Table):
                for field_name, column_id in (("label", chart.label), ("value", chart.value)):
                    column = table.column(column_id)
                    if column is None:
                        self.add(
                            (*path, field_name),
                            "unknown_column",
                            name=chart.table,
                            column=column_id,
                        )
                    elif field_name == "value" and column.type != "number":
                        self.add(
                            (*path, field_name), "document_ref_type", name=column_id, kind="number"
                        )
            self.question_ref(chart.target, (*path, "target"), Number)

    def glance(self) -> None:
        glance = self.canvas.glance
        if glance is None:
            return
        chart_ids = [c.id for c in self.canvas.evaluation.charts]
        for i, item in enumerate(glance.items):
            path: DataPath = ("glance", "items", i)
            if len(item.kinds) != 1:
                self.add(path, "glance_kind")
            elif item.answer is not None:
                self.question_ref(item.answer, (*path, "answer"))
            elif item.score is not None:
                self.score_ref(item.score, (*path, "score"))
            elif item.chart is not None and item.chart not in chart_ids:
                self.add(
                    (*path, "chart"),
                    "unknown_chart",
                    name=item.chart,
                    suggestion=_suggest(item.chart, chart_ids),
                )

    def poster(self) -> None:
        poster = self.canvas.poster
        if poster is None:
            return
        taken: dict[tuple[int, int], str] = {}
        for bi, box in enumerate(poster.boxes):
            path: DataPath = ("poster", "boxes", bi)
            if box.section not in self.section_index:
                self.add(
                    (*path, "section"),
                    "unknown_section",
                    name=box.section,
                    suggestion=_suggest(box.section, list(self.section_index)),
                )
            for ai, key in enumerate(box.answers or []):
                self.question_ref(key, (*path, "answers", ai))
            right, bottom = box.column + box.width - 1, box.row + box.height - 1
            if right > poster.columns or bottom > poster.rows:
                self.add(path, "poster_outside", columns=poster.columns, rows=poster.rows)
                continue
            for col in range(box.column, right + 1):
                for row in range(box.row, bottom + 1):
                    if (col, row) in taken:
                        self.add(path, "poster_overlap", other=taken[(col, row)])
                        break
                    taken[(col, row)] = box.section
                else:
                    continue
                break

    def score_kinds(self) -> None:
        for i, score in enumerate(self.canvas.evaluation.scores):
            path: DataPath = ("evaluation", "scores", i)
            kind = score.shown_as
            if kind == "spread" and not score.of:
                self.add((*path, "kind"), "spread_needs_of")
            elif kind != "spread" and score.of is not None:
                self.add((*path, "of"), "of_only_for_spread")
            if kind == "rating" and score.max is None:
                self.add((*path, "kind"), "rating_needs_max")
            for oi, other in enumerate(score.of or []):
                if other not in self.score_ids or other == score.id:
                    self.add(
                        (*path, "of", oi),
                        "unknown_score",
                        name=other,
                        suggestion=_suggest(other, [s for s in self.score_ids if s != score.id]),
                    )

    def duplicates(self, ids: list[str], path: DataPath, what: str) -> None:
        seen: set[str] = set()
        for i, ident in enumerate(ids):
            if ident in seen:
                self.add((*path, i, "id"), "duplicate_id", what=what, id=ident)
            seen.add(ident)

    def question_shape(self, q: AnyQuestion, path: DataPath) -> None:
        if isinstance(q, SingleChoice | MultiChoice):
            self.duplicates([c.id for c in q.choices], (*path, "choices"), "choice")
        if isinstance(q, MultiChoice):
            n = len(q.choices)
            lo, hi = q.min_selected, q.max_selected
            if lo is not None and hi is not None and lo > hi:
                self.add((*path, "min_selected"), "min_over_max", min=lo, max=hi)
            if lo is not None and lo > n:
                self.add((*path, "min_selected"), "min_over_choices", min=lo, count=n)
        if isinstance(q, Scale):
            if q.min >= q.max:
                self.add((*path, "min"), "min_over_max", min=q.min, max=q.max)
            for point in q.labels:
                if not q.min <= point <= q.max:
                    self.add(
                        (*path, "labels", point),
                        "label_outside_scale",
                        point=point,
                        min=q.min,
                        max=q.max,
                    )
        if isinstance(q, Number) and q.min is not None and q.max is not None and q.min > q.max:
            self.add((*path, "min"), "min_over_max", min=q.min, max=q.max)
        if isinstance(q, Date) and q.min is not None and q.max is not None and q.min > q.max:
            self.add((*path, "min"), "min_over_max", min=q.min, max=q.max)
        if (
            isinstance(q, ListQuestion)
            and q.min_items
            and q.max_items
            and q.min_items > q.max_items
        ):
            self.add((*path, "min_items"), "min_over_max", min=q.min_items, max=q.max_items)
        if isinstance(q, Table):
            self.duplicates([c.id for c in q.columns], (*path, "columns"), "column")
            if q.min_rows and q.max_rows and q.min_rows > q.max_rows:
                self.add((*path, "min_rows"), "min_over_max", min=q.min_rows, max=q.max_rows)
            for ci, column in enumerate(q.columns):
                self.duplicates(
                    list(_choice_ids(column.choices)), (*path, "columns", ci, "choices"), "choice"
                )
        if isinstance(q, Info):
            return
        for ri, rule in enumerate(q.validate_):
            if rule.pattern is not None:
                try:
                    self.out.patterns[(self.key_of(path), ri)] = re.compile(rule.pattern)
                except re.error as err:
                    self.add((*path, "validate", ri, "pattern"), "bad_pattern", reason=str(err))
            bounds = rule.length or rule.range
            if (
                bounds
                and bounds.min is not None
                and bounds.max is not None
                and bounds.min > bounds.max
            ):
                self.add((*path, "validate", ri), "min_over_max", min=bounds.min, max=bounds.max)
            fits = RULE_FITS.get(rule.kind)
            if fits is not None and not isinstance(q, fits):
                self.add(
                    (*path, "validate", ri, rule.kind),
                    "rule_not_for_type",
                    rule=rule.kind,
                    type=q.type,
                )

    def key_of(self, path: DataPath) -> str:
        section = self.canvas.sections[int(path[1])]
        return f"{section.id}.{section.questions[int(path[3])].id}"

    # -- translations ------------------------------------------------------------------------

    def translations(self) -> None:
        langs = self.canvas.languages
        self.walk_texts(self.canvas.model_dump(by_alias=True, exclude_none=True), (), langs)

    _TEXT_KEYS = frozenset(
        {
            "title",
            "intro",
            "label",
            "help",
            "example",
            "guidance",
            "message",
            "step",
            "explain",
            "description",
            "unit",
            "placeholder",
            "observation",
            "question",
            # The group's roles, rounds and run sheet.
            "name",
            "short",
            "who",
            "interests",
            "resources",
            "constraints",
            "walk_away",
            "private",
            "task",
            "what",
        }
    )

    def walk_texts(self, data: Any, path: DataPath, langs: list[str]) -> None:
        if isinstance(data, dict):
            for key, value in data.items():
                if (
                    key in self._TEXT_KEYS
                    and isinstance(value, dict)
                    and all(isinstance(v, str) for v in value.values())
                ):
                    self.text_langs(value, (*path, key), langs)
                elif key == "debrief" and isinstance(value, list):
                    for i, text in enumerate(value):
                        self.text_langs(text, (*path, key, i), langs)
                elif key == "labels" and isinstance(value, dict):
                    for point, text in value.items():
                        self.text_langs(text, (*path, key, point), langs)
                else:
                    self.walk_texts(value, (*path, key), langs)
        elif isinstance(data, list):
            for i, item in enumerate(data):
                self.walk_texts(item, (*path, i), langs)

    def text_langs(self, text: Any, path: DataPath, langs: list[str]) -> None:
        if isinstance(text, dict):
            for lang in text:
                if lang not in langs:
                    self.add(
                        (*path, lang),
                        "undeclared_language",
                        lang=lang,
                        languages=", ".join(langs),
                        severity="warning",
                    )
        missing = missing_languages(text, langs)
        if missing:
            self.add(path, "missing_translation", severity="warning", languages=", ".join(missing))

    # -- expressions -------------------------------------------------------------------------

    def expressions(self) -> None:
        for si, section in enumerate(self.canvas.sections):
            spath: DataPath = ("sections", si)
            section_key = f"section:{section.id}"
            if section.show_if:
                node = self.compile(
                    section.show_if, (*spath, "show_if"), section, None, section_key
                )
                if node is not None:
                    self.out.show_if[section_key] = node
                    self.forward(node, (*spath, "show_if"), si, -1)
            for qi, question in enumerate(section.questions):
                qpath: DataPath = (*spath, "questions", qi)
                key = f"{section.id}.{question.id}"
                # A question is hidden with its section, so it inherits the section's dependencies.
                self.deps.setdefault(key, set()).update(self.deps.get(section_key, set()))
                if question.show_if:
                    node = self.compile(question.show_if, (*qpath, "show_if"), section, None, key)
                    if node is not None:
                        self.out.show_if[key] = node
                        self.forward(node, (*qpath, "show_if"), si, qi)
                if isinstance(question, Info):
                    continue
                if question.required_if:
                    node = self.compile(
                        question.required_if, (*qpath, "required_if"), section, None, key
                    )
                    if node is not None:
                        self.out.required_if[key] = node
                        if question.required:
                            self.add(
                                (*qpath, "required_if"),
                                "required_and_required_if",
                                severity="warning",
                            )
                for ri, rule in enumerate(question.validate_):
                    if rule.rule is None:
                        continue
                    node = self.compile(
                        rule.rule,
                        (*qpath, "validate", ri, "rule"),
                        section,
                        question_type(question, "value"),
                        None,
                    )
                    if node is not None:
                        self.out.rules[(key, ri)] = node
        for i, score in enumerate(self.canvas.evaluation.scores):
            path: DataPath = ("evaluation", "scores", i, "value")
            node = self.compile(score.value, path, None, None, f"scores.{score.id}")
            if node is not None:
                self.out.scores[score.id] = node
                if self.infer(node, path).kind not in ("number", "bool", "any"):
                    self.add(path, "score_not_number")
        for i, flag in enumerate(self.canvas.evaluation.flags):
            path = ("evaluation", "flags", i, "when")
            node = self.compile(flag.when, path, None, None, None)
            if node is not None:
                self.out.flags[flag.id] = node
        for i, prompt in enumerate(self.canvas.evaluation.prompts):
            path = ("evaluation", "prompts", i, "when")
            node = self.compile(prompt.when, path, None, None, None)
            if node is not None:
                self.out.prompts[prompt.id] = node
            for name in ("observation", "question"):
                self.prompt_text(getattr(prompt, name), ("evaluation", "prompts", i, name))

    def prompt_text(self, text: str | dict[str, str], path: DataPath) -> None:
        """Compiles the `{expression}` placeholders of a prompt text, in every language."""
        texts: list[tuple[str, DataPath]] = (
            [(text, path)] if isinstance(text, str) else [(v, (*path, k)) for k, v in text.items()]
        )
        for value, where in texts:
            for source, start in placeholders(value):
                before = len(self.findings)
                node = self.compile(source, where, None, None, None)
                # Offsets count from the text's start, not the placeholder's, so LINE:COL is right.
                self.findings[before:] = [
                    replace(f, offset=start + (f.offset or 0)) for f in self.findings[before:]
                ]
                if node is not None:
                    self.out.placeholders[source] = node

    def compile(
        self,
        source: str,
        path: DataPath,
        section: Section | None,
        value: Type | None,
        owner: str | None,
    ) -> Node | None:
        try:
            tree = parse(source)
        except ExprError as err:
            self.add(path, f"expr_{err.code}", offset=err.pos, **err.args_)
            return None
        ok = True
        for node in walk(tree):
            if isinstance(node, ValueRef) and value is None:
                self.add(path, "value_outside_rule", offset=node.pos)
                ok = False
        before = len(self.findings)
        resolved = self.resolve(tree, path, section)
        if owner is not None:
            self.deps.setdefault(owner, set()).update(
                n.key for n in walk(resolved) if isinstance(n, Ref) and n.key
            )
        self.value_type = value or ANY
        self.infer(resolved, path)
        return resolved if ok and len(self.findings) == before else None

    def resolve(self, node: Node, path: DataPath, section: Section | None) -> Node:
        """The tree with references resolved; unresolved ones (reported) keep an empty key."""

        def fix(n: Node) -> Node:
            if isinstance(n, Ref):
                return self.resolve_ref(n, path, section) or n
            kids = children(n)
            if not kids:
                return n
            new = tuple(fix(k) for k in kids)
            match n:
                case Unary() | IsEmpty():
                    return replace(n, operand=new[0])
                case Binary() | Membership():
                    return replace(n, left=new[0], right=new[1])
                case Call(where=None):
                    return replace(n, args=new)
                case Call():
                    return replace(n, args=new[:-1], where=new[-1])
                case ListLit():
                    return replace(n, items=new)
            return n  # pragma: no cover

        return fix(node)

    def resolve_ref(self, ref: Ref, path: DataPath, section: Section | None) -> Ref | None:
        parts = ref.parts
        questions = self.out.questions
        if self.group_refs is not None and parts[0] in ("round", "constants", "figures"):
            return self.group_refs(ref, path)
        if parts[0] == "scores" and len(parts) == 2:
            if parts[1] in self.score_ids:
                return replace(ref, key=f"scores.{parts[1]}")
            self.add(
                path,
                "unknown_score",
                offset=ref.pos,
                name=ref.text,
                suggestion=_suggest(parts[1], self.score_ids),
            )
            return None
        candidates: list[tuple[str, str | None]] = []
        if len(parts) in (2, 3):
            candidates.append((f"{parts[0]}.{parts[1]}", parts[2] if len(parts) == 3 else None))
        if section is not None and len(parts) in (1, 2):
            candidates.append((f"{section.id}.{parts[0]}", parts[1] if len(parts) == 2 else None))
        for key, column in candidates:
            located = questions.get(key)
            if located is None:
                continue
            question = located.question
            if isinstance(question, Info):
                self.add(path, "ref_to_info", offset=ref.pos, name=ref.text)
                return None
            if column is not None:
                if not isinstance(question, Table):
                    continue
                if question.column(column) is None:
                    self.add(
                        path,
                        "unknown_column",
                        offset=ref.pos,
                        name=key,
                        column=column,
                        suggestion=_suggest(column, [c.id for c in question.columns]),
                    )
                    return None
            return replace(ref, key=key, column=column)
        options = list(questions)
        if section is not None:
            options += [q.id for q in section.questions]
        self.add(
            path,
            "unknown_ref",
            offset=ref.pos,
            name=ref.text,
            suggestion=_suggest(ref.text, options),
        )
        return None

    def ref_type(self, ref: Ref) -> Type:
        if not ref.key:
            return ANY
        if ref.key.startswith(("scores.", "constants.", "figures.")):
            return Type("number", name=ref.text)
        question = self.out.questions[ref.key].question
        if ref.column is not None and isinstance(question, Table):
            column = question.column(ref.column)
            assert column is not None
            return column_type(column, ref.text)
        return question_type(question, ref.text)

    # -- types -------------------------------------------------------------------------------

    def infer(self, node: Node, path: DataPath) -> Type:
        match node:
            case Literal(value=v):
                if isinstance(v, bool):
                    return Type("bool")
                if isinstance(v, int | float):
                    return Type("number")
                if isinstance(v, str):
                    return Type("text")
                return ANY
            case ListLit(items=items):
                for item in items:
                    self.infer(item, path)
                return Type("list")
            case ValueRef():
                return self.value_type
            case Ref():
                return self.ref_type(node)
            case Unary(op="not", operand=o):
                self.infer(o, path)
                return Type("bool")
            case Unary(operand=o):
                self.need_number(self.infer(o, path), node, path)
                return Type("number")
            case Binary(op=op, left=a, right=b) if op in ("and", "or"):
                self.infer(a, path)
                self.infer(b, path)
                return Type("bool")
            case Binary(op=op, left=a, right=b) if op in ("+", "-", "*", "/"):
                ta, tb = self.infer(a, path), self.infer(b, path)
                if op == "-" and ta.kind == tb.kind == "date":
                    return Type("number")
                self.need_number(ta, a, path)
                self.need_number(tb, b, path)
                return Type("number")
            case Binary(op=op, left=a, right=b):
                self.compare(op, a, b, self.infer(a, path), self.infer(b, path), path, node.pos)
                return Type("bool")
            case Membership(op="contains", left=a, right=b):
                ta, tb = self.infer(a, path), self.infer(b, path)
                if ta.kind == "choice":
                    self.add(path, "contains_on_single", offset=node.pos, name=ta.name)
                elif ta.kind in ("number", "date", "bool"):
                    self.add(
                        path,
                        "type_mismatch",
                        offset=node.pos,
                        left=Kind(ta.kind),
                        right=Kind("contains"),
                    )
                elif ta.kind == "choices":
                    self.literal_choices(b, ta, path)
                del tb
                return Type("bool")
            case Membership(left=a, right=b):
                ta, tb = self.infer(a, path), self.infer(b, path)
                if ta.kind == "choices":
                    self.add(path, "in_on_multi", offset=node.pos, name=ta.name)
                if isinstance(b, ListLit):
                    for item in b.items:
                        self.compare("==", a, item, ta, self.infer(item, path), path, node.pos)
                del tb
                return Type("bool")
            case IsEmpty(operand=o):
                self.infer(o, path)
                return Type("bool")
            case Call(name=name, args=args):
                types = [self.infer(a, path) for a in args]
                if node.where is not None:
                    self.infer(node.where, path)
                    if not self.in_group:
                        self.add(path, "where_outside_group", offset=node.pos)
                if name == "score":
                    if not (isinstance(args[0], Ref) and types[0].kind in ("choice", "choices")):
                        self.add(path, "score_needs_choice", offset=node.pos)
                    else:
                        self.scored_choices(args[0], path, node.pos)
                elif name == "count" and len(args) == 2:
                    self.literal_choices(args[1], types[0], path)
                elif name in ("sum", "min", "max", "mean", "round", "clamp"):
                    for arg, tp in zip(args, types, strict=True):
                        if tp.kind in ("text", "choice", "choices", "list", "table", "date"):
                            self.add(
                                path,
                                "not_numeric_arg",
                                offset=arg.pos,
                                function=name,
                                name=tp.name or tp.kind,
                            )
                elif name in ("days_until", "months_until") and types[0].kind not in (
                    "date",
                    "any",
                ):
                    self.add(path, "needs_date", offset=node.pos, function=name)
                return Type(FUNCTIONS[name].result)
        return ANY  # pragma: no cover

    def need_number(self, tp: Type, node: Node, path: DataPath) -> None:
        if not tp.numeric:
            self.add(
                path,
                "not_numeric",
                offset=node.pos,
                name=tp.name or tp.kind,
                kind=Kind(tp.kind),
            )

    def compare(
        self, op: str, a: Node, b: Node, ta: Type, tb: Type, path: DataPath, pos: int
    ) -> None:
        for this, other_node in ((ta, b), (tb, a)):
            if this.kind == "choice" and isinstance(other_node, Literal):
                self.literal_choices(other_node, this, path)
                return
            if this.kind == "choices" and op in ("==", "!="):
                self.add(path, "equals_on_multi", offset=pos, name=this.name)
                return
        kinds = {ta.kind, tb.kind} - {"any"}
        ordering = op in ("<", "<=", ">", ">=")
        if len(kinds) == 2 and kinds != {"number", "bool"}:
            if kinds == {"date", "text"} and _iso_literal(a, b):
                return
            self.add(path, "type_mismatch", offset=pos, left=Kind(ta.kind), right=Kind(tb.kind))
        elif ordering and kinds & {"text", "choice", "choices", "list", "table"}:
            self.add(path, "ordering_on_text", offset=pos, op=op)

    def literal_choices(self, node: Node, tp: Type, path: DataPath) -> None:
        if tp.kind not in ("choice", "choices") or not isinstance(node, Literal):
            return
        value = node.value
        if isinstance(value, int | float) and not isinstance(value, bool):
            if str(value) in tp.choices:
                self.add(path, "choice_needs_quotes", offset=node.pos, value=str(value))
            else:
                self.add(
                    path,
                    "type_mismatch",
                    offset=node.pos,
                    left=Kind("choice"),
                    right=Kind("number"),
                )
            return
        if isinstance(value, str) and value not in tp.choices:
            self.add(
                path,
                "unknown_choice",
                offset=node.pos,
                value=value,
                name=tp.name,
                choices=", ".join(tp.choices),
                suggestion=_suggest(value, list(tp.choices)),
            )

    def scored_choices(self, ref: Ref, path: DataPath, pos: int) -> None:
        question = self.out.questions[ref.key].question
        if isinstance(question, SingleChoice | MultiChoice):
            unscored = [c.id for c in question.choices if c.score is None]
            if unscored and not ref.column:
                self.add(
                    path,
                    "choices_without_score",
                    severity="warning",
                    offset=pos,
                    name=ref.text,
                    choices=", ".join(unscored),
                )

    # -- order ---------------------------------------------------------------------------------

    def forward(self, node: Node, path: DataPath, si: int, qi: int) -> None:
        for ref in (n for n in walk(node) if isinstance(n, Ref)):
            located = self.out.questions.get(ref.key)
            if located is None:
                continue
            later = (located.section_index, located.index) > (si, qi)
            if later and located.section_index > si:
                self.add(
                    path, "show_if_later_section", severity="warning", offset=ref.pos, name=ref.text
                )

    def cycles(self) -> None:
        state: dict[str, int] = {}
        stack: list[str] = []
        order: list[str] = []
        reported: set[frozenset[str]] = set()

        def visit(key: str) -> None:
            state[key] = 1
            stack.append(key)
            for dep in sorted(self.deps.get(key, ())):
                if state.get(dep) == 1:
                    cycle = stack[stack.index(dep) :]
                    if frozenset(cycle) not in reported:
                        reported.add(frozenset(cycle))
                        self.add(
                            self.owner_path(cycle[0]), "cycle", chain=" → ".join([*cycle, dep])
                        )
                elif dep not in state:
                    visit(dep)
            stack.pop()
            state[key] = 2
            if key in self.out.questions:
                order.append(key)

        for key in [*self.out.questions, *(f"scores.{s}" for s in self.score_ids)]:
            if key not in state:
                visit(key)
        self.out.order = order

    def owner_path(self, key: str) -> DataPath:
        if key.startswith("scores."):
            return ("evaluation", "scores", self.score_ids.index(key[7:]), "value")
        if key.startswith("section:"):
            return ("sections", self.section_index[key[8:]], "show_if")
        located = self.out.questions[key]
        q = located.question
        slot = "show_if" if q.show_if else "required_if"
        return ("sections", located.section_index, "questions", located.index, slot)


def _iso_literal(a: Node, b: Node) -> bool:
    for n in (a, b):
        if isinstance(n, Literal) and isinstance(n.value, str):
            return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", n.value))
    return False


def check_canvas(canvas: Canvas) -> tuple[CompiledCanvas, list[Finding]]:
    """The compiled canvas and every finding; the canvas is usable only without errors."""
    checker = _Checker(canvas)
    checker.structure()
    checker.expressions()
    if canvas.group is not None:
        from kosi_tui.core.group_checks import check_group

        check_group(checker)
    checker.cycles()
    checker.translations()
    if not any(f.severity == "error" for f in checker.findings):
        checker.findings.extend(_default_findings(checker.out))
    return checker.out, checker.findings


def _default_findings(compiled: CompiledCanvas) -> list[Finding]:
    from kosi_tui.core.validation import AnswerValidator

    validator = AnswerValidator(compiled)
    findings = []
    for key, located in compiled.questions.items():
        question = located.question
        if isinstance(question, Info) or question.default is None:
            continue
        if isinstance(question, Date) and question.default == "today":
            continue
        issues = validator.check(key, question.default)
        if issues:
            path = ("sections", located.section_index, "questions", located.index, "default")
            findings.append(Finding(path, "error", "bad_default", {"detail": issues[0]}))
    return findings
