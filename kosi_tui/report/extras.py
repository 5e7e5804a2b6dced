"""The optional packages some documents need, and the message when one is missing."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from types import ModuleType


@dataclass(frozen=True)
class MissingExtra(Exception):
    """A document needs a package that is not installed; `extra` is the pip extra that brings it."""

    fmt: str
    package: str
    extra: str


def need(module: str, fmt: str, package: str, extra: str) -> ModuleType:
    """Imports `module`, or raises `MissingExtra` naming what to install."""
    try:
        return import_module(module)
    except ImportError as err:
        raise MissingExtra(fmt, package, extra) from err
