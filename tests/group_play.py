"""A five-role, three-round game of the Planspiel, played through the engine (`Filling`), for the
tests of the group figures, the board, the served board and the documents.

The offers, and the figures a trainer would work out by hand from them:

Constants: investment 14,000 €, 10 years, running 600 €, reserve 300 €, land 12 m² at 30 €,
work 4 h a month at 20 € → annual cost 1,400 + 600 + 300 + 360 + 960 = 3,620 €, of which
2,220 € running costs without the replacement (1,400 €).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kosi_tui.faces.filling import Filling
from kosi_tui.paths import bundled_canvases
from kosi_tui.storage.canvas_file import LoadedCanvas, load_canvas

CANVAS = bundled_canvases() / "planspiel-fahrradgarage.yaml"

PLAYERS = {
    "stadt": ("Stadt Musterstadt", "Erika Amt"),
    "bezirk": ("Bezirksvertretung Innenstadt", "Bernd Bezirk"),
    "wohnen": ("Wohnungsgenossenschaft Nordstadt", "Wiebke Wohnen"),
    "verein": ("Mobiles Viertel e. V.", "Vera Verein"),
    "nutzende": ("Anwohnende", "Nils Nutzer"),
}

OFFERS: list[dict[str, dict[str, Any]]] = [
    {  # Round 1: first offers, nobody hosts, nobody carries risk.
        "stadt": {"stand": "angebot", "flaeche_m2": 12, "bedingung": "Eine Trägerin mit Versicherung"},
        "bezirk": {"stand": "angebot", "geld_einmalig": 4000},
        "wohnen": {"stand": "angebot", "geld_einmalig": 2000, "nutzen": "Keine Räder im Treppenhaus"},
        "verein": {"stand": "angebot", "geld_einmalig": 500, "stunden": 4, "aufgaben": ["betrieb"]},
        "nutzende": {"stand": "angebot", "geld_laufend": 1152},
    },
    {  # Round 2: the city puts in money, the association hosts, the deficit is shared.
        "stadt": {"stand": "angebot", "geld_einmalig": 2000, "flaeche_m2": 12},
        "bezirk": {"stand": "angebot", "geld_einmalig": 6000},
        "wohnen": {"stand": "angebot", "geld_einmalig": 2500, "defizit_anteil": 30, "defizit_max": 300},
        "verein": {
            "stand": "angebot", "geld_einmalig": 500, "stunden": 6,
            "aufgaben": ["traeger", "betrieb", "versicherung"],
            "defizit_anteil": 40, "defizit_max": 200,
        },
        "nutzende": {
            "stand": "angebot", "geld_einmalig": 1200, "geld_laufend": 1440, "stunden": 1,
            "defizit_anteil": 30, "defizit_max": 360,
        },
    },
    {  # Round 3: binding commitments; the investment is covered, the replacement not quite;
       # whoever pays now has a say in something.
        "bezirk": {"stand": "zusage", "geld_einmalig": 6000, "mitentscheiden": ["standort"]},
        "stadt": {"stand": "zusage", "geld_einmalig": 2000, "flaeche_m2": 12,
                  "mitentscheiden": ["standort", "ausstieg"]},
        "wohnen": {
            "stand": "zusage", "geld_einmalig": 3100, "geld_laufend": 300,
            "defizit_anteil": 30, "defizit_max": 300, "mitentscheiden": ["vergabe"],
        },
        "verein": {
            "stand": "zusage", "geld_einmalig": 500, "stunden": 4,
            "aufgaben": ["traeger", "betrieb", "versicherung"],
            "defizit_anteil": 40, "defizit_max": 200,
            "mitentscheiden": ["entgelt", "vergabe", "ruecklage"],
        },
        "nutzende": {
            "stand": "zusage", "geld_einmalig": 2400, "geld_laufend": 1800,
            "defizit_anteil": 30, "defizit_max": 360, "mitentscheiden": ["entgelt"],
        },
    },
]  # fmt: skip

SECTIONS = ["runde_1", "runde_2", "runde_3"]


def canvas() -> LoadedCanvas:
    """The Planspiel canvas."""
    return load_canvas(CANVAS)


def join(folder: Path, role: str) -> Filling:
    """A participant starts a draft in the workshop folder and takes `role`."""
    organisation, author = PLAYERS[role]
    filling = Filling.start(canvas(), organisation, author, "de", folder=folder)
    filling.set_answer("rolle.rolle", role)
    save(filling)
    return filling


def offer(filling: Filling, round_index: int, answers: dict[str, Any], submit: bool = True) -> None:
    """Types one round's offer into the draft and saves it; with `submit`, gives it in
    ("Angebot abgeben?" Ja)."""
    if submit:
        answers = {**answers, "abgeben": answers.get("abgeben", True)}
    for key, value in answers.items():
        filling.set_answer(f"{SECTIONS[round_index]}.{key}", value)
    save(filling)


def save(filling: Filling) -> None:
    """Saves, failing loudly: a game whose drafts were not written tests nothing."""
    result = filling.save()
    assert result.error is None, result.error


def play_all(folder: Path) -> dict[str, Filling]:
    """Every role joins and submits all three rounds."""
    fillings = {role: join(folder, role) for role in PLAYERS}
    for index, offers in enumerate(OFFERS):
        for role, answers in offers.items():
            offer(fillings[role], index, answers)
    return fillings


def revealed_first_round(folder: Path) -> None:
    """The trainer has revealed round 1 (sealed in the canvas): the board shows its amounts."""
    from kosi_tui.storage.round_state import RoundState, write_state

    write_state(folder, RoundState("planspiel_fahrradgarage", 0, [], [0]))
