"""`info`: text between questions; takes no answer."""

from __future__ import annotations

from typing import Literal

from kosi_tui.core.kinds.base import Expression, Ident, Model
from kosi_tui.core.text_type import Text


class Info(Model):
    """Text between questions; takes no answer."""

    id: Ident
    type: Literal["info"]
    label: Text
    help: Text | None = None
    guidance: Text | None = None
    show_if: Expression | None = None

    @property
    def answerable(self) -> bool:
        """Info blocks take no answer."""
        return False
