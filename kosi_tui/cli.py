"""The `kosi` command: argument parsing and dispatch only; the work happens in the layers below."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from kosi_tui.i18n import LANGUAGES, default_language, t


def _parser(lang: str) -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=LANGUAGES, default=lang, help=t("cli.lang", lang))
    parser = argparse.ArgumentParser(
        prog="kosi", description=t("cli.description", lang), parents=[common]
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    validate = sub.add_parser(
        "validate",
        parents=[common],
        help=t("cli.validate", lang),
        description=t("cli.validate", lang),
    )
    validate.add_argument("files", nargs="+", type=Path, metavar="FILE")
    validate.add_argument("--strict", action="store_true", help=t("cli.strict", lang))
    sub.add_parser(
        "schema", parents=[common], help=t("cli.schema", lang), description=t("cli.schema", lang)
    )
    sub.add_parser(
        "canvases",
        parents=[common],
        help=t("cli.canvases", lang),
        description=t("cli.canvases", lang),
    )
    return parser


def _pre_lang(argv: Sequence[str]) -> str:
    """The `--lang` given on the command line, so that even `--help` speaks it."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGUAGES:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg[7:] in LANGUAGES:
            return arg[7:]
    return default_language()


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the command line; returns the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = _parser(_pre_lang(args_list))
    args = parser.parse_args(args_list)
    lang: str = args.lang
    try:
        if args.command == "validate":
            from kosi_tui.faces.commands.validate import run_validate

            return run_validate(args.files, args.strict, lang)
        if args.command == "schema":
            from kosi_tui.storage.schema import canvas_schema

            print(json.dumps(canvas_schema(), indent=2, ensure_ascii=False))
            return 0
        from kosi_tui.faces.commands.canvases import run_canvases

        return run_canvases(lang)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
