"""Checks a canvas as a whole and compiles it, phase by phase: its structure, what its documents
refer to, its expressions, a group's part, cycles, translations and default answers. Every finding
carries the data path of the value it is about, so the storage layer can turn it into a file line;
nothing here reads files.
"""

from __future__ import annotations

from kosi_tui.core.canvas import Canvas
from kosi_tui.core.checks.context import CheckContext
from kosi_tui.core.checks.defaults import check_defaults
from kosi_tui.core.checks.documents import check_documents
from kosi_tui.core.checks.examples import check_examples
from kosi_tui.core.checks.expressions import ExpressionCompiler, Typed, compile_expressions
from kosi_tui.core.checks.order import check_cycles
from kosi_tui.core.checks.structure import check_structure
from kosi_tui.core.checks.translations import check_translations
from kosi_tui.core.compiled import CompiledCanvas
from kosi_tui.core.findings import DataPath, Finding, Severity


def check_canvas(canvas: Canvas) -> tuple[CompiledCanvas, list[Finding]]:
    """The compiled canvas and every finding; the canvas is usable only without errors."""
    ctx = CheckContext.of(canvas)
    check_structure(ctx)
    check_documents(ctx)
    compiler = ExpressionCompiler(ctx)
    compile_expressions(ctx, compiler)
    if canvas.group is not None:
        from kosi_tui.core.group_checks import check_group

        check_group(ctx, compiler, canvas.group)
    check_cycles(ctx)
    check_translations(ctx)
    check_examples(ctx)
    if not any(f.severity == "error" for f in ctx.findings):
        check_defaults(ctx)
    return ctx.out, ctx.findings


__all__ = [
    "CheckContext",
    "DataPath",
    "ExpressionCompiler",
    "Finding",
    "Severity",
    "Typed",
    "check_canvas",
]
