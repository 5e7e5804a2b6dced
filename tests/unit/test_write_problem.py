"""A file that could not be written is put into words in one place (storage/write_problem.py):
every code, for a draft and for a document, with the full path or only the file's name, in both
languages; and no face words a `WriteError` itself."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text

from kosi_tui.faces.tui.markup import as_typed
from kosi_tui.i18n import CATALOGS, LANGUAGES, t
from kosi_tui.storage import write_problem
from kosi_tui.storage.atomic import WriteError
from kosi_tui.storage.write_problem import Holding, ShowPath, describe
from tests.conftest import ROOT

SOURCE = ROOT / "kosi_tui"
PATH = Path("/srv/kosi/workshop-2026/Stadt A – Anna.yaml")
REASON = {"save_too_large": "512", "save_failed": "Input/output error"}
ELSEWHERE: tuple[str | None, ...] = ("", "-o", None)

KEPT = {"de": "Ihre Antworten sind noch da", "en": "Your answers are still here"}
ANOTHER_PLACE = {
    "de": ("an einem anderen Ort", "einen anderen Ort", "einem anderen Namen"),
    "en": ("somewhere else", "another place", "another name"),
}


def raised_codes() -> set[str]:
    """The codes a `WriteError` is made with anywhere in kosi (storage decides them)."""
    source = "\n".join(p.read_text(encoding="utf-8") for p in SOURCE.rglob("*.py"))
    found = set(re.findall(r'WriteError\(\s*"(save_\w+)"', source))
    return found | set(re.findall(r'return "(save_\w+)"', source))


CODES = sorted(raised_codes())


def test_every_code_kosi_raises_has_its_own_words() -> None:
    assert len(CODES) >= 8, CODES
    fallback = {
        lang: describe(WriteError("save_failed", PATH, "x"), lang, holding="draft")
        for lang in LANGUAGES
    }
    for code in CODES:
        said = describe(WriteError(code, PATH, "x"), "de", holding="draft")
        assert code == "save_failed" or said != fallback["de"], code


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("holding", ["draft", "document"])
@pytest.mark.parametrize("show_path", ["full", "name"])
@pytest.mark.parametrize("code", CODES)
def test_each_failure_in_words(lang: str, holding: Holding, show_path: ShowPath, code: str) -> None:
    error = WriteError(code, PATH, REASON.get(code, ""))
    for elsewhere in ELSEWHERE:
        said = describe(error, lang, holding=holding, show_path=show_path, elsewhere=elsewhere)
        assert "{" not in said and "save_" not in said and "write." not in said, said
        assert said.endswith("."), said
        if code not in ("save_too_large", "save_unreadable"):
            # The file is named, whole at one's own computer, by name alone in a workshop.
            assert PATH.name in said, said
            assert ("/srv/kosi" in said) == (show_path == "full"), said
        # A draft's answers are still there; a document holds none to reassure about.
        assert (KEPT[lang] in said) == (holding == "draft"), said
        offers = any(words in said for words in ANOTHER_PLACE[lang])
        if elsewhere is None:
            assert not offers, said  # a workshop participant cannot choose another place
        elif code not in ("save_failed", "save_too_large", "save_unreadable") or (
            holding == "document"
        ):
            assert offers, said
        if holding == "document" and elsewhere == "-o":
            assert "-o" in said, said


def test_the_words_people_knew_stay() -> None:
    # The draft's words as the app and plain mode said them, the command's as `kosi report` did.
    readonly = WriteError("save_readonly", Path("/x/entwurf.yaml"))
    assert describe(readonly, "de", holding="draft") == (
        "In /x/entwurf.yaml darf nicht geschrieben werden. Ihre Antworten sind noch da; "
        "speichern Sie sie an einem anderen Ort."
    )
    full = WriteError("save_disk_full", Path("/x/bericht.md"), "No space left on device")
    assert describe(full, "de", holding="document", elsewhere="-o") == (
        "Der Datenträger ist voll: /x/bericht.md wurde nicht geschrieben. Schaffen Sie Platz, "
        "oder wählen Sie mit -o einen anderen Ort."
    )
    failed = WriteError("save_failed", Path("/x/report.md"), "Input/output error")
    assert describe(failed, "en", holding="document", elsewhere="-o") == (
        "/x/report.md was not written (Input/output error). Choose another place with -o."
    )
    too_large = WriteError("save_too_large", Path("/x/d.yaml"), "512")
    assert describe(too_large, "en", holding="draft") == (
        "The draft would be larger than 512 KB and could then not be opened again; it was not "
        "saved. Shorten a very long answer. Your answers are still here."
    )


def test_a_participant_reads_the_file_name_and_no_way_out_that_is_not_there() -> None:
    error = WriteError("save_readonly", PATH)
    said = describe(error, "de", holding="draft", show_path="name", elsewhere=None)
    assert (
        said == "In Stadt A – Anna.yaml darf nicht geschrieben werden. Ihre Antworten sind noch da."
    )


HOSTILE = Path("/tmp/[b]fett[/b] [link=https://x.example]\x1b]0;PWNED\x07/[red]e\u202e.yaml")


@pytest.mark.parametrize("show_path", ["full", "name"])
@pytest.mark.parametrize("holding", ["draft", "document"])
def test_a_hostile_path_stays_text(holding: Holding, show_path: ShowPath) -> None:
    error = WriteError("save_failed", HOSTILE, "bad \x1b[2J reason")
    said = describe(error, "de", holding=holding, show_path=show_path)
    # Control and bidirectional characters are shown, not sent, whichever face prints this.
    assert not any(c in said for c in ("\x1b", "\x07", "\u202e")), said
    assert "\\x1b" in said and "[red]" in said
    # In a Textual face, as escaped there, markup in the path is read as the text it is.
    assert Text.from_markup(as_typed(said)).plain == said


def test_every_write_key_is_said_by_describe(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: set[str] = set()

    def recording(key: str, lang: str, /, **args: Any) -> str:
        asked.add(key)
        return t(key, lang, **args)

    monkeypatch.setattr(write_problem, "t", recording)
    for code in [*CODES, "save_something_new"]:
        for holding in ("draft", "document"):
            for elsewhere in ELSEWHERE:
                describe(WriteError(code, PATH, "x"), "en", holding=holding, elsewhere=elsewhere)
    assert asked == {key for key in CATALOGS["de"] if key.startswith("write.")}


WORDING_A_WRITE_ERROR = re.compile(
    r"""save\.\{|["']save\.save_|["']write\.|["']cli\.output_|OUTPUT_MESSAGES"""
)


def test_no_face_words_a_write_error_itself() -> None:
    """The faces frame a failure; the sentence about it comes from `describe` alone."""
    own = SOURCE / "storage" / "write_problem.py"
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted(SOURCE.rglob("*.py"))
        if path != own and path.parent.name != "i18n"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if WORDING_A_WRITE_ERROR.search(line)
    ]
    assert not found, "\n".join(found)
