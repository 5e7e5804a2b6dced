"""How a question's example is shown in an empty field: marked as an example ("z. B. 3.000"), so
no one reads it as an answer already given. The one place placeholders are made."""

from __future__ import annotations

from kosi_tui.core.canvas import AnyQuestion
from kosi_tui.core.text import localize
from kosi_tui.i18n import t


def placeholder(question: AnyQuestion, lang: str) -> str:
    """What an empty field of `question` shows: the canvas's own `placeholder` where it sets one
    (a hint of the form, such as "Name, Funktion"), else its example as "z. B. …", else nothing."""
    own = getattr(question, "placeholder", None)
    if own:
        return localize(own, lang)
    example = getattr(question, "example", None)
    return marked(localize(example, lang), lang) if example else ""


def marked(example: str, lang: str) -> str:
    """An example as an empty field shows it: "z. B. Stadt Musterstadt"."""
    return t("example.placeholder", lang, example=example)
