"""`{expression}` placeholders in the texts of tension prompts.

A prompt that says "Augenhöhe {kopro.augenhoehe}" is concrete where "Augenhöhe niedrig" is vague;
the person sees their own answer set against another. The checker compiles each placeholder like
any expression, the evaluation fills it in with the answer as people read it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
"""A placeholder: an expression in braces. The expression language itself has no braces."""


def placeholders(text: str) -> Iterator[tuple[str, int]]:
    """Each placeholder's expression source and the offset where it starts in `text`."""
    for match in PLACEHOLDER.finditer(text):
        yield match.group(1), match.start(1)


def fill(text: str, shown: dict[str, str]) -> str:
    """`text` with every placeholder replaced by its shown value (unknown ones by "–")."""
    return PLACEHOLDER.sub(lambda m: shown.get(m.group(1), "–"), text)
