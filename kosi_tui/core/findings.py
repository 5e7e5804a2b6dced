"""What a check of a canvas reports: a finding, at the data path of the value it is about.

Kept apart from the checks themselves so the storage layer can name a severity without loading
the canvas models.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

DataPath = tuple[str | int, ...]
"""Where a value stands in the canvas data: `("sections", 0, "questions", 2, "show_if")`."""

Severity = Literal["error", "warning"]
"""An error makes a file unusable; a warning is shown and the file is used."""


@dataclass(frozen=True)
class Finding:
    """One problem found in a canvas, at a data path (and an offset inside an expression)."""

    path: DataPath
    severity: Severity
    code: str
    args: dict[str, Any] = field(default_factory=dict)
    offset: int | None = None
