"""`kosi serve`: the app in web browsers for workshops, through textual-serve (an optional extra)."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

from kosi_tui.i18n import t

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def app_command(lang: str, workshop: Path | None) -> str:
    """The command each browser session starts: the app, in workshop mode when given a folder."""
    parts = [sys.executable, "-m", "kosi_tui", "--lang", lang, "app"]
    if workshop is not None:
        parts += ["--workshop", str(workshop.resolve())]
    return " ".join(shlex.quote(p) for p in parts)


def run_serve(host: str, port: int, workshop: Path | None, lang: str) -> int:
    """Serves until interrupted; 1 with a clear message when textual-serve is not installed."""
    try:
        from textual_serve.server import Server
    except ImportError:
        print(t("cli.serve_missing", lang))
        return 1
    if host not in LOCAL_HOSTS:
        if workshop is None:
            # Others on the network would otherwise see and open this user's own drafts.
            print(t("cli.serve_needs_workshop", lang, host=host))
            return 1
        print(t("cli.serve_public", lang, host=host), flush=True)
    if workshop is not None:
        workshop.mkdir(parents=True, exist_ok=True)
        print(t("cli.serve_workshop", lang, folder=str(workshop.resolve())), flush=True)
    print(t("cli.serving", lang, url=f"http://{host}:{port}"), flush=True)
    Server(app_command(lang, workshop), host=host, port=port, title="kosi").serve()
    return 0
