"""`kosi serve`: the app in web browsers for workshops, through textual-serve (an optional extra)."""

from __future__ import annotations

import contextlib
import errno
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kosi_tui.i18n import t

if TYPE_CHECKING:
    from kosi_tui.faces.serve.server import KosiServer


@dataclass(frozen=True)
class ServeOptions:
    """What `kosi serve` was asked for."""

    host: str = "127.0.0.1"
    port: int = 8000
    workshop: Path | None = None
    lang: str = "de"
    public_url: str | None = None
    code: str | None = None
    max_sessions: int = 40
    idle_minutes: float = 60.0
    trainer_code: str | None = None
    """Opens the board of a group game (`/board`); made up for a network address if not given."""
    weak_code_ok: bool = False
    """The trainer insists on a chosen code that is easy to guess."""
    max_per_address: int = 4
    cert: Path | None = None
    key: Path | None = None


MIN_CODE_LENGTH = 4
"""Shortest workshop or trainer's code a trainer may choose (letters and digits)."""


LISTEN_REASONS = {
    errno.EADDRINUSE: "cli.listen_taken",
    errno.EACCES: "cli.listen_denied",
    errno.EADDRNOTAVAIL: "cli.listen_not_here",
}
"""Why the port cannot be had, in words: the system's own message is English and technical."""


def run_serve(options: ServeOptions) -> int:
    """Serves until interrupted; 1 with a clear message when textual-serve is not installed."""
    lang, host, workshop = options.lang, options.host, options.workshop
    try:
        from kosi_tui.core.codes import new_code, normal_code
        from kosi_tui.faces.serve.addresses import is_loopback
        from kosi_tui.faces.serve.door import STRONG_BITS, Door, code_bits
        from kosi_tui.faces.serve.server import KosiServer
        from kosi_tui.faces.serve.welcome import room_urls, welcome_text
    except ImportError:
        print(t("cli.serve_missing", lang))
        return 1
    for given in (options.code, options.trainer_code):
        # "-" or " " would become an empty code that anything typed matches.
        if given is not None and len(normal_code(given)) < MIN_CODE_LENGTH:
            print(t("cli.serve_code_short", lang, minimum=MIN_CODE_LENGTH))
            return 2
    for option, given in (("--code", options.code), ("--trainer-code", options.trainer_code)):
        if given is not None and not options.weak_code_ok and code_bits(given) < STRONG_BITS:
            print(t("cli.serve_code_weak", lang, option=option, bits=round(code_bits(given)),
                    minimum=STRONG_BITS, example=new_code()))  # fmt: skip
            return 2
    if (
        options.code
        and options.trainer_code
        and (normal_code(options.code) == normal_code(options.trainer_code))
    ):
        print(t("cli.serve_codes_same", lang))
        return 2
    ssl_context = None
    if options.cert is not None or options.key is not None:
        if options.cert is None or options.key is None:
            print(t("cli.serve_tls_pair", lang))
            return 2
        import ssl

        ssl_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        try:
            ssl_context.load_cert_chain(options.cert, options.key)
        except (OSError, ssl.SSLError) as err:
            print(t("cli.serve_tls_bad", lang, error=err.strerror or str(err),
                    cert=str(options.cert), key=str(options.key)))  # fmt: skip
            return 2
    loopback = is_loopback(host)
    if not loopback:
        if workshop is None:
            # Others on the network would otherwise see and open this user's own drafts.
            print(t("cli.serve_needs_workshop", lang, host=host))
            return 1
        print(t("cli.serve_public", lang, host=host), flush=True)
    if workshop is not None:
        if workshop.exists() and not workshop.is_dir():
            print(t("cli.workshop_not_folder", lang, folder=str(workshop)))
            return 1
        try:
            workshop.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            why = err.strerror or str(err)
            print(t("cli.workshop_cannot_create", lang, folder=str(workshop), reason=why))
            return 1
        print(t("cli.serve_workshop", lang, folder=str(workshop.resolve())), flush=True)
    code = options.code or (None if loopback else new_code())
    trainer_code = options.trainer_code or (None if loopback else new_code(4))
    live = workshop is not None and sys.stdout.isatty()
    if workshop is not None and trainer_code is not None:
        from kosi_tui.faces.serve.trainer_code import hand_over

        # Only here, before the live view: the beamer shows the participants' code, not this one.
        hand_over(trainer_code, workshop, lang, wait=live and sys.stdin.isatty())
    urls = room_urls(host, options.port, options.public_url, tls=ssl_context is not None)

    def ready(server: KosiServer) -> None:
        print(welcome_text(urls, code, lang, qr=not loopback), flush=True)
        if loopback and workshop is None and sys.stdout.isatty() and urls:
            # One person at home: the form opens in their browser (never for a program's pipe).
            import webbrowser

            with contextlib.suppress(Exception):
                webbrowser.open(urls[0])
        if live and workshop is not None:
            from kosi_tui.faces.serve.trainer_view import start_trainer_view

            start_trainer_view(server, workshop, urls, code, trainer_code)

    server = KosiServer(
        host=host,
        port=options.port,
        lang=lang,
        workshop=workshop,
        door=Door(code, loopback),
        public_url=options.public_url,
        max_sessions=options.max_sessions,
        max_per_address=options.max_per_address,
        idle_seconds=options.idle_minutes * 60,
        on_ready=ready,
        quiet=live,
        trainer_code=trainer_code,
        ssl_context=ssl_context,
    )
    try:
        server.serve()
    except OSError as err:
        reason = LISTEN_REASONS.get(err.errno or 0)
        if reason is None:
            raise
        print(t("cli.serve_cannot_listen", lang, host=host, port=options.port,
                reason=t(reason, lang, other=options.port + 1)), flush=True)  # fmt: skip
        return 1
    if workshop is not None:
        # Said last: the folder and the next command printed at the start have scrolled away
        # under the beamer view by the end of the day.
        print(t("cli.serve_ended", lang, folder=str(workshop.resolve())), flush=True)
    return 0
