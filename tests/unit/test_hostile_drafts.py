"""A corpus of hostile and corrupt drafts (tests/data/hostile): each is refused at its line with
the right message, or opens – and then nothing in it runs or reaches a browser or a terminal as
markup or escape sequence. Never a traceback.

Each file's first line says what it must produce: `# expect: refused LINE CODE` or
`# expect: opens`.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kosi_tui.cli import main
from kosi_tui.faces.filling import Filling
from kosi_tui.storage.draft_file import load_draft
from kosi_tui.storage.opening import open_draft
from kosi_tui.storage.problems import ProblemsError
from tests.conftest import DATA

HOSTILE = sorted((DATA / "hostile").glob("*.yaml"))
ACTIVE = frozenset({"script", "iframe", "object", "embed", "img", "link", "base", "form"})
"""Elements that run code or fetch something; a report has none."""
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def expectation(path: Path) -> tuple[str, int, str]:
    first = path.read_bytes().split(b"\n", 1)[0].decode()
    match = re.fullmatch(r"# expect: (opens|refused (\d+) (\w+))", first)
    assert match, f"{path.name} lacks its expectation header"
    if match.group(1) == "opens":
        return "opens", 0, ""
    return "refused", int(match.group(2)), match.group(3)


class Page(HTMLParser):
    """Everything in an HTML page that could run or fetch something."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.dangerous: list[str] = []
        self.in_style = False
        self.style = ""
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.in_style = tag == "style"
        if tag in ACTIVE:
            self.dangerous.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.dangerous.append(f"{tag}[{name}]")
            if name in ("href", "src") and value and not value.startswith("#"):
                self.dangerous.append(f"{tag}[{name}={value}]")

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self.in_style = False

    def handle_data(self, data: str) -> None:
        if self.in_style:
            self.style += data
        self.text += data


def test_the_corpus_is_large_and_varied() -> None:
    assert len(HOSTILE) >= 25
    assert len({expectation(p)[2] for p in HOSTILE}) >= 15


@pytest.mark.parametrize("path", HOSTILE, ids=[p.stem for p in HOSTILE])
def test_opening_refuses_at_the_line_or_opens(path: Path) -> None:
    kind, line, code = expectation(path)
    if kind == "refused":
        with pytest.raises(ProblemsError) as err:
            open_draft(path)
        assert any(p.line == line and p.code == code for p in err.value.problems), [
            (p.line, p.code) for p in err.value.problems
        ]
    else:
        open_draft(path)


@pytest.mark.parametrize("path", HOSTILE, ids=[p.stem for p in HOSTILE])
def test_reports_and_messages_stay_harmless(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kind, line, _code = expectation(path)
    html_file, md_file = tmp_path / "bericht.html", tmp_path / "bericht.md"
    code_html = main(["report", str(path), "-o", str(html_file)])
    code_md = main(["report", str(path), "-o", str(md_file)])
    out = capsys.readouterr()
    said = out.out + out.err
    assert "Traceback" not in said
    assert not RAW.search(said), repr(said)
    if kind == "refused":
        assert (code_html, code_md) == (1, 1)
        assert f"{path}:{line}:" in said
        assert not html_file.exists() and not md_file.exists()
        return
    assert (code_html, code_md) == (0, 0)
    page = Page()
    page.feed(html_file.read_text(encoding="utf-8"))
    page.close()
    assert page.dangerous == []
    assert "<" not in page.style
    assert not RAW.search(page.text)
    assert not RAW.search(md_file.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "path", [p for p in HOSTILE if expectation(p)[0] == "opens"], ids=lambda p: p.stem
)
def test_what_opens_saves_and_opens_again(path: Path, tmp_path: Path) -> None:
    copy = tmp_path / path.name
    copy.write_bytes(path.read_bytes())
    filling = Filling.open(copy)
    filling.set_answer("anlass.herausforderung", "Neu geschrieben")
    assert filling.save().error is None
    assert load_draft(copy).answers["anlass.herausforderung"] == "Neu geschrieben"
    filling.close()


def test_the_summary_names_what_it_leaves_out_and_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "auswertung.html"
    assert main(["summary", str(DATA / "hostile"), "-o", str(target)]) == 0
    out = capsys.readouterr()
    said = out.out + out.err
    assert "Traceback" not in said and not RAW.search(said)
    for path in HOSTILE:
        if expectation(path)[0] == "refused":
            assert path.name in said, path.name
    page = Page()
    page.feed(target.read_text(encoding="utf-8"))
    assert page.dangerous == [] and "<" not in page.style and not RAW.search(page.text)
