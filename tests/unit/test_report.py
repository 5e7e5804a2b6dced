"""Reports: structure, hostile text shown as typed, clean Markdown, self-contained printable HTML."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import mdformat
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from kosi_tui.core.answers import Draft
from kosi_tui.core.session import Session
from kosi_tui.report.html import render_html
from kosi_tui.report.markdown import render_markdown
from kosi_tui.report.markdown_text import escape
from kosi_tui.storage.canvas_file import load_canvas
from kosi_tui.storage.draft_file import load_draft
from kosi_tui.storage.locate import canvas_by_id
from tests.conftest import DATA, ROOT

TODAY = dt.date(2027, 3, 16)
EXAMPLES = sorted((ROOT / "examples").glob("*.answers.yaml"))
HOSTILE = (
    "# Titel | mit *Stern* _unter_ `code` <script>alert(1)</script> [link](http://x) &amp; 1. \\ ~~"
)


def session_for(answers_file: Path) -> tuple[Session, Draft]:
    draft = load_draft(answers_file)
    path = canvas_by_id(draft.canvas.id)
    assert path is not None
    canvas = load_canvas(path)
    return Session(canvas.compiled, draft.answers), draft


def plain_text(markdown: str) -> str:
    """The text people see, inline blocks joined by spaces."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    blocks = []
    for token in tokens:
        if token.type != "inline":
            continue
        parts = []
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
        blocks.append("".join(parts))
    return " ".join(blocks)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_report_structure(path: Path) -> None:
    session, draft = session_for(path)
    md = render_markdown(session, draft, "de", TODAY)
    assert md.startswith("# ")
    sections = re.findall(r"^## (.+)$", md, re.M)
    assert len(sections) >= 3
    assert "Auswertung" in sections
    assert "### Kennzahlen" in md
    assert re.search(r"^\| .+ \|$", md, re.M), "a table"
    assert "- [ ] " in md
    assert mdformat.text(md, extensions={"gfm"}) == md
    en = render_markdown(session, draft, "en", TODAY)
    assert "## Evaluation" in en and "## Auswertung" not in en


def test_hidden_questions_are_left_out_and_unanswered_counted() -> None:
    canvas = load_canvas(DATA / "good" / "minimal.yaml")
    session = Session(canvas.compiled, {"mandat.status": "rat", "mandat.weg": "VERSTECKT"})
    md = render_markdown(session, None, "de", TODAY)
    assert "VERSTECKT" not in md
    assert "Wer könnte das Mandat erteilen" not in md
    # Unanswered optional questions are left out with a count, never "nicht beantwortet".
    assert "nicht beantwortet*" not in md
    assert "freiwillige Frage" in md
    assert "Danke!" not in md  # info blocks are not answers


def test_open_required_questions_are_listed_once_at_the_start() -> None:
    canvas = load_canvas(DATA / "good" / "minimal.yaml")
    session = Session(canvas.compiled, {"mandat.status": "keins"})
    md = render_markdown(session, None, "de", TODAY)
    missing = session.missing_required()
    assert missing
    head, _, _ = md.partition("\n## ")
    for key in missing:
        label = canvas.compiled.questions[key].question.label
        text = label if isinstance(label, str) else label["de"]
        assert md.count(text) == 1 and text in head


def test_hostile_text_is_shown_as_typed() -> None:
    canvas = load_canvas(DATA / "good" / "minimal.yaml")
    session = Session(
        canvas.compiled,
        {
            "mandat.status": "keins",
            "mandat.weg": HOSTILE + "\n\n- keine Liste\n> kein Zitat",
            "akteure.tabelle": [{"name": HOSTILE, "sektor": "kommune"}],
            "akteure.ziele": [HOSTILE],
        },
    )
    md = render_markdown(session, None, "de", TODAY)
    assert mdformat.text(md, extensions={"gfm"}) == md
    text = plain_text(md)
    assert text.count(HOSTILE) == 3
    assert "- keine Liste" in text and "> kein Zitat" in text
    html = render_html(md, "T", "F", "de")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="http' not in html
    table_rows = [line for line in md.splitlines() if line.startswith("| ")]
    assert all(line.endswith("|") for line in table_rows)


@settings(deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60))
def test_any_single_line_text_survives_escaping(text: str) -> None:
    shown = " ".join(text.split())
    if not shown:
        return
    for raw in (
        f"{escape(text)}\n",
        f"- {escape(text)}\n",
        f"| § |\n| --- |\n| {escape(text)} |\n",
    ):
        expected = f"§ {shown}" if raw.startswith("|") else shown
        assert plain_text(raw) == expected, raw
        assert plain_text(mdformat.text(raw, extensions={"gfm"})) == expected, raw


def test_html_is_self_contained() -> None:
    session, draft = session_for(EXAMPLES[0])
    html = render_html(
        render_markdown(session, draft, "de", TODAY),
        "Titel",
        "Fuß · 16.03.2027",
        "de",
        ("Auswertung",),
    )
    assert "<style>" in html and "@page" in html and "size: A4" in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "@import" not in html and "url(" not in html
    assert '<h2 class="page">Auswertung</h2>' in html
    assert "Fuß · 16.03.2027" in html


def find_browser() -> str | None:
    return next(
        (b for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None
    )


@pytest.mark.system
@pytest.mark.skipif(
    find_browser() is None, reason="no headless Chromium installed (apt-get install chromium)"
)
def test_html_prints_to_a_sane_number_of_a4_pages(tmp_path: Path) -> None:
    session, draft = session_for(EXAMPLES[0])
    html_file = tmp_path / "report.html"
    html_file.write_text(
        render_html(render_markdown(session, draft, "de", TODAY), "T", "F", "de", ("Auswertung",)),
        encoding="utf-8",
    )
    pdf = tmp_path / "report.pdf"
    browser = find_browser()
    assert browser is not None
    subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", html_file.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    data = pdf.read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", data))
    assert 3 <= pages <= 20, pages
    # A4 is 595 x 842 points.
    assert re.search(rb"/MediaBox\s*\[\s*0\s+0\s+59[45](\.\d+)?\s+84[12](\.\d+)?\s*\]", data)
