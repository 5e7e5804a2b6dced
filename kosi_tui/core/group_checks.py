"""Checks a canvas's `group:` part: roles against the role question, rounds against their
sections, and the group's expressions – table columns per participant, figures and flags over
all participants, where a participant's answer may only stand inside an aggregate
(`sum(round.geld_einmalig where rolle.rolle == 'stadt')`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kosi_tui.core.canvas import Info, SingleChoice
from kosi_tui.core.expr.functions import AGGREGATES
from kosi_tui.core.expr.nodes import Call, Node, Ref, children
from kosi_tui.core.group_canvas import RUN_SHEET_LENGTHS, Group
from kosi_tui.core.suggest import closest

if TYPE_CHECKING:
    from kosi_tui.core.checks import CheckContext, DataPath, ExpressionCompiler, Typed

SHARED = ("constants.", "figures.")
"""References that are the same for every participant; any other is a participant's answer."""


def is_participants(ref: Ref) -> bool:
    """Whether `ref` is a participant's answer (or score), as opposed to a constant or figure."""
    return bool(ref.key) and not ref.key.startswith(SHARED)


def is_aggregate(node: Node) -> bool:
    """Whether `node` is a call over the participants: an aggregate of a participant's answer.

    `min(sum(round.x), constants.y)` is an ordinary `min` of two group values; `min(round.x)` is
    the smallest value any participant gives.
    """
    if not isinstance(node, Call) or node.name not in AGGREGATES:
        return False
    return node.where is not None or any(outside_aggregates(arg) for arg in node.args)


def outside_aggregates(node: Node) -> list[Ref]:
    """Participants' answers that no aggregate surrounds (an error in a group figure)."""
    if is_aggregate(node):
        return []
    if isinstance(node, Ref):
        return [node] if is_participants(node) else []
    return [ref for child in children(node) for ref in outside_aggregates(child)]


class _GroupChecks:
    def __init__(self, ctx: CheckContext, compiler: ExpressionCompiler, group: Group) -> None:
        self.c = ctx
        self.compiler = compiler
        self.group = group
        self.role_ids = [r.id for r in group.roles]
        self.constants = [k.id for k in group.constants]
        self.figures: list[str] = []
        """Figures compiled so far: a figure may use those declared before it."""
        self.round_section = group.rounds[0].section
        self.figures_allowed = False

    # -- references ------------------------------------------------------------------------------

    def resolve(self, ref: Ref, path: DataPath) -> Ref | None:
        parts = ref.parts
        c = self.c
        if parts[0] == "round" and len(parts) in (2, 3):
            key = f"{self.round_section}.{parts[1]}"
            located = c.out.questions.get(key)
            if located is None or isinstance(located.question, Info):
                options = [
                    f"round.{k.split('.', 1)[1]}" for k in c.out.section_keys(self.round_section)
                ]
                c.add(path, "unknown_ref", offset=ref.pos, name=ref.text,
                      suggestion=closest(ref.text, options))  # fmt: skip
                return None
            column = parts[2] if len(parts) == 3 else None
            if column is not None:
                question = located.question
                if not hasattr(question, "column") or question.column(column) is None:
                    c.add(path, "unknown_column", offset=ref.pos, name=key, column=column)
                    return None
            return replace(ref, key=key, column=column)
        if parts[0] == "constants" and len(parts) == 2 and parts[1] in self.constants:
            return replace(ref, key=ref.text)
        if parts[0] == "figures" and len(parts) == 2 and parts[1] in self.figures:
            return replace(ref, key=ref.text)
        known = [f"constants.{k}" for k in self.constants]
        if self.figures_allowed:
            known += [f"figures.{f}" for f in self.figures]
        c.add(path, "unknown_group_value", offset=ref.pos, name=ref.text,
              suggestion=closest(ref.text, known))  # fmt: skip
        return None

    # -- structure -------------------------------------------------------------------------------

    def structure(self) -> None:
        c, group = self.c, self.group
        base: DataPath = ("group",)
        for what, ids, key in (
            ("role", self.role_ids, "roles"),
            ("round", [r.id for r in group.rounds], "rounds"),
            ("constant", self.constants, "constants"),
            ("column", [col.id for col in group.table], "table"),
            ("figure", [f.id for f in group.figures], "figures"),
            ("flag", [f.id for f in group.flags], "flags"),
            ("event", [e.id for e in group.events], "events"),
        ):
            c.duplicates(ids, (*base, key), what)
        located = c.out.questions.get(group.role_question)
        if located is None:
            c.add((*base, "role_question"), "unknown_ref", name=group.role_question,
                  suggestion=closest(group.role_question, list(c.out.questions)))  # fmt: skip
        elif not isinstance(located.question, SingleChoice):
            c.add((*base, "role_question"), "role_question_type", name=group.role_question)
        else:
            choices = [ch.id for ch in located.question.choices]
            for i, role in enumerate(group.roles):
                if role.id not in choices:
                    c.add((*base, "roles", i, "id"), "role_not_a_choice", role=role.id,
                          name=group.role_question, choices=", ".join(choices))  # fmt: skip
            for choice in choices:
                if choice not in self.role_ids:
                    c.add((*base, "role_question"), "choice_without_role", choice=choice,
                          severity="warning")  # fmt: skip
        for i, role in enumerate(group.roles):
            for j, section in enumerate(role.sections or []):
                self.section_ref(section, (*base, "roles", i, "sections", j))
        first_keys = self.shape(group.rounds[0].section)
        for i, rnd in enumerate(group.rounds):
            if not self.section_ref(rnd.section, (*base, "rounds", i, "section")):
                continue
            if i and first_keys is not None and self.shape(rnd.section) != first_keys:
                c.add((*base, "rounds", i, "section"), "round_sections_differ",
                      section=rnd.section, first=group.rounds[0].section)  # fmt: skip
            for j, first in enumerate(rnd.first):
                if first not in self.role_ids:
                    c.add((*base, "rounds", i, "first", j), "unknown_role", role=first,
                          suggestion=closest(first, self.role_ids))  # fmt: skip
        for i, event in enumerate(group.events):
            if event.from_round > len(group.rounds):
                c.add((*base, "events", i, "from_round"), "event_round", n=event.from_round,
                      rounds=len(group.rounds))  # fmt: skip
            for j, concerned in enumerate(event.roles):
                if concerned not in self.role_ids:
                    c.add((*base, "events", i, "roles", j), "unknown_role", role=concerned,
                          suggestion=closest(concerned, self.role_ids))  # fmt: skip
        figure_ids = [f.id for f in group.figures]
        for i, figure in enumerate(group.across):
            if figure not in figure_ids:
                c.add((*base, "across", i), "unknown_group_value", name=f"figures.{figure}",
                      suggestion=closest(figure, figure_ids))  # fmt: skip
        if group.run_sheet:
            for n, length in enumerate(RUN_SHEET_LENGTHS):
                total = sum(phase.minutes[n] for phase in group.run_sheet)
                if total != length:
                    c.add((*base, "run_sheet"), "run_sheet_minutes", length=length, total=total)

    def section_ref(self, section: str, path: DataPath) -> bool:
        if section in self.c.section_index:
            return True
        self.c.add(path, "unknown_section", name=section,
                   suggestion=closest(section, list(self.c.section_index)))  # fmt: skip
        return False

    def shape(self, section: str) -> list[tuple[str, str]] | None:
        """The question ids and types of a section, to compare the rounds' sections."""
        if section not in self.c.section_index:
            return None
        return [
            (q.id, q.type) for q in self.c.canvas.sections[self.c.section_index[section]].questions
        ]

    # -- expressions -----------------------------------------------------------------------------

    def expressions(self) -> None:
        c, group, compiler = self.c, self.group, self.compiler
        compiler.group_refs = self.resolve
        try:
            for i, column in enumerate(group.table):
                path: DataPath = ("group", "table", i, "value")
                typed = compiler.compile(column.value, path)
                if typed is not None:
                    c.out.group[f"table.{column.id}"] = typed.node
            for i, limit in enumerate(group.limits):
                if limit.role not in self.role_ids:
                    c.add(("group", "limits", i, "role"), "unknown_role", role=limit.role,
                          suggestion=closest(limit.role, self.role_ids))  # fmt: skip
                typed = compiler.compile(limit.when, ("group", "limits", i, "when"))
                if typed is not None:
                    c.out.group[f"limits.{i}"] = typed.node
            for rule, source in (("submitted", group.submitted),
                                 ("walked_away", group.walked_away)):  # fmt: skip
                if source is not None:
                    typed = compiler.compile(source, ("group", rule))
                    if typed is not None:
                        c.out.group[rule] = typed.node
            self.figures_allowed = True
            compiler.where_allowed = True
            for i, figure in enumerate(group.figures):
                path = ("group", "figures", i, "value")
                typed = self.group_expression(figure.value, path)
                if typed is not None:
                    c.out.group[f"figures.{figure.id}"] = typed.node
                    if typed.type.kind not in ("number", "bool", "any"):
                        c.add(path, "score_not_number")
                self.figures.append(figure.id)
            for i, flag in enumerate(group.flags):
                path = ("group", "flags", i, "when")
                typed = self.group_expression(flag.when, path)
                if typed is not None:
                    c.out.group[f"flags.{flag.id}"] = typed.node
        finally:
            compiler.group_refs = None
            compiler.where_allowed = False

    def group_expression(self, source: str, path: DataPath) -> Typed | None:
        typed = self.compiler.compile(source, path)
        if typed is None:
            return None
        loose = outside_aggregates(typed.node)
        for ref in loose:
            self.c.add(path, "answer_outside_aggregate", offset=ref.pos, name=ref.text)
        return None if loose else typed


def check_group(ctx: CheckContext, compiler: ExpressionCompiler, group: Group) -> None:
    """Adds the group's findings to `ctx` and its compiled expressions to `ctx.out`."""
    checks = _GroupChecks(ctx, compiler, group)
    checks.structure()
    checks.expressions()
