"""Every writer renders the evaluation as the canvas means it: prompts under their own heading
(also when a draft has nothing else), each score by its kind (only a rating is "x von 5" or a bar),
the flags' suggestions apart from the person's own ticked steps; and the workshop summary keeps
each person's value with the lowest and highest – never a mean – and says in how many drafts a
prompt was raised.

Each format is read back by an independent reader: Markdown by markdown-it, HTML by
`html.parser`, the PDF by pypdf, Word by python-docx.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from kosi_tui.core.answers import CanvasRef, Draft
from kosi_tui.core.session import Session
from kosi_tui.report.build import build_report
from kosi_tui.report.charts import Bars, Radar
from kosi_tui.report.document import Document, Figure, Items
from kosi_tui.report.summary import render_summary
from kosi_tui.report.workshop import Workshop, add_participant
from kosi_tui.report.write_html import write_html
from kosi_tui.report.write_markdown import write_markdown
from kosi_tui.storage.canvas_file import load_canvas

TODAY = dt.date(2027, 3, 20)

QUESTIONS = """
sections:
  - id: s
    title: {de: Lage, en: Situation}
    questions:
      - {id: a, type: scale, min: 1, max: 5, label: {de: Rückendeckung, en: Backing}}
      - {id: b, type: scale, min: 1, max: 5, label: {de: Freiraum, en: Autonomy}}
      - id: sektoren
        type: multi_choice
        label: {de: Sektoren, en: Sectors}
        choices:
          - {id: k, label: {de: Kommune, en: Municipality}}
          - {id: z, label: {de: Zivilgesellschaft, en: Civil society}}
          - {id: w, label: {de: Wirtschaft, en: Business}}
          - {id: f, label: {de: Wissenschaft, en: Research}}
      - {id: geld, type: number, unit: €, label: {de: Budget, en: Budget}}
      - {id: schritte, type: list, label: {de: Ihre Schritte, en: Your steps}}
"""

PROMPTS = """
  prompts:
    - id: leine
      when: "s.a >= 4 and s.b <= 2"
      observation: {de: "Rückendeckung {s.a}, Freiraum {s.b}.", en: "Backing {s.a}, autonomy {s.b}."}
      question: {de: Chefsache an kurzer Leine?, en: A top priority on a short leash?}
    - id: allein
      when: "count(s.sektoren) <= 1"
      observation: {de: Nur ein Sektor am Tisch., en: Only one sector at the table.}
      question: {de: Wer fehlt?, en: Who is missing?}
"""

SCORES = """
  checklist: s.schritte
  scores:
    - {id: rueckhalt, label: {de: Rückhalt, en: Support}, value: s.a, kind: rating, min: 1, max: 5,
       explain: {de: Ihre Einschätzung., en: Your rating.}}
    - {id: frei, label: {de: Freiheit, en: Freedom}, value: s.b, kind: rating, min: 1, max: 5,
       explain: {de: Ihre Einschätzung., en: Your rating.}}
    - {id: breite, label: {de: Breite, en: Breadth}, value: count(s.sektoren), kind: count, max: 4,
       unit: {de: Sektoren, en: sectors}, explain: {de: Gezählt., en: Counted.}}
    - {id: bloss, label: {de: Bloße Zahl, en: Bare count}, value: count(s.sektoren), kind: count,
       max: 4, explain: {de: Gezählt ohne Einheit., en: Counted without a unit.}}
    - {id: budget, label: {de: Mittel, en: Funds}, value: s.geld, kind: amount, unit: €,
       explain: {de: Das Budget., en: The budget.}}
    - {id: spanne, label: {de: Spanne, en: Spread}, kind: spread, of: [rueckhalt, frei],
       value: "max(s.a, s.b) - min(s.a, s.b)", explain: {de: Von bis., en: From to.}}
  charts:
    - {id: alle, type: bars, title: {de: Alle Kennzahlen, en: All scores},
       scores: [rueckhalt, frei, breite, bloss]}
  flags:
    - id: schwach
      when: "s.b <= 2"
      message: {de: Wenig Freiraum., en: Little autonomy.}
      step: {de: VORSCHLAG Freiraum klären, en: SUGGESTION settle autonomy}
"""


def _canvas(tmp_path: Path, evaluation: str) -> Any:
    head = "format: kosi-canvas/1\nid: probe\nversion: 1.0.0\nlanguages: [de, en]\n"
    head += "title: {de: Probe, en: Probe}\n"
    path = tmp_path / "probe.yaml"
    path.write_text(head + QUESTIONS + "evaluation:" + evaluation, encoding="utf-8")
    return load_canvas(path).compiled


ANSWERS: dict[str, Any] = {
    "s.a": 4,
    "s.b": 1,
    "s.sektoren": ["k"],
    "s.geld": 1800,
    "s.schritte": ["EIGEN Gespräch führen"],
}


def _document(tmp_path: Path, evaluation: str, lang: str = "de") -> Document:
    session = Session(_canvas(tmp_path, evaluation), ANSWERS)
    return build_report(session, None, lang, TODAY)


# -- readers ------------------------------------------------------------------------------------


def markdown_text(document: Document) -> str:
    tokens = MarkdownIt("commonmark").enable("table").parse(write_markdown(document))
    return " ".join(
        "".join(c.content for c in token.children or [] if c.type in ("text", "code_inline"))
        for token in tokens
        if token.type == "inline"
    )


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0
        self.checkboxes = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.skip += tag in ("style", "script")
        if tag == "input" and ("type", "checkbox") in attrs:
            self.checkboxes += 1

    def handle_endtag(self, tag: str) -> None:
        self.skip -= tag in ("style", "script")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def html_text(document: Document) -> str:
    parser = _Text()
    parser.feed(write_html(document))
    return " ".join(" ".join(parser.parts).split())


def pdf_text(document: Document) -> str:
    pypdf = pytest.importorskip("pypdf")
    pytest.importorskip("typst")
    from kosi_tui.report.write_pdf import write_pdf

    reader = pypdf.PdfReader(io.BytesIO(write_pdf(document)))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def docx_text(document: Document) -> str:
    docx = pytest.importorskip("docx")
    from kosi_tui.report.write_docx import write_docx

    word = docx.Document(io.BytesIO(write_docx(document)))
    # Paragraphs and tables in the order Word shows them.
    texts = []
    for item in word.iter_inner_content():
        if isinstance(item, docx.table.Table):
            texts += [cell.text for row in item.rows for cell in row.cells]
        else:
            texts.append(item.text)
    return " ".join(" ".join(texts).split())


READERS = {"md": markdown_text, "html": html_text, "pdf": pdf_text, "docx": docx_text}


# -- the report -----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", READERS)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_draft_with_only_prompts_shows_them(tmp_path: Path, fmt: str, lang: str) -> None:
    text = READERS[fmt](_document(tmp_path, PROMPTS, lang))
    heading = {"de": "Fragen an Sie", "en": "Questions for you"}[lang]
    first = {"de": "Rückendeckung 4, Freiraum 1.", "en": "Backing 4, autonomy 1."}[lang]
    asked = {"de": "Chefsache an kurzer Leine?", "en": "A top priority on a short leash?"}[lang]
    second = {"de": "Nur ein Sektor am Tisch.", "en": "Only one sector at the table."}[lang]
    assert heading in text
    # Canvas order, each observation before its question.
    at = [text.index(s) for s in (heading, first, asked, second)]
    assert at == sorted(at), text


def test_prompts_carry_no_checkbox(tmp_path: Path) -> None:
    document = _document(tmp_path, PROMPTS)
    parser = _Text()
    parser.feed(write_html(document))
    assert parser.checkboxes == 0
    assert "[ ]" not in write_markdown(document)


def _scores_table(text: str) -> dict[str, str]:
    rows = re.findall(r"^\| (.+?) +\| +(.+?) \|$", text, re.M)
    return {label: value for label, value in rows}


def test_each_score_is_shown_by_its_kind(tmp_path: Path) -> None:
    markdown = write_markdown(_document(tmp_path, SCORES))
    values = _scores_table(markdown)
    assert values["Rückhalt"] == "4 von 5"
    assert values["Breite"] == "1 Sektoren"
    assert values["Bloße Zahl"] == "1"
    assert values["Mittel"] == "1.800,00 €"
    assert values["Spanne"] == "1 (Freiheit) bis 4 (Rückhalt)"
    en = _scores_table(write_markdown(_document(tmp_path, SCORES, "en")))
    assert en["Support"] == "4 of 5" and en["Bare count"] == "1"
    assert en["Spread"] == "1 (Freedom) to 4 (Support)"


@pytest.mark.parametrize("fmt", READERS)
def test_a_count_is_never_out_of_a_maximum(tmp_path: Path, fmt: str) -> None:
    text = READERS[fmt](_document(tmp_path, SCORES))
    assert "1 Sektoren" in text
    assert not re.search(r"\b1 von 4\b", text), "a count printed as a grade"
    assert "4 von 5" in text, "the rating still is"
    assert "1 (Freiheit) bis 4 (Rückhalt)" in text


def test_only_ratings_are_drawn(tmp_path: Path) -> None:
    document = _document(tmp_path, SCORES)
    charts = [b.chart for p in document.parts for b in p.blocks if isinstance(b, Figure)]
    drawn = [label for c in charts if isinstance(c, Bars | Radar) for label in c.labels]
    assert drawn == ["Rückhalt", "Freiheit"]


@pytest.mark.parametrize("fmt", READERS)
def test_suggestions_stand_apart_from_the_ticked_steps(tmp_path: Path, fmt: str) -> None:
    document = _document(tmp_path, SCORES)
    ticked = [i for p in document.parts for b in p.blocks if isinstance(b, Items) and b.tick
              for i in b.items]  # fmt: skip
    assert ticked == ["EIGEN Gespräch führen"]
    unticked = [i for p in document.parts for b in p.blocks
                if isinstance(b, Items) and not b.tick for i in b.items]  # fmt: skip
    assert "VORSCHLAG Freiraum klären" in unticked
    text = READERS[fmt](document)
    assert "Vorschläge aus der Auswertung" in text and "Nächste Schritte" in text
    # The own step also stands among the answers, before the evaluation; here its last mention.
    assert text.index("VORSCHLAG") < text.index("Nächste Schritte") < text.rindex("EIGEN")
    if fmt == "md":
        markdown = write_markdown(document)
        assert "- [ ] EIGEN Gespräch führen" in markdown
        assert "[ ] VORSCHLAG" not in markdown and "- VORSCHLAG Freiraum klären" in markdown


def test_the_title_block_says_when_the_report_was_made(tmp_path: Path) -> None:
    canvas = _canvas(tmp_path, PROMPTS)
    when = dt.datetime(2027, 2, 1, 9, tzinfo=dt.UTC)
    draft = Draft(canvas=CanvasRef(id="probe", version="1.0.0", title="Probe"),
                  created=when, updated=when, answers=ANSWERS)  # fmt: skip
    markdown = write_markdown(build_report(Session(canvas, ANSWERS), draft, "de", TODAY))
    assert markdown.index("**Stand:** 01.02.2027") < markdown.index(
        "**Bericht erstellt am:** 20.03.2027"
    )
    assert "Erstellt am" not in markdown
    english = write_markdown(build_report(Session(canvas, ANSWERS), draft, "en", TODAY))
    assert "**Report made on:**" in english


# -- the workshop summary -------------------------------------------------------------------------


def _workshop(tmp_path: Path, people: list[tuple[str, str, dict[str, Any]]]) -> Workshop:
    """Drafts of the probe canvas: (author, date of the last change, answers)."""
    workshop = Workshop(_canvas(tmp_path, SCORES + PROMPTS))
    for author, day, answers in people:
        when = dt.datetime.fromisoformat(day + "T10:00:00+01:00")
        draft = Draft(canvas=CanvasRef(id="probe", version="1.0.0", title="Probe"),
                      author=author, created=when, updated=when, answers=answers)  # fmt: skip
        add_participant(workshop, tmp_path / f"{author}-{day}.yaml", draft)
    return workshop


def _section(markdown: str, heading: str) -> str:
    return markdown.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]


TEAM = [
    ("Anna", "2027-03-01", {**ANSWERS, "s.a": 5, "s.b": 1}),
    ("Ben", "2027-03-01", {**ANSWERS, "s.a": 1, "s.b": 3, "s.sektoren": ["k", "z", "w"]}),
    ("Carla", "2027-03-01", {**ANSWERS, "s.a": 3, "s.b": 3, "s.schritte": ["Carlas Schritt"]}),
]


def test_the_summary_keeps_each_value_with_lowest_and_highest(tmp_path: Path) -> None:
    markdown = render_summary(_workshop(tmp_path, TEAM), "de", today=TODAY)
    scores = _section(markdown, "Kennzahlen")
    assert "Mittel" not in scores.split("\n| ---")[0], "no mean column"
    row = next(line for line in scores.splitlines() if line.startswith("| Rückhalt "))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[1:3] == ["1 von 5", "5 von 5"]
    assert all(name in cells[3] for name in ("Anna: 5", "Ben: 1", "Carla: 3"))
    # The mean of 5, 1 and 3 would be 3: it is nowhere as a figure of its own.
    assert "3 von 5" not in row
    breite = next(line for line in scores.splitlines() if line.startswith("| Breite "))
    assert "von" not in breite and "3 Sektoren" in breite


def test_the_summary_counts_prompts_across_drafts(tmp_path: Path) -> None:
    markdown = render_summary(_workshop(tmp_path, TEAM), "de", today=TODAY)
    prompts = _section(markdown, "Spannungsfragen")
    leash = next(line for line in prompts.splitlines() if "Chefsache" in line)
    assert "in 1 von 3 Entwürfen gestellt" in leash
    alone = next(line for line in prompts.splitlines() if "Wer fehlt?" in line)
    assert "in 2 von 3 Entwürfen gestellt" in alone
    english = render_summary(_workshop(tmp_path, TEAM), "en", today=TODAY)
    assert "raised in 2 of 3 drafts" in english


def test_the_summary_shows_each_persons_spread_and_own_steps(tmp_path: Path) -> None:
    markdown = render_summary(_workshop(tmp_path, TEAM), "de", today=TODAY)
    each = _section(markdown, "Je Person")
    anna = next(line for line in each.splitlines() if line.startswith("| Anna "))
    assert "1 (Freiheit) bis 5 (Rückhalt)" in anna and "EIGEN Gespräch führen" in anna
    carla = next(line for line in each.splitlines() if line.startswith("| Carla "))
    assert "3 (Rückhalt, Freiheit) bis 3 (Rückhalt, Freiheit)" in carla
    assert "Carlas Schritt" in carla


def test_one_person_over_time_in_date_order(tmp_path: Path) -> None:
    later = [
        ("Erika", "2027-06-01", {**ANSWERS, "s.a": 5}),
        ("Erika", "2027-01-15", {**ANSWERS, "s.a": 2}),
        ("Erika", "2027-03-10", {**ANSWERS, "s.a": 3}),
    ]
    markdown = render_summary(_workshop(tmp_path, later), "de", today=TODAY)
    row = next(line for line in _section(markdown, "Kennzahlen").splitlines()
               if line.startswith("| Rückhalt "))  # fmt: skip
    assert re.search(r"15\.01\.2027: 2.*10\.03\.2027: 3.*01\.06\.2027: 5", row), row


def test_the_sheets_carry_each_persons_scores_as_numbers(tmp_path: Path) -> None:
    from kosi_tui.report.sheets import answer_rows

    rows = answer_rows(_workshop(tmp_path, TEAM), False, "de")
    column = rows[0].index("Rückhalt")
    assert [row[column] for row in rows[1:]] == [5, 1, 3]
    assert [row[rows[0].index("Breite")] for row in rows[1:]] == [1, 3, 1]
