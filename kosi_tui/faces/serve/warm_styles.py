"""Styles parsed once in the forkserver, reused by every child instead of parsed again.

Parsing the app's and widgets' styles is about 40 % of a session's work before its first screen,
and it comes out the same every time. Textual caches parsed styles per stylesheet only, so a new
app starts cold; this keeps the warm-up app's parsed rules and hands them to any stylesheet with
the same variables (the theme), which is what Textual's own cache is valid for. It reaches into
Textual's private `Stylesheet._parse_rules`/`_parse_cache`: Textual is pinned exactly, and when
those are missing nothing is reused and nothing breaks.
"""

from __future__ import annotations

from typing import Any

from textual.css.stylesheet import Stylesheet


def reuse_parsed_styles(warm: Stylesheet) -> bool:
    """Makes later stylesheets reuse what `warm` parsed; False when Textual's internals differ."""
    cache = getattr(warm, "_parse_cache", None)
    original = getattr(Stylesheet, "_parse_rules", None)
    variables = getattr(warm, "_variables", None)
    if cache is None or original is None or not isinstance(variables, dict):
        return False
    parsed = {key: cache.get(key) for key in cache.keys()}  # noqa: SIM118 - an LRUCache, not a dict
    known = dict(variables)

    def _parse_rules(
        self: Stylesheet,
        css: str,
        read_from: Any,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> Any:
        if getattr(self, "_variables", None) == known:
            rules = parsed.get((css, read_from, is_default_rules, tie_breaker, scope))
            if rules is not None:
                return rules
        return original(self, css, read_from, is_default_rules, tie_breaker, scope)

    Stylesheet._parse_rules = _parse_rules  # type: ignore[method-assign]
    return True
