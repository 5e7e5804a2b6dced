"""Interface and message strings, one catalog per language; `t()` looks them up."""

from __future__ import annotations

import os
from typing import Any

from kosi_tui.i18n.locales import DEFAULT, LANGUAGES, LOCALES
from kosi_tui.i18n.plural import PluralFormatter

_FORMATTER = PluralFormatter()

CATALOGS = {code: locale.messages for code, locale in LOCALES.items()}
_FALLBACK = CATALOGS[DEFAULT]

__all__ = ["CATALOGS", "LANGUAGES", "default_language", "t"]


def t(key: str, lang: str, /, **args: Any) -> str:
    """The string `key` in `lang` (German when unknown), filled with `args`.

    A non-empty `suggestion` argument adds the catalog's "did you mean" sentence.
    """
    catalog = CATALOGS.get(lang, _FALLBACK)
    template = catalog.get(key) or _FALLBACK.get(key) or key
    try:
        text = _FORMATTER.vformat(template, (), args)
    except (KeyError, IndexError, ValueError):
        text = template
    suggestion = args.get("suggestion")
    if suggestion:
        text += " " + catalog["hint.did_you_mean"].format(suggestion=suggestion)
    return text


def default_language(environ: dict[str, str] | None = None) -> str:
    """The interface language from KOSI_LANG or the locale; German unless English is asked for."""
    env = os.environ if environ is None else environ
    for var in ("KOSI_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(var, "")
        if not value:
            continue
        code = value[:2].lower()
        if code in CATALOGS:
            return code
        if var == "KOSI_LANG":
            continue
        return DEFAULT
    return DEFAULT
