"""Compiles every expression of a canvas – conditions, validation rules, scores, flags, prompts
and their placeholders – into resolved trees, with the problems of each at its offset."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from kosi_tui.core.canvas import Info, MultiChoice, Section, SingleChoice
from kosi_tui.core.checks.context import CheckContext
from kosi_tui.core.checks.order import check_forward
from kosi_tui.core.checks.references import GroupRefs, cell_type, ref_type, resolve
from kosi_tui.core.expr import ExprError, parse
from kosi_tui.core.expr.infer import Inference
from kosi_tui.core.expr.nodes import Node, Ref, ValueRef, walk
from kosi_tui.core.expr.types import ANY, Type
from kosi_tui.core.findings import DataPath
from kosi_tui.core.placeholders import placeholders


@dataclass(frozen=True)
class Typed:
    """A compiled expression and the type the checker inferred for it."""

    node: Node
    type: Type


class ExpressionCompiler:
    """Parses, resolves and type-checks expressions into `ctx`'s findings."""

    def __init__(self, ctx: CheckContext) -> None:
        self.ctx = ctx
        self.group_refs: GroupRefs | None = None
        """While a group's expressions are compiled: resolves `round.x`, `constants.x`,
        `figures.x` (see `group_checks.py`); None elsewhere."""
        self.where_allowed = False
        """Whether a group figure or flag is being compiled (where `sum(x where c)` is allowed)."""

    def compile(
        self,
        source: str,
        path: DataPath,
        section: Section | None = None,
        value: Type | None = None,
        owner: str | None = None,
    ) -> Typed | None:
        """The resolved tree of `source` and its type, or None when it has problems (reported).

        `section` is where bare question ids are looked up, `value` the type of `value` (in a
        validation rule), `owner` the key whose dependencies the references are.
        """
        ctx = self.ctx
        try:
            tree = parse(source)
        except ExprError as err:
            ctx.add(path, f"expr_{err.code}", offset=err.pos, **err.args_)
            return None
        ok = True
        for node in walk(tree):
            if isinstance(node, ValueRef) and value is None:
                ctx.add(path, "value_outside_rule", offset=node.pos)
                ok = False
        before = len(ctx.findings)
        resolved = resolve(ctx, tree, path, section, self.group_refs)
        if owner is not None:
            ctx.deps.setdefault(owner, set()).update(
                n.key for n in walk(resolved) if isinstance(n, Ref) and n.key
            )

        def report(code: str, offset: int, **args: Any) -> None:
            ctx.add(path, code, offset=offset, **args)

        def on_score(ref: Ref, pos: int) -> None:
            _scored_choices(ctx, ref, path, pos)

        inference = Inference(
            lambda ref: ref_type(ctx, ref),
            report,
            value or ANY,
            self.where_allowed,
            on_score,
            lambda ref: cell_type(ctx, ref),
        )
        tp = inference.infer(resolved)
        return Typed(resolved, tp) if ok and not ctx.errors_since(before) else None


def _own_questions(ctx: CheckContext, node: Node, section: Section, path: DataPath) -> bool:
    """Reports each question of `section` its own condition asks about: hiding the section hides
    the question, so the condition could never become true again. Those references are dropped
    from the section's dependencies, so the same mistake is not reported again as a cycle."""
    own = [n for n in walk(node) if isinstance(n, Ref) and n.key.startswith(f"{section.id}.")]
    for ref in own:
        ctx.add(
            path, "section_show_if_own_question", offset=ref.pos, name=ref.text, section=section.id
        )
    ctx.deps.get(f"section:{section.id}", set()).difference_update(ref.key for ref in own)
    return bool(own)


def _scored_choices(ctx: CheckContext, ref: Ref, path: DataPath, pos: int) -> None:
    """A warning when `score(question)` meets choices without a score (they count as nothing)."""
    question = ctx.out.questions[ref.key].question
    if isinstance(question, SingleChoice | MultiChoice):
        unscored = [c.id for c in question.choices if c.score is None]
        if unscored and not ref.column:
            ctx.add(
                path,
                "choices_without_score",
                severity="warning",
                offset=pos,
                name=ref.text,
                choices=", ".join(unscored),
            )


def compile_expressions(ctx: CheckContext, compiler: ExpressionCompiler) -> None:
    """Compiles the canvas's conditions, rules, scores, flags and prompts into `ctx.out`."""
    for si, section in enumerate(ctx.canvas.sections):
        spath: DataPath = ("sections", si)
        section_key = f"section:{section.id}"
        if section.show_if:
            typed = compiler.compile(
                section.show_if, (*spath, "show_if"), section, None, section_key
            )
            if typed is not None and _own_questions(ctx, typed.node, section, (*spath, "show_if")):
                typed = None
            if typed is not None:
                ctx.out.show_if[section_key] = typed.node
                check_forward(ctx, typed.node, (*spath, "show_if"), si, -1)
        for qi, question in enumerate(section.questions):
            qpath: DataPath = (*spath, "questions", qi)
            key = f"{section.id}.{question.id}"
            # A question is hidden with its section, so it inherits the section's dependencies.
            ctx.deps.setdefault(key, set()).update(ctx.deps.get(section_key, set()))
            if question.show_if:
                typed = compiler.compile(question.show_if, (*qpath, "show_if"), section, None, key)
                if typed is not None:
                    ctx.out.show_if[key] = typed.node
                    check_forward(ctx, typed.node, (*qpath, "show_if"), si, qi)
            if isinstance(question, Info):
                continue
            if question.required_if:
                typed = compiler.compile(
                    question.required_if, (*qpath, "required_if"), section, None, key
                )
                if typed is not None:
                    ctx.out.required_if[key] = typed.node
                    if question.required:
                        ctx.add(
                            (*qpath, "required_if"), "required_and_required_if", severity="warning"
                        )
            for ri, rule in enumerate(question.validate_):
                if rule.rule is None:
                    continue
                typed = compiler.compile(
                    rule.rule,
                    (*qpath, "validate", ri, "rule"),
                    section,
                    question.expr_type("value"),
                )
                if typed is not None:
                    ctx.out.rules[(key, ri)] = typed.node
    evaluation = ctx.canvas.evaluation
    for i, score in enumerate(evaluation.scores):
        path: DataPath = ("evaluation", "scores", i, "value")
        typed = compiler.compile(score.value, path, owner=f"scores.{score.id}")
        if typed is not None:
            ctx.out.scores[score.id] = typed.node
            if typed.type.kind not in ("number", "bool", "any"):
                ctx.add(path, "score_not_number")
    for i, flag in enumerate(evaluation.flags):
        path = ("evaluation", "flags", i, "when")
        typed = compiler.compile(flag.when, path)
        if typed is not None:
            ctx.out.flags[flag.id] = typed.node
    for i, prompt in enumerate(evaluation.prompts):
        path = ("evaluation", "prompts", i, "when")
        typed = compiler.compile(prompt.when, path)
        if typed is not None:
            ctx.out.prompts[prompt.id] = typed.node
        for name in ("observation", "question"):
            _prompt_text(compiler, getattr(prompt, name), ("evaluation", "prompts", i, name))
    paper = ctx.canvas.decision_paper
    if paper is not None:
        # The paper's texts name answers the way prompts do: one kind of placeholder.
        for name, texts in (("head", paper.head), ("resolution", paper.resolution),
                            ("facts", paper.facts)):  # fmt: skip
            for i, entry in enumerate(texts):
                if entry.text is not None:
                    _prompt_text(compiler, entry.text, ("decision_paper", name, i, "text"))
        if paper.subject.text is not None:
            _prompt_text(compiler, paper.subject.text, ("decision_paper", "subject", "text"))
        for i, entry in enumerate(paper.finance.notes if paper.finance else []):
            if entry.text is not None:
                path = ("decision_paper", "finance", "notes", i, "text")
                _prompt_text(compiler, entry.text, path)


def _prompt_text(compiler: ExpressionCompiler, text: str | dict[str, str], path: DataPath) -> None:
    """Compiles the `{expression}` placeholders of a prompt text, in every language."""
    ctx = compiler.ctx
    texts: list[tuple[str, DataPath]] = (
        [(text, path)] if isinstance(text, str) else [(v, (*path, k)) for k, v in text.items()]
    )
    for value, where in texts:
        for source, start in placeholders(value):
            before = len(ctx.findings)
            typed = compiler.compile(source, where)
            # Offsets count from the text's start, not the placeholder's, so LINE:COL is right.
            ctx.findings[before:] = [
                replace(f, offset=start + (f.offset or 0)) for f in ctx.findings[before:]
            ]
            if typed is not None:
                ctx.out.placeholders[source] = typed.node
