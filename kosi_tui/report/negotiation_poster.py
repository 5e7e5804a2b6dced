"""The negotiation table as a poster (A3, or A1 for the wall): one row per party, the group's
columns, a Σ row, and under it the figures – the investment, the annual cost and the gaps.

Blank, it is the table the group fills in with markers: each role has its row, and the figures
that follow from the game's values alone (depreciation, annual cost) are printed, the others
left open. Filled, it shows one round of a workshop.
"""

from __future__ import annotations

from kosi_tui.core.compiled import CompiledCanvas
from kosi_tui.core.expr.nodes import Ref, walk
from kosi_tui.core.group import RoundResult, amount_text, constants, play_round, role_name
from kosi_tui.core.group_canvas import Group
from kosi_tui.core.group_checks import is_participants
from kosi_tui.core.text import localize
from kosi_tui.i18n import t
from kosi_tui.report.debrief import round_grid
from kosi_tui.report.game import Game
from kosi_tui.report.typst_text import array as _array
from kosi_tui.report.typst_text import compile_typst, lit
from kosi_tui.report.write_pdf import TEMPLATE, column_weights

POSTER_PAPERS = {"A4": ("a4", 0.73), "A3": ("a3", 1.0), "A1": ("a1", 2.0)}
"""Paper and how much larger than on A3 the text is set."""


def fixed_figures(compiled: CompiledCanvas) -> set[str]:
    """The figures that follow from the game's values alone, not from anyone's offer."""
    group = compiled.canvas.group
    assert group is not None
    fixed: set[str] = set()
    for figure in group.figures:
        node = compiled.group.get(f"figures.{figure.id}")
        if node is None:
            continue
        refs = [n for n in walk(node) if isinstance(n, Ref)]
        if not any(is_participants(r) for r in refs) and all(
            r.key[8:] in fixed for r in refs if r.key.startswith("figures.")
        ):
            fixed.add(figure.id)
    return fixed


def _figures(compiled: CompiledCanvas, group: Group, result: RoundResult | None, lang: str) -> str:
    values = result.figures if result is not None else play_round(compiled, [], 0).figures
    fixed = fixed_figures(compiled)
    cells = []
    for figure in group.figures:
        shown = figure.id in fixed or result is not None
        value = amount_text(values.get(figure.id), lang, figure.unit) if shown else ""
        strong = "true" if figure.id in group.across else "false"
        cells.append(
            f"figure-cell({lit(localize(figure.label, lang))}, {lit(value)}, "
            f"{lit(localize(figure.explain, lang))}, strong: {strong})"
        )
    rows = -(-len(cells) // 5)
    return f"grid(columns: (1fr,) * 5, rows: (1fr,) * {rows}, gutter: 3mm, {', '.join(cells)})"


PREAMBLE = """
#let figure-cell(label, value, explain, strong: false) = block(
  width: 100%, height: 100%, stroke: (if strong { 1.4pt } else { 0.6pt }) + ink, inset: 2.5mm, {
  text(weight: "bold", label)
  linebreak()
  text(1.8em, weight: "bold", value)
  linebreak()
  text(0.92em, fill: soft, explain)
})
"""


def poster_source(
    compiled: CompiledCanvas,
    lang: str,
    paper: str = "A3",
    game: Game | None = None,
    upto: int | None = None,
) -> str:
    """The poster as Typst source: blank without `game`, else the round `upto` (default the last)."""
    group = compiled.canvas.group
    assert group is not None, "the negotiation table needs a group canvas"
    size, scale = POSTER_PAPERS.get(paper, POSTER_PAPERS["A3"])
    title = localize(compiled.canvas.title, lang)
    result = game.rounds(upto)[-1] if game is not None else None
    if result is not None:
        grid = round_grid(game, result, lang) if game is not None else None
        assert grid is not None
        header, rows, total = grid.header, grid.rows, grid.total
        subtitle = t("board.round", lang, n=result.index + 1, total=len(group.rounds),
                     title=localize(result.round.title, lang)).strip()  # fmt: skip
        flags = [localize(f.message, lang) for f in result.flags]
    else:
        header = [t("board.col_party", lang)] + [
            localize(c.label, lang) + (f" ({localize(c.unit, lang)})" if c.unit else "")
            for c in group.table
        ]
        rows = [[role_name(r, lang)] + [""] * len(group.table) for r in group.roles]
        total = [t("report.total", lang)] + [""] * len(group.table)
        rounds = " · ".join(
            f"{i}. {localize(r.title, lang)}" for i, r in enumerate(group.rounds, start=1)
        )
        subtitle = t("poster_table.blank", lang) + " · " + rounds
        flags = []
    amounts = frozenset(i + 1 for i, c in enumerate(group.table) if c.total)
    if result is None:
        # Room to write by hand: texts wider than amounts, whatever the headers say.
        widths = [2.6] + [1.2 if c.total or c.unit else 2.2 for c in group.table]
    else:
        widths = column_weights(header, rows + ([total] if total else []), amounts)
    min_row = f"{(14 if result is None else 9) * scale:.0f}mm"
    table = (
        f"grid-table({_array([lit(h) for h in header])}, "
        f"{_array([_array([lit(c) for c in row]) for row in rows])}, "
        f"widths: {_array([f'{w:.2f}' for w in widths])}, "
        f"amounts: {_array([str(i) for i in sorted(amounts)])}, "
        + (f"total: {_array([lit(c) for c in total])}, " if total else "")
        + f"min-row: {min_row}, size: {11 * scale:.1f}pt)"
    )
    values = constants(compiled)
    basis = " · ".join(
        f"{localize(k.label, lang)} {amount_text(values[k.id], lang, k.unit)}"
        for k in group.constants
    )
    flag_lines = "".join(f'#text(fill: ink, weight: "bold", "⚠ " + {lit(f)})\\\n' for f in flags)
    return (
        TEMPLATE.read_text(encoding="utf-8")
        + PREAMBLE
        + f'\n#set page(paper: "{size}", flipped: true, margin: {10 * scale:.0f}mm)\n'
        + f'#set text(font: "Libertinus Serif", size: {12 * scale:.1f}pt, lang: {lit(lang)}, fill: ink)\n'
        + f"#set document(title: {lit(title)})\n"
        + "#grid(columns: (1fr, auto), align: (left + bottom, right + bottom), "
        + f'text({20 * scale:.0f}pt, weight: "bold", {lit(title)}), '
        + f"text({11 * scale:.0f}pt, fill: soft, {lit(subtitle)}))\n"
        + f"#v({3 * scale:.0f}mm)\n"
        + f"#{table}\n"
        + f"#v({2 * scale:.0f}mm)\n"
        + f"#text(fill: soft, {lit(basis)})\n"
        + f"#v({2 * scale:.0f}mm)\n"
        + flag_lines
        + f"#block(height: 1fr, {_figures(compiled, group, result, lang)})\n"
    )


def write_negotiation_poster(
    compiled: CompiledCanvas,
    lang: str,
    paper: str = "A3",
    game: Game | None = None,
    upto: int | None = None,
) -> bytes:
    """The poster as PDF bytes; raises `MissingExtra` without the `pdf` extra."""
    return bytes(compile_typst(poster_source(compiled, lang, paper, game, upto)))
