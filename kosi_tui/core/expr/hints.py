"""What people bring from German or from other languages – `und`, `=`, `&&`, `!` – and what this
language writes instead, so a refused expression says how to write it."""

from __future__ import annotations

from kosi_tui.core.expr.errors import ExprError
from kosi_tui.core.expr.tokens import tokenize

_WORDS = {"und": "and", "oder": "or", "nicht": "not"}
_SIGNS = {"&&": "and", "||": "or", "&": "and", "|": "or", "=": "==", "!": "not"}


def with_hint(source: str, err: ExprError) -> ExprError:
    """`err`, or an `expr_write_instead` error when a foreign word or sign explains it."""
    if err.code == "bad_character":
        for sign, instead in _SIGNS.items():
            if source.startswith(sign, err.pos):
                return ExprError("write_instead", err.pos, found=sign, instead=instead)
        return err
    if err.code not in ("unexpected", "expected", "unexpected_end"):
        return err
    # The parse failed, so the source tokenizes; a German word read as a name is the likely cause
    # when it stands at or before the place where the parser gave up (`nicht x`, `a und b`).
    for tok in tokenize(source):
        if tok.pos > err.pos:
            break
        if tok.kind == "name" and tok.text.lower() in _WORDS:
            return ExprError(
                "write_instead", tok.pos, found=tok.text, instead=_WORDS[tok.text.lower()]
            )
    return err
