"""`kosi export --limesurvey`: the tab-separated survey structure LimeSurvey imports, read here
by a reader written from LimeSurvey's manual ("Tab Separated Value survey structure"): a header
row; rows of class S (survey settings), SL (per language), G (group), Q (question), SQ
(subquestion), A (answer); the structure in the first language, then a copy per further one;
relationships by proximity (a question belongs to the group above it, answers and subquestions
to the question above them)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kosi_tui.cli import main
from kosi_tui.core.kinds import (
    Date,
    Info,
    ListQuestion,
    LongText,
    MultiChoice,
    Number,
    Scale,
    ShortText,
    SingleChoice,
    Table,
    YesNo,
)
from kosi_tui.core.text import localize
from kosi_tui.storage.canvas_file import load_canvas
from tests.conftest import ROOT

BUNDLED = sorted((ROOT / "canvases").glob("*.yaml"))

DOCUMENTED = ["id", "related_id", "class", "type/scale", "name", "relevance", "text", "help",
              "language", "validation", "mandatory", "other", "default", "same_default"]  # fmt: skip
"""The columns the manual documents for the rows below."""

TYPES = {ShortText: "S", LongText: "T", ListQuestion: "T", SingleChoice: "L", Scale: "L",
         MultiChoice: "M", Number: "N", Date: "D", YesNo: "Y", Table: ";", Info: "X"}  # fmt: skip
"""LimeSurvey's question types (manual: "Question object types")."""


@dataclass
class Question:
    row: dict[str, str]
    answers: list[dict[str, str]] = field(default_factory=list)
    subquestions: list[dict[str, str]] = field(default_factory=list)


@dataclass
class Group:
    row: dict[str, str]
    questions: list[Question] = field(default_factory=list)


def read(path: Path) -> tuple[list[str], list[dict[str, str]], dict[str, list[Group]]]:
    """Header, S/SL rows, and per language the groups with their questions."""
    text = path.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")  # as LimeSurvey's own export
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter="\t"))
    header, body = rows[0], [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    settings = [r for r in body if r["class"] in ("S", "SL")]
    languages: dict[str, list[Group]] = {}
    group: Group | None = None
    question: Question | None = None
    for row in body:
        kind = row["class"]
        if kind == "G":
            group = Group(row)
            languages.setdefault(row["language"], []).append(group)
            question = None
        elif kind == "Q":
            assert group is not None and row["language"] == group.row["language"]
            question = Question(row)
            group.questions.append(question)
        elif kind == "A":
            assert question is not None and row["id"] == question.row["id"]
            question.answers.append(row)
        elif kind == "SQ":
            assert question is not None and row["related_id"] == question.row["id"]
            question.subquestions.append(row)
        else:
            assert kind in ("S", "SL"), kind
    return header, settings, languages


@pytest.mark.parametrize("canvas", BUNDLED, ids=lambda p: p.stem)
def test_every_question_is_in_the_survey_with_type_choices_and_condition(
    canvas: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "survey.txt"
    assert main(["--lang", "de", "export", str(canvas), "--limesurvey", "-o", str(target)]) == 0
    err = capsys.readouterr().err
    header, settings, languages = read(target)
    assert header[: len(DOCUMENTED) + 1] == [*DOCUMENTED[:11], "encrypted", *DOCUMENTED[11:]]
    loaded = load_canvas(canvas).canvas
    langs = list(loaded.languages)
    by_name = {(r["class"], r["name"], r["language"]): r["text"] for r in settings}
    assert by_name[("S", "language", "")] == langs[0]
    assert by_name[("S", "additional_languages", "")] == " ".join(langs[1:])
    assert list(languages) == langs
    codes: set[str] = set()
    for lang in langs:
        assert by_name[("SL", "surveyls_title", lang)] == localize(loaded.title, lang)
        groups = languages[lang]
        assert [g.row["name"] for g in groups] == [localize(s.title, lang) for s in loaded.sections]
        for group, section in zip(groups, loaded.sections, strict=True):
            assert len(group.questions) == len(section.questions)
            for found, question in zip(group.questions, section.questions, strict=True):
                row = found.row
                assert row["type/scale"] == TYPES[type(question)]
                assert row["text"].replace("<br />", "\n") == _html(localize(question.label, lang))
                code = row["name"]
                assert code[:1].isalpha() and code.isalnum() and len(code) <= 20
                if lang == langs[0] and not isinstance(question, Info):
                    assert code.lower() not in codes
                    codes.add(code.lower())
                    assert row["mandatory"] == ("Y" if question.required else "N")
                key = f"{section.id}.{question.id}"
                if question.show_if is not None:
                    assert row["relevance"] != "1" or f"{key}: " in err
                else:
                    assert row["relevance"] == "1"
                if isinstance(question, SingleChoice):
                    assert [a["text"] for a in found.answers] == [
                        _html(localize(c.label, lang)) for c in question.choices
                    ]
                    assert all(len(a["name"]) <= 5 and a["name"].isalnum() for a in found.answers)
                if isinstance(question, Scale):
                    assert [a["name"] for a in found.answers] == [
                        str(p) for p in range(question.min, question.max + 1)
                    ]
                if isinstance(question, MultiChoice):
                    assert [s["text"] for s in found.subquestions] == [
                        _html(localize(c.label, lang)) for c in question.choices
                    ]
                if isinstance(question, Table):
                    columns = [s for s in found.subquestions if s["type/scale"] == "1"]
                    assert [c["text"] for c in columns] == [
                        _html(localize(c.label, lang)) for c in question.columns
                    ]


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def test_conditions_become_relevance_equations(tmp_path: Path) -> None:
    target = tmp_path / "survey.txt"
    assert main(["export", "innovationslabor", "--limesurvey", "-o", str(target)]) == 0
    _, _, languages = read(target)
    questions = {q.row["name"]: q for g in languages["de"] for q in g.questions}
    weg = questions["Mandatweg"].row["relevance"]
    status = questions["Mandatstatus"]
    codes = [a["name"] for a in status.answers]
    canvas = load_canvas(ROOT / "canvases" / "innovationslabor.yaml").canvas
    ids = [
        c.id
        for _, q in canvas.iter_questions()
        if q.id == "status" and isinstance(q, SingleChoice)
        for c in q.choices
    ]
    informell, keins = codes[ids.index("informell")], codes[ids.index("keins")]
    assert weg == f"(Mandatstatus == '{informell}' or Mandatstatus == '{keins}')"
    # several choices: the subquestion's Y
    foerder = next(q for n, q in questions.items() if n.startswith("Ressourcenfoerder"))
    assert "Ressourcenquellen_SQ" in foerder.row["relevance"]
    assert "== 'Y'" in foerder.row["relevance"]


def test_texts_reach_limesurvey_as_text_not_html(tmp_path: Path) -> None:
    source = (ROOT / "canvases" / "labor-reifegrad.yaml").read_text(encoding="utf-8")
    canvas = tmp_path / "html.yaml"
    canvas.write_text(source.replace("de: Labor-Reifegrad", "de: <script>x</script>", 1), "utf-8")
    target = tmp_path / "survey.txt"
    assert main(["export", str(canvas), "--limesurvey", "-o", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert "&lt;script&gt;x&lt;/script&gt;-Selbstcheck" in text
    assert "<script>" not in text
