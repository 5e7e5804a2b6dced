"""The workshop summary of a group canvas: the merged negotiation table of every round and the
group's figures, computed once over all drafts – never a mean of figures per draft, which for a
game says nothing (the mean of six parties' funding gaps is no gap of anyone's)."""

from __future__ import annotations

from kosi_tui.core.text import localize
from kosi_tui.i18n import t
from kosi_tui.report.debrief import figures_grid, round_grid
from kosi_tui.report.document import Block, Heading, Items, Line, Part
from kosi_tui.report.game import game_from_workshop, round_notices
from kosi_tui.report.markdown_text import escape
from kosi_tui.report.workshop import Workshop
from kosi_tui.report.write_markdown import block_lines


def group_parts(workshop: Workshop, lang: str) -> list[Part]:
    """Per round the merged table with its Σ row and flags, then the group's figures."""
    game = game_from_workshop(workshop)
    group = game.compiled.canvas.group
    assert group is not None
    results = game.rounds()
    blocks: list[Block] = []
    for result in results:
        title = t("board.round", lang, n=result.index + 1, total=len(group.rounds),
                  title=localize(result.round.title, lang)).strip()  # fmt: skip
        blocks += [Heading(title), round_grid(game, result, lang)]
        flags = [localize(f.message, lang) for f in result.flags]
        blocks.append(Items(flags) if flags else Line(t("board.no_flags", lang), "note"))
        left_out = round_notices(game, result, lang)
        if left_out:
            blocks.append(Items(left_out))
    if game.duplicates:
        files = [", ".join(p.name for p in d.paths) for d in game.duplicates]
        blocks.append(Items([t("group.duplicate", lang, files=f) for f in files]))
    # The rounds' columns of offers fit across a landscape page only (as in the debrief).
    return [
        Part(t("debrief.rounds_title", lang), blocks, landscape=True),
        Part(t("debrief.across", lang), [figures_grid(game, results, lang)]),
    ]


def group_lines(workshop: Workshop, lang: str) -> list[str]:
    """The group's parts as Markdown lines (see `group_parts`)."""
    lines: list[str] = []
    for part in group_parts(workshop, lang):
        lines += ["", f"## {escape(part.title)}"]
        for block in part.blocks:
            lines += block_lines(block)
    return lines
