"""What changed in a canvas since a draft was saved, in sentences for the person filling it."""

from __future__ import annotations

from kosi_tui.core.compiled import CompiledCanvas
from kosi_tui.core.migration import MigrationReport
from kosi_tui.core.text import localize
from kosi_tui.i18n import t


def _label(compiled: CompiledCanvas, key: str, lang: str) -> str:
    located = compiled.questions.get(key)
    return localize(located.question.label, lang) if located else key


def describe_migration(report: MigrationReport, compiled: CompiledCanvas, lang: str) -> list[str]:
    """One sentence per change; empty when nothing needs saying."""
    if report.empty:
        return []
    if report.old_version == report.new_version:
        # The file changed but its author left the version number: "1.0.0 → 1.0.0" says nothing.
        lines = [t("changes.intro_same_version", lang, version=report.new_version)]
    else:
        lines = [t("changes.intro", lang, old=report.old_version, new=report.new_version)]
    lines += [t("changes.orphaned", lang, key=key) for key in report.orphaned]
    lines += [
        t("changes.restored", lang, question=_label(compiled, key, lang)) for key in report.restored
    ]
    lines += [
        t("changes.unknown_choice", lang, question=_label(compiled, key, lang), choice=choice)
        for key, choice in report.unknown_choices
    ]
    lines += [
        t("changes.no_longer_fit", lang, question=_label(compiled, key, lang))
        for key in report.no_longer_fit
    ]
    return lines
