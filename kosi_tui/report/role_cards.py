"""Role cards for a group game, to print (A6, or A5): one card per role, front and back.

The front says who the role is, what it wants, brings and is bound by, and where it walks away;
the back carries what only this role knows, and the game's figures everyone plays with. Printed
on both sides, each card is one sheet. On A4 (an office printer) four A6 cards share a sheet,
with dashed lines to cut along: the fronts on one side, the backs on the next page with left and
right swapped, so that printed on both sides (turned on the long edge) each back lies behind its
front.
"""

from __future__ import annotations

from kosi_tui.core.compiled import CompiledCanvas
from kosi_tui.core.group import amount_text
from kosi_tui.core.group_canvas import Group, Role
from kosi_tui.core.text import localize
from kosi_tui.i18n import t
from kosi_tui.report.typst_text import compile_typst, lit

CARD_PAPERS = {"A6": ("a6", "9pt"), "A5": ("a5", "11pt")}

PREAMBLE = """
#let ink = luma(15%)
#let soft = luma(40%)
#let card-head(game, name) = block(width: 100%, fill: luma(90%), inset: 3mm, below: 4mm, {
  text(0.9em, fill: soft, game)
  linebreak()
  text(1.45em, weight: "bold", name)
})
#let entry(label, body) = block(below: 3mm, breakable: false, {
  text(weight: "bold", label)
  linebreak()
  body
})
#let walk-away(label, body) = block(width: 100%, stroke: 1.2pt + ink, inset: 2.5mm, {
  text(weight: "bold", label)
  linebreak()
  body
})
#let secret(label, body) = block(width: 100%, fill: luma(93%), inset: 3mm, below: 5mm, {
  text(weight: "bold", label)
  linebreak()
  body
})
"""


def _front(game: str, role: Role, lang: str) -> str:
    card = role.card
    entries = "".join(
        f"#entry({lit(t(key, lang))}, {lit(localize(text, lang))})\n"
        for key, text in (
            ("cards.who", card.who),
            ("cards.interests", card.interests),
            ("cards.resources", card.resources),
            ("cards.constraints", card.constraints),
        )
    )
    return (
        f"#card-head({lit(game)}, {lit(localize(role.name, lang))})\n"
        + entries
        + f"#walk-away({lit(t('cards.walk_away', lang))}, {lit(localize(card.walk_away, lang))})\n"
    )


def _back(group: Group, role: Role, lang: str) -> str:
    out = f"#card-head({lit(t('cards.back', lang))}, {lit(localize(role.name, lang))})\n"
    if role.card.private:
        secret = localize(role.card.private, lang)
        out += f"#secret({lit(t('cards.private', lang))}, {lit(secret)})\n"
    if group.constants:
        out += f"#entry({lit(t('cards.figures', lang))}, [])\n"
        for constant in group.constants:
            value = amount_text(constant.value, lang, constant.unit)
            out += f"#text({lit(localize(constant.label, lang))}): #h(1fr) #text({lit(value)})\\\n"
    rounds = "; ".join(
        f"{i}. {localize(r.title, lang)}" for i, r in enumerate(group.rounds, start=1)
    )
    out += f"#v(3mm)\n#entry({lit(t('cards.rounds', lang))}, {lit(rounds)})\n"
    return out


FOUR_UP = """
#let card(body) = block(width: 105mm, height: 148.5mm, inset: 7mm, body)
#let cut = (paint: luma(55%), thickness: 0.5pt, dash: "dashed")
#let sheet(..cards) = {
  place(top + left, dx: 105mm, line(length: 297mm, angle: 90deg, stroke: cut))
  place(top + left, dy: 148.5mm, line(length: 210mm, stroke: cut))
  grid(columns: (105mm, 105mm), rows: (148.5mm, 148.5mm), ..cards.pos().map(card))
}
"""


def _four_up(fronts: list[str], backs: list[str]) -> list[str]:
    """Sheets of four: the fronts, then their backs with left and right swapped (duplex)."""
    sheets = []
    for start in range(0, len(fronts), 4):
        front = fronts[start : start + 4] + [""] * (4 - len(fronts[start : start + 4]))
        back = backs[start : start + 4] + [""] * (4 - len(backs[start : start + 4]))
        mirrored = [back[1], back[0], back[3], back[2]]
        for side in (front, mirrored):
            sheets.append("#sheet(" + "".join(f"[\n{card}], " for card in side) + ")\n")
    return sheets


def cards_source(compiled: CompiledCanvas, lang: str, paper: str = "A6") -> str:
    """The cards as Typst source: for each role its front, then its back; on A4 four to a sheet."""
    group = compiled.canvas.group
    assert group is not None, "role cards need a group canvas"
    four_up = paper == "A4"
    size, font = (
        ("a4", CARD_PAPERS["A6"][1]) if four_up else CARD_PAPERS.get(paper, CARD_PAPERS["A6"])
    )
    game = localize(compiled.canvas.title, lang)
    fronts = [_front(game, role, lang) for role in group.roles]
    backs = [_back(group, role, lang) for role in group.roles]
    if four_up:
        pages = _four_up(fronts, backs)
    else:
        pages = [side for pair in zip(fronts, backs, strict=True) for side in pair]
    margin = "0mm" if four_up else "7mm"
    return (
        f'#set page(paper: "{size}", margin: {margin})\n'
        f'#set text(font: "Libertinus Serif", size: {font}, lang: {lit(lang)}, fill: luma(15%))\n'
        "#set par(justify: false, leading: 0.55em)\n"
        f"#set document(title: {lit(game)})\n"
        + PREAMBLE
        + (FOUR_UP if four_up else "")
        + "\n#pagebreak()\n".join(pages)
    )


def write_role_cards(compiled: CompiledCanvas, lang: str, paper: str = "A6") -> bytes:
    """The role cards as PDF bytes; raises `MissingExtra` without the `pdf` extra."""
    return bytes(compile_typst(cards_source(compiled, lang, paper)))
