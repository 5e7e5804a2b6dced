"""kosi uses Textual and textual-serve through their public interface only, so that any Textual 8
release can run it (the dependency is `textual>=8.2.8,<9`; constraints.txt fixes the tested one).

Every module of kosi_tui is read as a syntax tree. A name with a leading underscore that Textual
or textual-serve defines must not be reached from kosi: not on another object (`node._bindings`,
`AppService._build_environment`), not through `getattr`/`setattr`, not on `self` or `super()`
where a Textual base class defines it, and no method may override one of a base class's private
methods (`_on_key`). Private modules (`textual.widgets._footer`) are not imported either.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import textwrap
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

import kosi_tui

LIBRARIES = ("textual", "textual_serve")
PACKAGE = Path(kosi_tui.__file__).parent
REFLECTION = {"getattr", "setattr", "hasattr", "delattr"}


def is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def defined_names(tree: ast.AST) -> set[str]:
    """The private names a module defines: functions, classes, attributes stored, names bound."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            names.add(node.attr)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
    return {name for name in names if is_private(name)}


@cache
def library_private_names() -> frozenset[str]:
    """Every private name defined anywhere in Textual and textual-serve."""
    names: set[str] = set()
    for library in LIBRARIES:
        root = Path(importlib.import_module(library).__file__ or "").parent
        for path in root.rglob("*.py"):
            names |= defined_names(ast.parse(path.read_text(encoding="utf-8")))
    return frozenset(names)


def from_library(cls: type) -> bool:
    return cls.__module__.split(".")[0] in LIBRARIES


@cache
def inherited_private_names(cls: type) -> frozenset[str]:
    """The private names `cls` gets from its Textual and textual-serve base classes: class
    attributes and methods, and attributes their code sets on instances."""
    names: set[str] = set()
    for base in cls.__mro__:
        if not from_library(base):
            continue
        names |= {name for name in vars(base) if is_private(name)}
        try:
            source = inspect.getsource(base)
        except (OSError, TypeError):
            continue
        names |= defined_names(ast.parse(textwrap.dedent(source)))
    return frozenset(names)


def is_self(node: ast.expr) -> bool:
    """`self`, `cls` or `super()`: the object whose class defines the method."""
    if isinstance(node, ast.Name):
        return node.id in ("self", "cls")
    return (
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "super"
    )


class Reach(ast.NodeVisitor):
    """Collects every place a module reaches into Textual's private parts."""

    def __init__(self, module: object, where: str) -> None:
        self.module, self.where = module, where
        self.classes: list[type | None] = []
        self.found: list[str] = []

    def say(self, node: ast.AST, what: str) -> None:
        self.found.append(f"{self.where}:{getattr(node, 'lineno', 0)}: {what}")

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        outer = self.classes[-1] if self.classes else self.module
        found = getattr(outer, node.name, None) if outer is not None else None
        self.classes.append(found if isinstance(found, type) else None)
        self.generic_visit(node)
        self.classes.pop()

    def _inherited(self) -> frozenset[str]:
        cls = self.classes[-1] if self.classes else None
        return inherited_private_names(cls) if cls is not None else frozenset()

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        if self.classes and node.name in self._inherited():
            self.say(node, f"overrides Textual's private {node.name}")
        self.generic_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Attribute(self, node: ast.Attribute) -> None:
        name = node.attr
        if is_private(name):
            if is_self(node.value):
                if name in self._inherited():
                    self.say(node, f"uses Textual's private {name} of its base class")
            elif self._foreign(node.value) and name in library_private_names():
                self.say(node, f"reaches into {ast.unparse(node)}")
        self.generic_visit(node)

    def _foreign(self, node: ast.expr) -> bool:
        """Whether `node` may be a Textual object: anything but a module from elsewhere (`os`)."""
        if not isinstance(node, ast.Name) or self.module is None:
            return True
        found = getattr(self.module, node.id, None)
        return not isinstance(found, ModuleType) or found.__name__.split(".")[0] in LIBRARIES

    def visit_Call(self, node: ast.Call) -> None:
        if isinstance(node.func, ast.Name) and node.func.id in REFLECTION and len(node.args) > 1:
            name = node.args[1]
            if (
                isinstance(name, ast.Constant)
                and isinstance(name.value, str)
                and is_private(name.value)
                and name.value in library_private_names()
            ):
                self.say(node, f"{node.func.id}(…, {name.value!r})")
        self.generic_visit(node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        parts = (node.module or "").split(".")
        if parts[0] in LIBRARIES and any(is_private(part) for part in parts):
            self.say(node, f"imports the private module {node.module}")
        self.generic_visit(node)


def reaches(source: str, module: object = None, where: str = "<source>") -> list[str]:
    visitor = Reach(module, where)
    visitor.visit(ast.parse(source))
    return visitor.found


def kosi_modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        yield name, path


# Reads every module of Textual as well as of kosi: a code check for CI, not for every run.
@pytest.mark.slow
def test_kosi_uses_only_public_textual() -> None:
    found: list[str] = []
    for name, path in kosi_modules():
        # A `__main__` runs when imported; it only calls into the modules that are read here.
        module = None if name.endswith("__main__") else importlib.import_module(name)
        where = str(path.relative_to(PACKAGE.parent))
        found += reaches(path.read_text(encoding="utf-8"), module, where)
    assert not found, "\n".join(found)


SAMPLE = """
from textual.widgets import Input
from textual.widgets._footer import FooterKey
from textual_serve.app_service import AppService


class Typing(Input):
    async def _on_key(self, event):
        await super()._on_key(event)

    def peek(self):
        return self._cursor_visible


def footer_map(node):
    return node._bindings.key_to_bindings, getattr(node, "_bindings")


ENV = AppService._build_environment
"""


@pytest.mark.parametrize(
    "expected",
    [
        "imports the private module textual.widgets._footer",
        "overrides Textual's private _on_key",
        "uses Textual's private _on_key of its base class",
        "uses Textual's private _cursor_visible of its base class",
        "reaches into node._bindings",
        "getattr(…, '_bindings')",
        "reaches into AppService._build_environment",
    ],
)
def test_the_scan_finds_each_kind_of_reach(expected: str) -> None:
    from textual.widgets import Input

    sample = type("Sample", (), {"Typing": type("Typing", (Input,), {})})
    assert any(line.endswith(expected) for line in reaches(SAMPLE, sample)), expected
