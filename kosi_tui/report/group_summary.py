"""The workshop summary of a group canvas: the merged negotiation table of every round and the
group's figures, computed once over all drafts – never a mean of figures per draft, which for a
game says nothing (the mean of six parties' funding gaps is no gap of anyone's)."""

from __future__ import annotations

from kosi_tui.core.text import localize
from kosi_tui.i18n import t
from kosi_tui.report.debrief import figures_grid, round_grid
from kosi_tui.report.document import Heading, Items, Line
from kosi_tui.report.game import game_from_workshop, round_notices
from kosi_tui.report.markdown_text import escape
from kosi_tui.report.workshop import Workshop
from kosi_tui.report.write_markdown import block_lines


def group_lines(workshop: Workshop, lang: str) -> list[str]:
    """Markdown lines: per round the merged table with its Σ row and flags, then the figures."""
    game = game_from_workshop(workshop)
    group = game.compiled.canvas.group
    assert group is not None
    results = game.rounds()
    lines = ["", f"## {escape(t('debrief.rounds_title', lang))}"]
    for result in results:
        title = t("board.round", lang, n=result.index + 1, total=len(group.rounds),
                  title=localize(result.round.title, lang)).strip()  # fmt: skip
        lines += block_lines(Heading(title))
        lines += block_lines(round_grid(game, result, lang))
        flags = [localize(f.message, lang) for f in result.flags]
        lines += block_lines(Items(flags) if flags else Line(t("board.no_flags", lang), "note"))
        left_out = round_notices(game, result, lang)
        if left_out:
            lines += block_lines(Items(left_out))
    if game.duplicates:
        files = [", ".join(p.name for p in d.paths) for d in game.duplicates]
        lines += block_lines(Items([t("group.duplicate", lang, files=f) for f in files]))
    lines += ["", f"## {escape(t('debrief.across', lang))}"]
    lines += block_lines(figures_grid(game, results, lang))
    return lines
