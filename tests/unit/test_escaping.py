"""Hostile drafts and canvases: nothing from a file runs in the HTML report, acts on the terminal
or stops the workshop summary.

HTML is checked with the standard library's parser, independent of how kosi writes it.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kosi_tui.cli import main
from kosi_tui.report import summary
from kosi_tui.report.workshop import Participant
from tests.conftest import ROOT

EXAMPLES = ROOT / "examples"
RAW = ("\x1b", "\x07", "\u202e")
"""Characters that must never reach a report file or the terminal as they are."""

SCRIPT = "</style><script>alert(1)</script>"
HOSTILE_ORGANISATION = 'x";}' + SCRIPT + "\x1b]0;PWNED\x07"


class Page(HTMLParser):
    """What a browser would make of the document: elements, style sheet, title and text."""

    def __init__(self, document: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.style = ""
        self.title = ""
        self.text = ""
        self._open: list[str] = []
        self.feed(document)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            del self._open[self._open.index(tag) :]

    def handle_data(self, data: str) -> None:
        where = self._open[-1] if self._open else ""
        if where == "style":
            self.style += data
        elif where == "title":
            self.title += data
        else:
            self.text += data


def hostile_copy(tmp_path: Path, example: str, replacements: dict[str, str]) -> Path:
    """A copy of an example draft with lines replaced (YAML double quotes allow `\\e`, `\\a`)."""
    text = (EXAMPLES / f"{example}.answers.yaml").read_text(encoding="utf-8")
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "drafts" / f"{example}-feindlich.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    return hostile_copy(
        tmp_path,
        "innovationslabor",
        {
            "organisation: Stadt Musterstadt, Dezernat Stadtentwicklung\n":
                'organisation: "x\\";}</style><script>alert(1)</script>\\e]0;PWNED\\a"\n',
            "author: Erika Musterfrau": 'author: "Erika \\u202eFrau\\e[31m <b onclick=x>"',
            "  basis.organisation: Stadt Musterstadt, Dezernat Stadtentwicklung":
                '  basis.organisation: "Stadt\\e]0;PWNED\\a \\u202eevil <script>alert(2)</script>"',
            "  anlass.herausforderung: |-\n":
                '  anlass.herausforderung: "Zeile eins\\a\\nZeile \\u202ezwei\\e[2J"\n'
                "  anlass.alt: |-\n",
            "position:\n":
                "orphaned:\n  \"alt.`frage` <script>alert(3)</script>\\e\": \"`x` \\a\"\n"
                "position:\n",
        },
    )  # fmt: skip


def assert_no_raw_controls(text: str) -> None:
    for char in RAW:
        assert char not in text, repr(char)


def assert_safe_html(document: str) -> Page:
    page = Page(document)
    assert "script" not in page.tags
    assert "b" not in page.tags
    assert "</style" not in page.style.lower()
    assert "<" not in page.style
    assert_no_raw_controls(document)
    return page


def test_html_report_of_a_hostile_draft_runs_nothing(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "bericht.html"
    assert main(["report", str(hostile), "-o", str(out)]) == 0
    page = assert_safe_html(out.read_text(encoding="utf-8"))
    # The injected text is shown as text, control characters visibly.
    assert 'x";}' + SCRIPT + "\\x1b]0;PWNED\\x07" in page.text
    assert "Erika Frau\\x1b[31m <b onclick=x>" in page.text
    assert "<script>alert(2)</script>" in page.text
    assert "Zeile eins\\x07" in page.text and "Zeile zwei\\x1b[2J" in page.text
    assert "alt.`frage` <script>alert(3)</script>\\x1b" in page.text
    # The footer on every printed page is a CSS string: the same text, escaped for CSS.
    assert "\\3c /style\\3e \\3c script\\3e " in page.style


def test_markdown_report_of_a_hostile_draft(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "bericht.md"
    assert main(["report", str(hostile), "-o", str(out)]) == 0
    markdown = out.read_text(encoding="utf-8")
    assert_no_raw_controls(markdown)
    assert "Zeile eins\\\\x07" in markdown
    # The orphaned key keeps its backticks inside a longer code span, not as markup.
    assert re.search(r"``\s?alt\.`frage` <script>alert\(3\)</script>\\x1b\s?``", markdown)


def test_blank_copy_of_a_hostile_canvas(tmp_path: Path) -> None:
    text = (ROOT / "canvases" / "innovationslabor.yaml").read_text(encoding="utf-8")
    title = "  de: Innovationslabor aufbauen\n"
    hostile = '  de: "</title><script>alert(1)</script>\\e]0;PWNED\\a\\u202e"\n'
    canvas = tmp_path / "feindlich.yaml"
    canvas.write_text(text.replace(title, hostile, 1), encoding="utf-8")
    out = tmp_path / "blanko.html"
    assert main(["report", "--blank", str(canvas), "-o", str(out)]) == 0
    page = assert_safe_html(out.read_text(encoding="utf-8"))
    assert page.title.startswith("</title><script>alert(1)</script>\\x1b]0;PWNED\\x07")


def test_summary_of_hostile_drafts(hostile: Path, tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "innovationslabor.answers.yaml", hostile.parent / "gut.yaml")
    for suffix in ("md", "html"):
        out = tmp_path / f"auswertung.{suffix}"
        assert main(["summary", str(hostile.parent), "-o", str(out)]) == 0
        document = out.read_text(encoding="utf-8")
        assert_no_raw_controls(document)
        if suffix == "html":
            page = assert_safe_html(document)
            assert "Stadt\\x1b]0;PWNED\\x07 evil <script>alert(2)</script>" in page.text


def test_terminal_never_gets_escape_sequences_from_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = hostile_copy(
        tmp_path,
        "innovationslabor",
        {"  id: innovationslabor": '  id: "x\\e]0;PWNED\\a\\u202e"'},
    )
    assert main(["report", str(draft), "-o", str(tmp_path / "r.md")]) == 1
    assert main(["summary", str(draft), "-o", str(tmp_path / "s.md")]) == 1
    out = capsys.readouterr().out
    assert_no_raw_controls(out)
    assert out.count("x\\x1b]0;PWNED\\x07\\u202e") == 2


def test_summary_names_files_it_leaves_out_harmlessly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = hostile_copy(
        tmp_path, "innovationslabor", {"id: innovationslabor": 'id: "innovations\\e[2Jlabor"'}
    )
    shutil.copy(EXAMPLES / "innovationslabor.answers.yaml", draft.parent / "gut.yaml")
    assert main(["summary", str(draft.parent), "-o", str(tmp_path / "s.md")]) == 0
    out = capsys.readouterr().out
    assert_no_raw_controls(out)
    assert "innovations\\x1b[2Jlabor" in out


def test_validate_shows_control_characters_visibly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (ROOT / "canvases" / "innovationslabor.yaml").read_text(encoding="utf-8")
    canvas = tmp_path / "feindlich.yaml"
    canvas.write_text(text.replace("required:", '"requ\\e]0;PWNED\\aired":', 1), encoding="utf-8")
    assert main(["validate", str(canvas)]) == 1
    out = capsys.readouterr().out
    assert_no_raw_controls(out)
    assert "requ\\x1b]0;PWNED\\x07ired" in out


def test_canvases_lists_a_hostile_title_visibly(
    kosi_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (ROOT / "canvases" / "innovationslabor.yaml").read_text(encoding="utf-8")
    hostile = text.replace(
        "  de: Innovationslabor aufbauen\n", '  de: "Reife\\e]0;PWNED\\a\\u202e"\n'
    )
    folder = kosi_home / "canvases"
    folder.mkdir(parents=True)
    (folder / "eigen.yaml").write_text(hostile.replace("id: innovationslabor", "id: eigen", 1))
    assert main(["canvases"]) == 0
    out = capsys.readouterr().out
    assert_no_raw_controls(out)
    assert "Reife\\x1b]0;PWNED\\x07\\u202e" in out


def test_a_400_digit_number_is_left_out_of_the_summary_not_fatal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    huge = "9" * 400
    draft = hostile_copy(
        tmp_path, "innovationslabor", {"basis.einwohner: 120000": f"basis.einwohner: {huge}"}
    )
    shutil.copy(EXAMPLES / "innovationslabor.answers.yaml", draft.parent / "gut.yaml")
    out = tmp_path / "auswertung.md"
    assert main(["summary", str(draft.parent), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert draft.name in printed and "basis.einwohner" in printed
    summary = out.read_text(encoding="utf-8")
    assert f"`{draft.name}`" in summary
    assert summary.count("1 von 1 haben geantwortet") > 0


def test_a_400_digit_number_in_a_score_leaves_the_score_empty(tmp_path: Path) -> None:
    # The canvas computes a balance from the number of places: float arithmetic overflows.
    draft = hostile_copy(
        tmp_path,
        "koinvestition-fahrradgarage",
        {"vorhaben.stellplaetze: 12": f"vorhaben.stellplaetze: {'9' * 400}"},
    )
    assert main(["report", str(draft), "-o", str(tmp_path / "r.html")]) == 0
    assert main(["summary", str(draft), "-o", str(tmp_path / "s.html")]) == 0


def test_answers_of_the_wrong_shape_do_not_stop_the_summary(tmp_path: Path) -> None:
    draft = hostile_copy(
        tmp_path,
        "innovationslabor",
        {"basis.rolle: amtsleitung": "basis.rolle: {a: [1, 2]}", "mandat.freiraum: 3": "mandat.freiraum: [3]"},
    )  # fmt: skip
    out = tmp_path / "s.md"
    assert main(["summary", str(draft), "-o", str(out)]) == 0


def test_a_draft_that_breaks_the_summary_is_left_out_by_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Stands for any failure not foreseen: naming one participant raises.
    draft = hostile_copy(
        tmp_path, "innovationslabor", {"author: Erika Musterfrau": "author: Kaputt"}
    )
    shutil.copy(EXAMPLES / "innovationslabor.answers.yaml", draft.parent / "gut.yaml")
    name = summary._name

    def breaks_for_one(p: Participant, index: int, anonymous: bool, lang: str) -> str:
        if p.draft.author == "Kaputt":
            raise ValueError("kaputt")
        return name(p, index, anonymous, lang)

    monkeypatch.setattr(summary, "_name", breaks_for_one)
    out = tmp_path / "s.md"
    assert main(["summary", str(draft.parent), "-o", str(out)]) == 0
    assert f"{draft}" in capsys.readouterr().out
    text = out.read_text(encoding="utf-8")
    assert f"`{draft.name}`: ließ sich nicht auswerten (ValueError: kaputt)" in text
    assert "1 von 1 haben geantwortet" in text


def test_commands_print_only_through_say() -> None:
    # `say` makes file text harmless; a bare print() would bypass it.
    folder = ROOT / "kosi_tui" / "faces" / "commands"
    exempt = {"say.py", "serve.py"}
    offenders = [
        f"{path.name}:{number}"
        for path in sorted(folder.glob("*.py"))
        if path.name not in exempt
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"\bprint\(", line)
    ]
    assert offenders == []
