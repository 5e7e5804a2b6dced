"""`kosi schema`: prints the canvas format's JSON Schema, or writes it where editors find it."""

from __future__ import annotations

import json
import sys

from kosi_tui.faces.commands.say import say
from kosi_tui.i18n import t
from kosi_tui.storage.atomic import WriteError
from kosi_tui.storage.schema import schema_text, write_schema


def run_schema(lang: str, write: bool) -> int:
    """The schema in `lang` on stdout, or (`write`) in the user folder with its path printed."""
    if not write:
        sys.stdout.write(schema_text(lang))
        return 0
    try:
        path = write_schema(lang)
    except WriteError as err:
        say(t("cli.schema_write_failed", lang, path=str(err.path), reason=err.reason))
        return 1
    say(t("cli.schema_written", lang, path=str(path)))
    setting = json.dumps({"yaml.schemas": {path.as_uri(): "**/*.kosi.yaml"}}, ensure_ascii=False)
    say(t("cli.schema_vscode", lang, setting=setting))
    return 0
