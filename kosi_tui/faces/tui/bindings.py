"""Footer labels in the interface language: binding descriptions looked up by binding id."""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from kosi_tui.i18n import CATALOGS, t


def localize_bindings(node: DOMNode, lang: str) -> None:
    """Rewrites the descriptions of `node`'s bindings that have an id with a `ui.key_<id>` text."""
    catalog = CATALOGS.get(lang, CATALOGS["de"])
    # Textual keeps a per-instance copy of the bindings map; descriptions are all the footer reads.
    mapping = node._bindings.key_to_bindings
    for key, bindings in mapping.items():
        mapping[key] = [
            replace(b, description=t(f"ui.key_{b.id}", lang))
            if b.id and f"ui.key_{b.id}" in catalog
            else b
            for b in bindings
        ]
