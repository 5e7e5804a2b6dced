"""What kosi remembers between runs: the organisation and name given for the last new draft, so
that the next draft starts with them (one person often fills several canvases)."""

from __future__ import annotations

import contextlib
import json

from kosi_tui.paths import settings_file
from kosi_tui.storage.atomic import WriteError, write_atomic


def _settings() -> dict[str, object]:
    try:
        data = json.loads(settings_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def remembered_names() -> tuple[str, str]:
    """Organisation and name given last time; empty when none (or the file is unreadable)."""
    data = _settings()
    organisation, author = data.get("organisation"), data.get("author")
    return (
        organisation if isinstance(organisation, str) else "",
        author if isinstance(author, str) else "",
    )


def remember_names(organisation: str, author: str) -> None:
    """Keeps organisation and name for the next new draft; a failure costs only the convenience."""
    data = _settings()
    data.update(organisation=organisation, author=author)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    with contextlib.suppress(WriteError, OSError):
        write_atomic(settings_file(), text.encode("utf-8"), backup=False)
