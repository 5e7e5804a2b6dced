"""Footer labels in the interface language: binding descriptions looked up by binding id.

Bindings are declared once, with German descriptions; the footer shows the active bindings of its
screen, so a screen that hands them out with its language's descriptions is all it takes
(`Screen.active_bindings`, overridden by kosi's screens). Nothing else reads descriptions:
keys are dispatched from the bindings themselves.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from textual.binding import ActiveBinding, Binding

from kosi_tui.i18n import CATALOGS, t


@lru_cache(maxsize=256)  # the footer asks on every focus change
def localized_binding(binding: Binding, lang: str) -> Binding:
    """`binding` with the `ui.key_<id>` text of `lang` as its description, if it has one."""
    if binding.id and f"ui.key_{binding.id}" in CATALOGS.get(lang, CATALOGS["de"]):
        return replace(binding, description=t(f"ui.key_{binding.id}", lang))
    return binding


def localized(active: dict[str, ActiveBinding], lang: str) -> dict[str, ActiveBinding]:
    """The active bindings of a screen, their descriptions in `lang`."""
    return {
        key: ActiveBinding(node, localized_binding(binding, lang), enabled, tooltip)
        for key, (node, binding, enabled, tooltip) in active.items()
    }
