"""A small, safe expression language for conditions, validation rules, scores and flags.

Source text is tokenized and parsed once into a tree of plain nodes; evaluation walks the tree
over a read-only lookup of answers. Nothing is ever handed to `eval`.
"""

from kosi_tui.core.expr.errors import ExprError
from kosi_tui.core.expr.evaluate import evaluate
from kosi_tui.core.expr.nodes import Node, Ref
from kosi_tui.core.expr.parser import MAX_DEPTH, MAX_LENGTH, parse

__all__ = ["MAX_DEPTH", "MAX_LENGTH", "ExprError", "Node", "Ref", "evaluate", "parse"]
