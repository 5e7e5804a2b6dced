"""The names a canvas's questions take on the survey platforms, one rule for export and import.

XLSForm names must be unique in the whole form, so a question is `section__question`. LimeSurvey
question codes are letters and digits only, at most 20, starting with a letter: the section's and
the question's ids without `_`, shortened and numbered where two would meet.
"""

from __future__ import annotations

from kosi_tui.core.canvas import Canvas

LANGUAGE_NAMES = {"de": "German", "en": "English", "fr": "French", "it": "Italian", "es": "Spanish"}


def language_column(lang: str) -> str:
    """`German (de)`: how XLSForm names a language in `label::…` headings."""
    return f"{LANGUAGE_NAMES.get(lang, lang)} ({lang})"


def xlsform_name(key: str) -> str:
    """`section.question` -> `section__question`; a table column adds `__column`."""
    return key.replace(".", "__")


def limesurvey_codes(canvas: Canvas) -> dict[str, str]:
    """Each question key's LimeSurvey code, in canvas order (info blocks have none)."""
    codes: dict[str, str] = {}
    taken: set[str] = set()
    for section, question in canvas.iter_questions():
        if not question.answerable:
            continue
        base = ("".join(c for c in f"{section.id}{question.id}".title() if c.isalnum()))[:18]
        if not base[:1].isalpha():
            base = "Q" + base[:17]
        code, n = base, 1
        while code.lower() in taken:
            n += 1
            code = f"{base[: 18 - len(str(n))]}{n}"
        taken.add(code.lower())
        codes[f"{section.id}.{question.id}"] = code
    return codes


def column_code(index: int) -> str:
    """A table column's subquestion code in LimeSurvey: SQ001, SQ002, …"""
    return f"SQ{index + 1:03d}"
