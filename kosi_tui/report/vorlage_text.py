"""The decision paper's entries as text: an answer as people read it, or a text with its
`{expression}` placeholders filled in. Used by the paper and by the report's first page.

An answer that is missing reads "[noch offen]", never a guess; a question hidden for this draft
(it does not apply) leaves its entry out.
"""

from __future__ import annotations

from kosi_tui.core.canvas import Info, PaperText
from kosi_tui.core.display import answer_text
from kosi_tui.core.evaluation import shown_value
from kosi_tui.core.expr import ExprError
from kosi_tui.core.placeholders import fill, placeholders
from kosi_tui.core.session import Session
from kosi_tui.core.text import localize
from kosi_tui.i18n import t


def _filled(session: Session, text: str | dict[str, str], lang: str) -> str:
    """A text with its placeholders filled in; an unanswered one says "[noch offen]"."""
    raw = localize(text, lang)
    shown: dict[str, str] = {}
    for source, _ in placeholders(raw):
        node = session.compiled.placeholders.get(source)
        if node is None:
            continue
        try:
            value = session.evaluate(node)
        except ExprError:
            value = None
        empty = value is None or (isinstance(value, list) and not any(v is not None for v in value))
        shown[source] = t("vorlage.open", lang) if empty else shown_value(session, node, lang)
    return fill(raw, shown)


def _answered(session: Session, key: str, lang: str) -> str | None:
    """The answer as one text; "[noch offen: question]" when visible and unanswered; None when
    hidden (the question does not apply to this draft)."""
    located = session.compiled.questions.get(key)
    if located is None or isinstance(located.question, Info):
        return None
    if not session.visible.get(key, False):
        return None
    value = session.value(key)
    if value is None:
        return t("vorlage.open_question", lang, question=localize(located.question.label, lang))
    return answer_text(located.question, value, lang)


def entry_text(session: Session, entry: PaperText, lang: str) -> str | None:
    """One entry of the paper as text, or None when it does not apply."""
    if entry.text is not None:
        return _filled(session, entry.text, lang)
    return _answered(session, entry.answer, lang) if entry.answer is not None else None


def _label(session: Session, entry: PaperText, lang: str) -> str:
    if entry.label is not None:
        return localize(entry.label, lang)
    located = session.compiled.questions.get(entry.answer or "")
    return localize(located.question.label, lang) if located is not None else ""


def paper_facts(session: Session, entries: list[PaperText], lang: str) -> list[tuple[str, str]]:
    """Label and value of each entry that applies; an unanswered one only "[noch offen]"."""
    pairs = []
    for entry in entries:
        text = entry_text(session, entry, lang)
        if text is not None:
            # A fact listed with its own label needs only the mark, not the question again.
            if entry.answer is not None and session.value(entry.answer) is None:
                text = t("vorlage.open", lang)
            pairs.append((_label(session, entry, lang), text))
    return pairs
