"""A draft edited by hand may hold answers of the wrong type; the filling screen shows them as
unreadable or off the scale, never as Python writes them, and opening it changes nothing."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static, TextArea

from kosi_tui.faces.tui.app import KosiApp, Start
from kosi_tui.faces.tui.widgets.question import QuestionWidget
from kosi_tui.storage.draft_file import load_draft
from tests.app.driver import EXAMPLE, fill_screen

EDITS = {
    "  basis.organisation: Stadt Musterstadt, Dezernat Stadtentwicklung\n": (
        "  basis.organisation: {name: Stadt Musterstadt}\n"
    ),
    # (.nan is refused when the draft is read: see test_draft_file.py)
    "  basis.einwohner: 120000\n": "  basis.einwohner: 120.000 Menschen\n",
    "  basis.datum: 2027-03-15\n": "  basis.datum: true\n",
    "  anlass.themenfelder:\n  - mobilitaet\n": "  anlass.themenfelder:\n  - {id: mobilitaet}\n",
    "  mandat.rueckendeckung: 4\n": "  mandat.rueckendeckung: 9\n",
    "  mandat.freiraum: 3\n": "  mandat.freiraum: {stufe: 3}\n",
}
PYTHON = ("{'", "nan", "True", "None", "9 von 5")


def screen_texts(widget: QuestionWidget) -> str:
    """Everything the question shows: its lines and what its fields hold."""
    parts = [str(s.render()) for s in widget.query(Static)]
    parts += [i.value for i in widget.query(Input)]
    parts += [a.text for a in widget.query(TextArea)]
    return "\n".join(parts)


async def test_answers_of_the_wrong_type_show_no_python_values(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in EDITS.items():
        assert old in text
        text = text.replace(old, new)
    draft = tmp_path / "entwurf.yaml"
    draft.write_text(text, encoding="utf-8")
    before = load_draft(draft).answers
    app = KosiApp("de", Start("draft", draft))
    async with app.run_test(size=(100, 40)) as pilot:
        screen = fill_screen(pilot)
        await screen.ready.wait()
        seen = {}
        for section, keys in (
            ("basis.organisation", ["basis.organisation", "basis.einwohner", "basis.datum"]),
            ("anlass.themenfelder", ["anlass.themenfelder"]),
            ("mandat.rueckendeckung", ["mandat.rueckendeckung", "mandat.freiraum"]),
        ):
            await screen.jump_to_question(section)
            await pilot.pause()
            for widget in screen.query(QuestionWidget):
                if widget.key in keys:
                    seen[widget.key] = screen_texts(widget)
        assert len(seen) == 6
        for key, shown in seen.items():
            for python in PYTHON:
                assert python not in shown, (key, python, shown)
        assert seen["basis.organisation"].count("Stadt Musterstadt") == 0
        assert "9 – außerhalb der Skala von 1 bis 5" in seen["mandat.rueckendeckung"]
        assert "(nicht lesbar)" in seen["mandat.freiraum"]
        assert "Bitte geben Sie eine ganze Zahl ein" in seen["basis.einwohner"]
        # Nothing was replaced by what the fields show: the draft keeps the hand-edited values.
        answers = screen.filling.session.answers
        assert answers["basis.einwohner"] == "120.000 Menschen"
        assert answers["basis.organisation"] == {"name": "Stadt Musterstadt"}
        assert answers["basis.datum"] is True
        assert answers["anlass.themenfelder"][0] == {"id": "mobilitaet"}
        # No field put an answer of its own in place of one it cannot show.
        assert {k: repr(v) for k, v in answers.items()} == {k: repr(v) for k, v in before.items()}
        await pilot.press("ctrl+q")
