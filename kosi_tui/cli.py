"""The `kosi` command: argument parsing and dispatch only; the work happens in the layers below."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from kosi_tui.i18n import LANGUAGES, default_language, t
from kosi_tui.i18n.argparse_texts import speaking
from kosi_tui.report.formats import KEYS as FORMAT_KEYS


def _number(lang: str, lowest: int, highest: int | None = None) -> Callable[[str], int]:
    """A whole number within bounds: --port 99999 would end in a traceback when serving,
    --max-sessions 0 would serve a room nobody can enter."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(t("cli.not_whole", lang, value=text)) from None
        if highest is not None and not lowest <= value <= highest:
            raise argparse.ArgumentTypeError(
                t("cli.between", lang, value=text, lowest=lowest, highest=highest)
            )
        if value < lowest:
            raise argparse.ArgumentTypeError(t("cli.at_least", lang, value=text, lowest=lowest))
        return value

    return parse


def _minutes(lang: str) -> Callable[[str], float]:
    def parse(text: str) -> float:
        try:
            value = float(text.replace(",", "."))
        except ValueError:
            raise argparse.ArgumentTypeError(t("cli.not_minutes", lang, value=text)) from None
        if not value > 0:
            raise argparse.ArgumentTypeError(t("cli.above_zero", lang, value=text))
        return value

    return parse


def _parser(lang: str) -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=LANGUAGES, default=lang, help=t("cli.lang", lang))
    parser = argparse.ArgumentParser(
        prog="kosi", description=t("cli.description", lang), parents=[common]
    )
    parser.add_argument("--version", action="store_true", help=t("cli.version", lang))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str) -> argparse.ArgumentParser:
        text = t(f"cli.{name}", lang)
        return sub.add_parser(name, parents=[common], help=text, description=text)

    validate = command("validate")
    validate.add_argument("files", nargs="+", type=Path, metavar="FILE_OR_FOLDER")
    validate.add_argument("--strict", action="store_true", help=t("cli.strict", lang))
    schema = command("schema")
    schema.add_argument("--write", action="store_true", help=t("cli.schema_write", lang))
    canvases = command("canvases")
    canvases.add_argument(
        "action", nargs="?", choices=("add",), help=t("cli.canvases_action", lang)
    )
    canvases.add_argument("path", nargs="?", type=Path, help=t("cli.canvases_path", lang))
    canvases.add_argument("--replace", action="store_true", help=t("cli.canvases_replace", lang))
    new = command("new")
    new.add_argument("name", metavar="NAME_OR_FILE", help=t("cli.new_name", lang))
    new.add_argument("--from", dest="start", metavar="CANVAS", help=t("cli.new_from", lang))
    new.add_argument("--id", dest="canvas_id", metavar="ID", help=t("cli.new_id", lang))
    preview = command("preview")
    preview.add_argument("file", metavar="CANVAS", help=t("cli.preview_file", lang))
    preview.add_argument("--light", action="store_true", help=t("cli.light", lang))

    report = command("report")
    report.add_argument("source", metavar="ANSWERS_OR_CANVAS", help=t("cli.report_source", lang))
    report.add_argument("--blank", action="store_true", help=t("cli.blank", lang))
    report.add_argument("--report-lang", choices=LANGUAGES, help=t("cli.report_lang", lang))
    report.add_argument("--trainer", action="store_true", help=t("cli.trainer", lang))
    report.add_argument("--poster", action="store_true", help=t("cli.poster", lang))
    report.add_argument("--vorlage", action="store_true", help=t("cli.vorlage", lang))
    report.add_argument(
        "--paper",
        choices=("A4", "A3", "A1"),
        default="A3",
        type=str.upper,
        help=t("cli.paper", lang),
    )

    fill = command("fill")
    fill.epilog = t("cli.fill_piped", lang)
    fill.add_argument("source", metavar="CANVAS_OR_DRAFT", help=t("cli.fill_source", lang))
    fill.add_argument("--draft", type=Path, metavar="FILE", help=t("cli.draft", lang))
    fill.add_argument("--light", action="store_true", help=t("cli.light", lang))
    fill.add_argument("--plain", action="store_true", help=t("cli.plain", lang))

    serve = command("serve")
    serve.add_argument("--host", default="127.0.0.1", help=t("cli.host", lang))
    serve.add_argument(
        "--port", type=_number(lang, 1, 65535), default=8000, help=t("cli.port", lang)
    )
    serve.add_argument("--workshop", type=Path, metavar="FOLDER", help=t("cli.workshop", lang))
    serve.add_argument("--code", help=t("cli.code", lang))
    serve.add_argument("--trainer-code", help=t("cli.trainer_code", lang))
    serve.add_argument("--public-url", metavar="URL", help=t("cli.public_url", lang))
    serve.add_argument(
        "--max-sessions",
        type=_number(lang, 1),
        default=40,
        metavar="N",
        help=t("cli.max_sessions", lang),
    )
    serve.add_argument(
        "--idle-minutes",
        type=_minutes(lang),
        default=60.0,
        metavar="MIN",
        help=t("cli.idle_minutes", lang),
    )
    serve.add_argument("--weak-code-ok", action="store_true", help=t("cli.weak_code_ok", lang))
    serve.add_argument(
        "--max-per-address",
        type=_number(lang, 1),
        default=4,
        metavar="N",
        help=t("cli.max_per_address", lang),
    )
    serve.add_argument("--cert", type=Path, metavar="FILE", help=t("cli.cert", lang))
    serve.add_argument("--key", type=Path, metavar="FILE", help=t("cli.key", lang))
    # What each browser session runs (not for people to type).
    app = sub.add_parser("app", parents=[common])
    app.add_argument("--workshop", type=Path, metavar="FOLDER")

    board = command("board")
    board.add_argument("source", metavar="FOLDER_OR_CANVAS", help=t("cli.board_source", lang))
    board.add_argument("--canvas", metavar="CANVAS", help=t("cli.board_canvas", lang))
    board.add_argument("--cards", action="store_true", help=t("cli.board_cards", lang))
    board.add_argument("--poster", action="store_true", help=t("cli.board_poster", lang))
    board.add_argument("--run-sheet", action="store_true", help=t("cli.board_run_sheet", lang))
    board.add_argument("--anonymous", action="store_true", help=t("cli.anonymous", lang))
    board.add_argument(
        "--paper", choices=("A6", "A5", "A4", "A3", "A1"), type=str.upper,
        help=t("cli.board_paper", lang),
    )  # fmt: skip

    summary = command("summary")
    summary.add_argument("paths", nargs="+", type=Path, metavar="FILE_OR_FOLDER")
    summary.add_argument("--anonymous", action="store_true", help=t("cli.anonymous", lang))

    # Other tools' formats (issue 27): kosi export.
    export = command("export")
    export.add_argument("source", metavar="CANVAS", help=t("cli.export_source", lang))
    export_as = export.add_mutually_exclusive_group(required=True)
    export_as.add_argument(
        "--xlsx", dest="export_format", action="store_const", const="xlsx",
        help=t("cli.export_xlsx", lang),
    )  # fmt: skip
    export_as.add_argument(
        "--xlsform", dest="export_format", action="store_const", const="xlsform",
        help=t("cli.export_xlsform", lang),
    )  # fmt: skip
    export_as.add_argument(
        "--limesurvey", dest="export_format", action="store_const", const="limesurvey",
        help=t("cli.export_limesurvey", lang),
    )  # fmt: skip
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help=t("cli.export_out", lang))
    export.add_argument("--force", action="store_true", help=t("cli.force", lang))
    responses = command("import")
    responses.add_argument("responses", type=Path, metavar="RESPONSES",
                           help=t("cli.import_file", lang))  # fmt: skip
    responses.add_argument("--canvas", required=True, metavar="CANVAS",
                           help=t("cli.import_canvas", lang))  # fmt: skip
    responses.add_argument("--into", required=True, type=Path, metavar="FOLDER",
                           help=t("cli.import_into", lang))  # fmt: skip

    for output in (report, summary, board):
        output.add_argument("-o", "--output", type=Path, metavar="FILE", help=t("cli.output", lang))
        output.add_argument(
            "--format",
            choices=FORMAT_KEYS,
            help=t("cli.format", lang),
        )
        output.add_argument("--force", action="store_true", help=t("cli.force", lang))
    return parser


COMMANDS = (
    "validate",
    "schema",
    "canvases",
    "new",
    "preview",
    "report",
    "fill",
    "serve",
    "app",
    "summary",
    "board",
    "export",
    "import",
)


def _file_means_fill(argv: list[str]) -> list[str]:
    """`kosi FILE.yaml` is `kosi fill FILE.yaml`: what people try first with a file in hand."""
    words: list[str] = []
    rest = iter(argv)
    for arg in rest:
        if arg == "--lang":
            next(rest, None)
        elif not arg.startswith("-"):
            words.append(arg)
    first = words[0] if words else None
    if first is None or first in COMMANDS:
        return argv
    if first.endswith((".yaml", ".yml")) or Path(first).is_file():
        return ["fill", *argv]
    return argv


def _given_lang(argv: Sequence[str]) -> str | None:
    """The `--lang` given on the command line, if any."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGUAGES:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg[7:] in LANGUAGES:
            return arg[7:]
    return None


def _pre_lang(argv: Sequence[str]) -> str:
    """The `--lang` given on the command line, so that even `--help` speaks it."""
    return _given_lang(argv) or default_language()


def _dispatch(args: argparse.Namespace, lang_given: bool = True) -> int:
    lang: str = args.lang
    if args.version:
        from kosi_tui.faces.commands.canvases import run_version

        return run_version(lang)
    if args.command == "validate":
        from kosi_tui.faces.commands.validate import run_validate

        return run_validate(args.files, args.strict, lang)
    if args.command == "schema":
        from kosi_tui.faces.commands.schema import run_schema

        return run_schema(lang, args.write)
    if args.command == "new":
        from kosi_tui.faces.commands.new import run_new

        return run_new(args.name, args.start, args.canvas_id, lang)
    if args.command == "preview":
        from kosi_tui.faces.commands.preview import run_preview

        return run_preview(args.file, lang, args.light)
    if args.command == "report":
        from kosi_tui.faces.commands.report import run_report

        # A --lang given for this run is the document's language too, as for `kosi fill`: it
        # wins over the draft's; --report-lang sets the document's alone.
        report_lang = args.report_lang or (lang if lang_given else None)
        return run_report(
            args.source, args.output, args.format, report_lang, args.force, args.blank, lang,
            trainer=args.trainer, poster=args.poster, paper=args.paper, vorlage=args.vorlage,
        )  # fmt: skip
    if args.command == "summary":
        from kosi_tui.faces.commands.summary import run_summary

        return run_summary(args.paths, args.output, args.format, lang, args.anonymous, args.force)
    if args.command == "board":
        from kosi_tui.faces.commands.board import run_board

        return run_board(
            args.source, args.canvas, args.output, args.format, args.force, lang,
            cards=args.cards, poster=args.poster, run_sheet=args.run_sheet, paper=args.paper,
            anonymous=args.anonymous,
        )  # fmt: skip
    if args.command == "export":
        from kosi_tui.faces.commands.export import run_export

        return run_export(args.source, args.export_format, args.output, args.force, lang)
    if args.command == "import":
        from kosi_tui.faces.commands.import_responses import run_import

        return run_import(args.responses, args.canvas, args.into, lang)
    if args.command == "serve":
        from kosi_tui.faces.commands.serve import ServeOptions, run_serve

        return run_serve(
            ServeOptions(
                args.host,
                args.port,
                args.workshop,
                lang,
                args.public_url,
                args.code,
                args.max_sessions,
                args.idle_minutes,
                args.trainer_code,
                weak_code_ok=args.weak_code_ok,
                max_per_address=args.max_per_address,
                cert=args.cert,
                key=args.key,
            )
        )
    if args.command == "app":
        from kosi_tui.faces.tui.run import run_app

        return run_app(lang, args.workshop)
    if args.command == "canvases" and args.action == "add":
        from kosi_tui.faces.commands.canvases import run_add

        if args.path is None:
            print(t("cli.canvases_path", lang), file=sys.stderr)
            return 2
        return run_add(args.path, args.replace, lang)
    if args.command == "canvases" or (args.command is None and not sys.stdout.isatty()):
        from kosi_tui.faces.commands.canvases import run_canvases

        return run_canvases(lang)
    from kosi_tui.faces.commands.fill import run_fill

    if args.command == "fill":
        return run_fill(args.source, args.draft, lang, args.light, args.plain, lang_given)
    return run_fill(None, None, lang, False, False)


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the command line; returns the exit code."""
    # kosi uses no Pydantic plugins; looking for them reads the metadata of every installed
    # package when the first model is built, time taken from opening a draft.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    args_list = _file_means_fill(list(sys.argv[1:] if argv is None else argv))
    lang = _pre_lang(args_list)
    with speaking(lang):
        args = _parser(lang).parse_args(args_list)
    try:
        return _dispatch(args, _given_lang(args_list) is not None)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader left (`kosi summary … -o - | head`): what was to come is unwritten, so not
        # success; 141 is what a shell reports for a command stopped by a closed pipe.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return 141
