"""`kosi new`: a new canvas file to write, from an empty skeleton or a copy of a canvas, never
over an existing file; its first line points editors to the schema kosi writes locally."""

from __future__ import annotations

import re
from pathlib import Path

from kosi_tui.core.visible_text import for_terminal
from kosi_tui.faces.commands.say import say
from kosi_tui.i18n import t
from kosi_tui.paths import typed_path, user_canvases
from kosi_tui.storage.atomic import WriteError, create_exclusive
from kosi_tui.storage.canvas_file import canvas_from_data, load_canvas
from kosi_tui.storage.locate import NAMING, canvas_by_id, file_id, find_canvas
from kosi_tui.storage.new_canvas import copied, skeleton
from kosi_tui.storage.problems import ProblemsError
from kosi_tui.storage.schema import schema_file, write_schema
from kosi_tui.storage.yaml_source import decode, parse_yaml, read_file

_IDENT = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


def target_path(name: str) -> Path | None:
    """Where `kosi new NAME` writes: a bare name goes into the user's canvas folder as
    NAME.kosi.yaml (listed at once); a path is taken as given, `.kosi.yaml` added when it has
    no YAML ending. None when `~user` names nobody."""
    is_path = any(sep in name for sep in ("/", "\\")) or name.endswith((".yaml", ".yml"))
    if not is_path:
        return user_canvases() / f"{name}{NAMING}"
    path = typed_path(name)
    if path is None:
        return None
    return path if path.name.endswith((".yaml", ".yml")) else path.with_name(path.name + NAMING)


def run_new(name: str, start: str | None, given_id: str | None, lang: str) -> int:
    """Writes the new canvas; 0 when written, 1 with a message naming what to do otherwise."""
    path = target_path(name)
    if path is None:
        say(t("cli.new_no_home", lang, name=for_terminal(name)))
        return 1
    canvas_id = given_id or file_id(path)
    if not _IDENT.match(canvas_id):
        say(t("cli.new_bad_id", lang, id=for_terminal(canvas_id)))
        return 1
    if path.exists():
        say(t("cli.new_exists", lang, path=for_terminal(str(path))))
        return 1
    taken = canvas_by_id(canvas_id)
    if taken is not None:
        say(t("cli.new_id_taken", lang, id=canvas_id, path=for_terminal(str(taken))))
        return 1
    try:
        schema = write_schema(lang)
    except WriteError as err:
        # The canvas is still worth writing: the line then waits for `kosi schema --write`.
        say(t("cli.new_no_schema", lang, path=str(err.path), reason=err.reason), err=True)
        schema = schema_file(lang)
    text = _text(start, canvas_id, path, lang, schema.as_uri())
    if text is None:
        return 1
    try:
        created = create_exclusive(path, text.encode("utf-8"))
    except WriteError as err:
        say(t("cli.new_write_failed", lang, path=for_terminal(str(path)), reason=err.reason))
        return 1
    if not created:  # another program took the name meanwhile
        say(t("cli.new_exists", lang, path=for_terminal(str(path))))
        return 1
    shown = for_terminal(str(path))
    say(t("cli.new_written", lang, path=shown, id=canvas_id))
    if start is not None:
        say(t("cli.new_retitle", lang))
    say(t("cli.new_next", lang, path=shown, schema=for_terminal(str(schema))))
    return 0


def _text(start: str | None, canvas_id: str, path: Path, lang: str, uri: str) -> str | None:
    """The new file's text, checked as a canvas before anything is written."""
    if start is None:
        text = skeleton(canvas_id, path.name, lang, uri)
    else:
        source = find_canvas(start)
        if source is None or not source.is_file():
            say(t("cli.no_such_canvas", lang, name=for_terminal(start)))
            return None
        try:
            load_canvas(source)
            raw = read_file(source)
            found = copied(decode(source, raw), canvas_id, uri)
        except ProblemsError as err:
            say(t("cli.new_source_broken", lang, path=for_terminal(str(source))))
            for problem in err.problems:
                say(problem.render(lang))
            return None
        if found is None:
            say(t("cli.new_no_id_line", lang, path=for_terminal(str(source))))
            return None
        text = found
    try:
        data, source_map = parse_yaml(path, text)
        canvas_from_data(data, source_map, path)
    except ProblemsError as err:
        for problem in err.problems:
            say(problem.render(lang))
        return None
    return text
