"""Conditions in words, for paper: "only if 'Mandate' is 'Informal' or 'No mandate'"."""

from __future__ import annotations

from kosi_tui.core.canvas import MultiChoice, SingleChoice
from kosi_tui.core.compiled import CompiledCanvas
from kosi_tui.core.display import choice_label
from kosi_tui.core.expr.nodes import Binary, ListLit, Literal, Membership, Node, Ref
from kosi_tui.core.text import localize
from kosi_tui.i18n import t


def describe(node: Node, compiled: CompiledCanvas, lang: str) -> str | None:
    """The condition in words, where it has a simple form; None otherwise."""
    match node:
        case Binary(op="or", left=a, right=b) | Binary(op="and", left=a, right=b):
            left, right = describe(a, compiled, lang), describe(b, compiled, lang)
            if left and right:
                return t(f"blank.{node.op}", lang, left=left, right=right)
            return None
        case Binary(op="==", left=Ref() as ref, right=Literal(value=str() as value)):
            return _is(ref, [value], compiled, lang)
        case Membership(op="in", left=Ref() as ref, right=ListLit(items=items)) if all(
            isinstance(i, Literal) and isinstance(i.value, str) for i in items
        ):
            return _is(ref, [str(i.value) for i in items if isinstance(i, Literal)], compiled, lang)
        case Membership(op="contains", left=Ref() as ref, right=Literal(value=str() as value)):
            question = compiled.questions[ref.key].question
            if isinstance(question, MultiChoice):
                return t(
                    "blank.contains",
                    lang,
                    question=localize(question.label, lang),
                    choice=choice_label(question.choices, value, lang),
                )
    return None


def _is(ref: Ref, values: list[str], compiled: CompiledCanvas, lang: str) -> str | None:
    question = compiled.questions[ref.key].question
    if not isinstance(question, SingleChoice):
        return None
    labels = [f"„{choice_label(question.choices, v, lang)}“" for v in values]
    joined = t("blank.or_join", lang).join(labels)
    return t("blank.is", lang, question=localize(question.label, lang), choices=joined)
