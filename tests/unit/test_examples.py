"""Examples look like examples: an empty field shows "z. B. 3.000" (e.g. 3,000), never a bare
number that reads as an answer, and the Planspiel's offer fields show no amounts at all."""

from __future__ import annotations

from kosi_tui.core.canvas import Number
from kosi_tui.core.examples import placeholder
from kosi_tui.storage.canvas_file import load_canvas
from tests.conftest import DATA, ROOT


def test_an_example_is_marked_as_one_in_both_languages() -> None:
    compiled = load_canvas(ROOT / "canvases" / "innovationslabor.yaml").compiled
    einwohner = compiled.questions["basis.einwohner"].question
    assert placeholder(einwohner, "de") == "z. B. 120.000"
    assert placeholder(einwohner, "en") == "e.g. 120,000"
    # A question without an example shows nothing; one with its own placeholder shows that.
    minimal = load_canvas(DATA / "good" / "minimal.yaml").compiled
    assert placeholder(minimal.questions["akteure.budget"].question, "de") == ""


def test_every_example_of_the_bundled_canvases_is_marked() -> None:
    for path in sorted((ROOT / "canvases").glob("*.yaml")):
        for located in load_canvas(path).compiled.questions.values():
            question = located.question
            if getattr(question, "example", None) and not getattr(question, "placeholder", None):
                for lang in ("de", "en"):
                    assert placeholder(question, lang).startswith(("z. B. ", "e.g. "))


def test_the_planspiel_offers_have_no_numbers_to_anchor_on() -> None:
    compiled = load_canvas(ROOT / "canvases" / "planspiel-fahrradgarage.yaml").compiled
    numbers = [q.question for q in compiled.questions.values() if isinstance(q.question, Number)]
    assert len(numbers) >= 6
    assert [q.id for q in numbers if q.example] == []
