"""Conditions in words, for paper: "only if 'Mandate' is 'Informal' or 'No mandate'"."""

from __future__ import annotations

from kosi_tui.core.canvas import Info, MultiChoice
from kosi_tui.core.compiled import CompiledCanvas
from kosi_tui.core.display import choice_label
from kosi_tui.core.expr.nodes import Binary, ListLit, Literal, Membership, Node, Ref, Unary
from kosi_tui.core.kinds.forms import Options
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
        case Binary(op="==", left=Ref() as ref, right=Literal(value=str() | bool() as value)):
            return _is(ref, [value], compiled, lang)
        case Ref() as ref:
            # A yes/no question on its own holds when it is answered yes.
            return _is(ref, [True], compiled, lang)
        case Unary(op="not", operand=Ref() as ref):
            # `not x` also holds while x is unanswered, so it is "not answered yes", not "no".
            return _is(ref, [True], compiled, lang, negated=True)
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


def _is(
    ref: Ref, values: list[str | bool], compiled: CompiledCanvas, lang: str, negated: bool = False
) -> str | None:
    """ "'question' is answered with 'label'", for a question that takes one of its options."""
    located = compiled.questions.get(ref.key) if ref.column is None else None
    # A score (`scores.x`), a table column or an info block takes no option.
    if located is None or isinstance(located.question, Info):
        return None
    question = located.question
    form = question.form(lang)
    if not isinstance(form, Options) or form.several:
        return None
    labels = []
    for value in values:
        label = next((lb for v, lb in form.options if type(v) is type(value) and v == value), None)
        if label is None and not isinstance(value, str):
            return None
        labels.append(t("blank.quoted", lang, text=label if label is not None else value))
    joined = t("blank.or_join", lang).join(labels)
    key = "blank.is_not" if negated else "blank.is"
    return t(key, lang, question=localize(question.label, lang), choices=joined)
