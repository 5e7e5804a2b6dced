"""Question kinds: one module each, registered by their `type:` key; typed text read by one
`parse` per kind; answers of the wrong type (a hand-edited draft) shown as unreadable, never as
Python writes them."""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from pathlib import Path
from typing import Any, get_args

import pytest

from kosi_tui.core import kinds
from kosi_tui.core.canvas import AnyQuestion, Info, ListQuestion, LongText, Question, Section, Table
from kosi_tui.core.kinds import KINDS
from kosi_tui.core.kinds.base import QuestionBase, Typed
from kosi_tui.core.session import Session
from kosi_tui.paths import bundled_canvases
from kosi_tui.report.answer_blocks import answer_blocks
from kosi_tui.report.document import Rating
from kosi_tui.report.markdown import render_markdown
from kosi_tui.storage.canvas_file import load_canvas
from tests.conftest import DATA

MINIMAL = DATA / "good" / "minimal.yaml"


def test_every_model_of_the_canvas_union_has_a_kind_and_every_kind_a_model() -> None:
    (union, _) = get_args(Question)
    in_union = set(get_args(union))
    assert in_union == set(get_args(AnyQuestion))
    assert set(KINDS.values()) == in_union
    for key, model in KINDS.items():
        assert get_args(model.model_fields["type"].annotation) == (key,)
    # Sections accept exactly these kinds by their key.
    for key in KINDS:
        extra: dict[str, Any] = {
            "choices": [{"id": "a", "label": "A"}],
            "columns": [{"id": "c", "label": "C", "type": "text"}],
        }
        fields = KINDS[key].model_fields
        data = {"id": "q", "type": key, "label": "Q"} | {
            k: v for k, v in extra.items() if k in fields
        }
        section = Section.model_validate({"id": "s", "title": "S", "questions": [data]})
        assert type(section.questions[0]) is KINDS[key]


def test_every_module_in_the_kinds_package_defines_a_registered_kind() -> None:
    helpers = {"base", "forms", "issue"}
    folder = Path(kinds.__file__).parent
    modules = [m.name for m in pkgutil.iter_modules([str(folder)]) if m.name not in helpers]
    assert len(modules) == len(KINDS)
    defined = set()
    for name in modules:
        module = importlib.import_module(f"kosi_tui.core.kinds.{name}")
        defined |= {
            v
            for v in vars(module).values()
            if v in KINDS.values() and v.__module__ == module.__name__
        }
    assert defined == set(KINDS.values())


def test_every_kind_but_tables_and_info_reads_typed_text() -> None:
    typed = {key for key, model in KINDS.items() if issubclass(model, Typed)}
    assert set(KINDS) - typed == {"table", "info"}
    assert all(issubclass(m, QuestionBase) for k, m in KINDS.items() if k != "info")


@pytest.fixture(scope="module")
def minimal() -> Any:
    return load_canvas(MINIMAL).compiled


def question(compiled: Any, key: str) -> Any:
    return compiled.questions[key].question


@pytest.mark.parametrize(
    ("key", "text", "value"),
    [
        ("mandat.status", "2", "informell"),
        ("mandat.status", "keins", "keins"),
        ("mandat.rueckendeckung", "4", 4),
        ("mandat.rueckendeckung", " +3 ", 3),
        ("akteure.budget", "1.500,50", 1500.5),
        ("akteure.themen", "2, 1", ["mobil", "klima"]),
        ("akteure.themen", "klima;1", ["mobil", "klima"]),
        ("akteure.start", "24.12.2027", dt.date(2027, 12, 24)),
        ("akteure.ziele", "Erstes\n\n Zweites ", ["Erstes", "Zweites"]),
        ("mandat.weg", "  Die Bürgermeisterin. ", "Die Bürgermeisterin."),
        ("akteure.budget", "   ", None),
    ],
)
def test_parse_reads_typed_text(minimal: Any, key: str, text: str, value: Any) -> None:
    parsed = question(minimal, key).parse(text, "de")
    assert parsed.issue is None and parsed.value == value


@pytest.mark.parametrize(
    ("key", "text", "message"),
    [
        ("mandat.status", "4", "Bitte eine Nummer von 1 bis 3 eingeben."),
        ("mandat.rueckendeckung", "--5", "Bitte wählen Sie einen Wert von 1 bis 5."),
        ("mandat.rueckendeckung", "drei", "Bitte wählen Sie einen Wert von 1 bis 5."),
        ("akteure.budget", "12x", "Bitte geben Sie eine Zahl ein, z. B. 1.500 oder 12,5."),
        ("akteure.themen", "1, 7", "Bitte eine Nummer von 1 bis 2 eingeben."),
        ("akteure.start", "31.02.2027", "Diesen Tag gibt es nicht: Der Monat hat nur 28 Tage"),
    ],
)
def test_parse_says_why_text_cannot_be_read(
    minimal: Any, key: str, text: str, message: str
) -> None:
    parsed = question(minimal, key).parse(text, "de")
    assert parsed.value is None and parsed.issue is not None
    assert parsed.issue.message("de").startswith(message)


def test_table_cells_are_read_by_the_scalar_kinds(minimal: Any) -> None:
    table = question(minimal, "akteure.tabelle")
    name, sector, hours = table.columns
    assert name.parse(" Stadtwerke ", "de").value == "Stadtwerke"
    assert sector.parse("2", "de").value == "wirtschaft"
    assert hours.parse("1.200", "de").value == 1200
    assert hours.parse("zwölf", "de").issue.message("de").startswith("Bitte geben Sie eine Zahl")
    assert sector.parse("3", "en").issue.message("en") == "Please type a number from 1 to 2."


WRONG = [
    ("mandat.rueckendeckung", {"stufe": 3}),
    ("mandat.rueckendeckung", True),
    ("mandat.rueckendeckung", 3.5),
    ("mandat.rueckendeckung", [3]),
    ("mandat.status", {"id": "rat"}),
    ("mandat.weg", {"text": "x"}),
    ("akteure.budget", float("nan")),
    ("akteure.budget", float("inf")),
    ("akteure.budget", False),
    ("akteure.start", True),
    ("akteure.start", 20271224),
    ("akteure.themen", [{"id": "mobil"}]),
    ("akteure.ziele", [None, {"a": 1}]),
    ("akteure.tabelle", [{"name": "Stadtwerke", "stunden": float("nan"), "sektor": 3}]),
    ("akteure.tabelle", ["Stadtwerke"]),
    ("akteure.tabelle", {"name": "Stadtwerke"}),
]


@pytest.mark.parametrize(("key", "value"), WRONG, ids=[f"{k}={v!r}" for k, v in WRONG])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_answers_of_the_wrong_type_are_said_to_be_unreadable(
    minimal: Any, key: str, value: Any, lang: str
) -> None:
    answers = {"mandat.status": "informell", key: value}
    report = render_markdown(Session(minimal, answers), None, lang)
    shown = report.split("**", 1)[1]  # the answers, after the title block
    for python in ("{'", "[", "True", "False", "None", "nan", "inf", "20271224"):
        assert python not in shown.split("## Auswertung")[0].split("## Evaluation")[0], python
    assert ("(nicht lesbar)" if lang == "de" else "(not readable)") in report


@pytest.mark.parametrize("value", [9, 0, -2])
def test_a_point_off_the_scale_is_no_rating(minimal: Any, value: int) -> None:
    session = Session(minimal, {"mandat.rueckendeckung": value})
    blocks = answer_blocks(session, "mandat.rueckendeckung", "de")
    assert not any(isinstance(b, Rating) for b in blocks)
    report = render_markdown(session, None, "de")
    assert f"{value} von 5" not in report
    assert f"{value} – außerhalb der Skala von 1 bis 5" in report
    english = render_markdown(session, None, "en")
    assert f"{value} – outside the scale from 1 to 5" in english


def test_a_point_on_the_scale_is_a_rating_with_its_label(minimal: Any) -> None:
    blocks = answer_blocks(
        Session(minimal, {"mandat.rueckendeckung": 5}), "mandat.rueckendeckung", "de"
    )
    assert blocks == [Rating(5, 1, 5, "5 von 5 – Chefsache")]


def test_text_typed_into_a_number_is_shown_as_typed(minimal: Any) -> None:
    # The app keeps what it cannot read as a number, so nothing typed is lost; the report says so.
    report = render_markdown(Session(minimal, {"akteure.budget": "12x"}), None, "de")
    assert "\n12x\n" in report and "Bitte geben Sie eine Zahl ein" in report


def test_every_kind_has_a_widget_registered_beside_it() -> None:
    import kosi_tui.faces.tui.widgets.factory  # noqa: F401 - registers every widget
    from kosi_tui.faces.tui.widgets.registry import WIDGETS

    assert set(WIDGETS) == set(KINDS.values())
    for kind, widget in WIDGETS.items():
        assert widget.__module__.startswith("kosi_tui.faces.tui.widgets."), (kind, widget)


def test_own_steps_come_from_the_kinds_that_hold_them() -> None:
    # `evaluation.checklist` may name a list, a text or a table; the check and the evaluation
    # both ask the kind, so they cannot disagree about which kinds those are.
    compiled = load_canvas(bundled_canvases() / "innovationslabor.yaml").compiled
    questions = [located.question for located in compiled.questions.values()]
    table = next(q for q in questions if isinstance(q, Table))
    first, second = table.columns[0].id, table.columns[1].id
    rows = [{first: "Stadt", second: None}, {first: " ", second: "x"}, "kaputt"]
    assert table.steps([*rows[:2], {first: "Verein"}, rows[2]]) == ["Stadt", "Verein"]
    assert table.steps([{first: "A", second: "b"}])[0].startswith("A (")
    listed = next(q for q in questions if isinstance(q, ListQuestion))
    assert listed.steps(["Rat fragen", " ", 3]) == ["Rat fragen", "3"]
    text = next(q for q in questions if isinstance(q, LongText))
    assert text.steps("  Beschluss vorbereiten ") == ["Beschluss vorbereiten"]
    assert text.steps({"wrong": "type"}) == [] and table.steps("no rows") == []
    holding = {type(q).__name__ for q in questions if not isinstance(q, Info) and q.HOLDS_STEPS}
    assert holding == {"ShortText", "LongText", "ListQuestion", "Table"}
