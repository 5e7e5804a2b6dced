"""The canvas's skeleton: unique and allowed ids, no empty section, every question registered
under its key and checked on its own, the checklist and the kinds of scores."""

from __future__ import annotations

from kosi_tui.core.canvas import SECTION_RESERVED, Info
from kosi_tui.core.checks.context import CheckContext
from kosi_tui.core.checks.questions import question_shape
from kosi_tui.core.compiled import Located
from kosi_tui.core.findings import DataPath
from kosi_tui.core.suggest import closest


def check_structure(ctx: CheckContext) -> None:
    """Registers every question in `ctx.out.questions` and checks the ids and their places."""
    canvas = ctx.canvas
    seen: set[str] = set()
    for i, lang in enumerate(canvas.languages):
        if lang in seen:
            ctx.add(("languages", i), "duplicate_language", lang=lang)
        seen.add(lang)
    ctx.duplicates([s.id for s in canvas.sections], ("sections",), "section")
    for si, section in enumerate(canvas.sections):
        spath: DataPath = ("sections", si)
        if section.id in SECTION_RESERVED:
            ctx.add((*spath, "id"), "reserved_id", id=section.id)
        if not section.questions:
            ctx.add((*spath, "questions"), "empty_section", section=section.id)
        ctx.duplicates([q.id for q in section.questions], (*spath, "questions"), "question")
        for qi, question in enumerate(section.questions):
            key = f"{section.id}.{question.id}"
            if key not in ctx.out.questions:
                ctx.out.questions[key] = Located(key, section, question, si, qi)
            question_shape(ctx, question, (*spath, "questions", qi))
    ev = canvas.evaluation
    if ev.checklist is not None:
        located = ctx.out.questions.get(ev.checklist)
        if located is None:
            ctx.add(
                ("evaluation", "checklist"),
                "unknown_ref",
                name=ev.checklist,
                suggestion=closest(ev.checklist, ctx.out.questions),
            )
        elif isinstance(located.question, Info) or not located.question.HOLDS_STEPS:
            ctx.add(("evaluation", "checklist"), "checklist_type", name=ev.checklist)
    ctx.duplicates([s.id for s in ev.scores], ("evaluation", "scores"), "score")
    ctx.duplicates([f.id for f in ev.flags], ("evaluation", "flags"), "flag")
    ctx.duplicates([p.id for p in ev.prompts], ("evaluation", "prompts"), "prompt")
    _score_kinds(ctx)


def _score_kinds(ctx: CheckContext) -> None:
    for i, score in enumerate(ctx.canvas.evaluation.scores):
        path: DataPath = ("evaluation", "scores", i)
        kind = score.shown_as
        if kind == "spread" and not score.of:
            ctx.add((*path, "kind"), "spread_needs_of")
        elif kind != "spread" and score.of is not None:
            ctx.add((*path, "of"), "of_only_for_spread")
        if kind == "rating" and score.max is None:
            ctx.add((*path, "kind"), "rating_needs_max")
        if score.max is not None:
            ctx.bounds((*path, "min"), score.min, score.max)
        for oi, other in enumerate(score.of or []):
            if other not in ctx.score_ids or other == score.id:
                ctx.add(
                    (*path, "of", oi),
                    "unknown_score",
                    name=other,
                    suggestion=closest(other, [s for s in ctx.score_ids if s != score.id]),
                )
