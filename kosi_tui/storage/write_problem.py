"""A file that could not be written (`WriteError`), put into words once for every face.

The faces frame the sentence (a bold title and the keys in the app, the browser form's "Not
saved:", a command's exit code); what went wrong and what the reader can do about it is said here,
so that the app, plain mode, the browser form and the commands say the same thing the same way.
"""

from __future__ import annotations

from typing import Literal

from kosi_tui.core.visible_text import for_terminal
from kosi_tui.i18n import t
from kosi_tui.storage.atomic import WriteError

Holding = Literal["draft", "document"]
"""What a failure leaves: `draft` – answers the program still holds and must not lose;
`document` – a file made from what is on disk, which can simply be written again elsewhere."""

ShowPath = Literal["full", "name"]
"""`full` for the person at their own computer; `name` for a workshop participant, who is told
the file's name but not the trainer's folders."""

_DRAFT_REMEDY = {
    "save_readonly": "write.draft_elsewhere",
    "save_no_folder": "write.draft_elsewhere",
    "save_disk_full": "write.draft_room",
    "save_failed": "write.draft_kept",
    "save_not_regular": "write.draft_other_name",
    "save_foreign": "write.draft_other_name",
    "save_too_large": "write.draft_kept",
    "save_unreadable": "write.draft_report",
}
"""After the sentence on what went wrong, a draft's failure says the answers are still there and,
where the person can choose one, which way out there is."""


def describe(
    err: WriteError,
    lang: str,
    *,
    holding: Holding,
    show_path: ShowPath = "full",
    elsewhere: str | None = "",
) -> str:
    """`err` in words in `lang`: what went wrong, then what the reader can do.

    `elsewhere` says how the reader chooses another place: `""` in an app (a key, a dialog), an
    option such as `"-o"` for a command, None where they cannot (a workshop participant: the
    face says whom to tell). Plain text, not markup: a Textual face escapes it (`as_typed`); the
    path's control characters are shown visibly (`\\x1b`) whatever the face does.
    """
    shown = err.path.name if show_path == "name" else str(err.path)
    path, reason = for_terminal(shown), for_terminal(err.reason)
    # A code added later without words of its own is at least said as a failure.
    code = err.code if err.code in _DRAFT_REMEDY else "save_failed"
    what = t(_problem_key(code, holding), lang, path=path, reason=reason)
    remedy = _remedy(code, holding, lang, elsewhere)
    return f"{what} {remedy}" if remedy else what


def _problem_key(code: str, holding: Holding) -> str:
    name = code.removeprefix("save_")
    # A draft "could not be saved"; a document "was not written": the words each reader knows.
    if code in ("save_disk_full", "save_failed"):
        return f"write.{holding}_{name}"
    return f"write.{name}"


def _remedy(code: str, holding: Holding, lang: str, elsewhere: str | None) -> str:
    if holding == "draft":
        key = _DRAFT_REMEDY[code]
        if elsewhere is None and key != "write.draft_report":
            # Nowhere else to choose: the face says to try again or whom to tell.
            key = "write.draft_kept"
        return t(key, lang)
    if elsewhere is None:
        return ""
    room = "room" if code == "save_disk_full" else "elsewhere"
    if elsewhere:
        return t(f"write.document_{room}_with", lang, option=elsewhere)
    return t(f"write.document_{room}", lang)
