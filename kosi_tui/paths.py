"""Where kosi keeps the user's canvases, drafts and settings; `KOSI_HOME` overrides the default."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "kosi"


def user_home() -> Path:
    """The user folder: `$KOSI_HOME`, else the platform's data folder for kosi."""
    override = os.environ.get("KOSI_HOME")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def typed_path(text: str) -> Path | None:
    """A path as a person typed it, `~` and `~user` expanded; None when `~user` names nobody
    here (pathlib raises for it)."""
    try:
        return Path(text).expanduser()
    except RuntimeError:
        return None


def user_canvases() -> Path:
    """Canvases the user (or a trainer) put there."""
    return user_home() / "canvases"


def drafts_dir() -> Path:
    """The user's drafts."""
    return user_home() / "drafts"


def settings_file() -> Path:
    """Small things kosi remembers between runs (the organisation and name last given)."""
    return user_home() / "settings.json"


def bundled_canvases() -> Path:
    """The canvases shipped with kosi: inside the installed package, or the source checkout's."""
    packaged = Path(__file__).parent / "canvases"
    if packaged.is_dir():
        return packaged
    return Path(__file__).parent.parent / "canvases"


def cache_dir() -> Path:
    """Where kosi keeps what it can compute again (checked canvases): `$KOSI_HOME/cache` when
    set, else the platform's cache folder."""
    override = os.environ.get("KOSI_HOME")
    if override:
        return Path(override).expanduser() / "cache"
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
