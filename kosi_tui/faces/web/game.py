"""A participant's Planspiel in the form: their role, the board's round, what was carried over,
the event cards played for them, their role card (private side included: it is their own page)
and the card's limits an offer goes beyond. What to show comes from `core/group_player.py`
through `faces/game_player.py`, as in the terminal app and plain mode."""

from __future__ import annotations

from kosi_tui.core.group import role_name
from kosi_tui.core.text import localize
from kosi_tui.faces.filling import Filling
from kosi_tui.faces.game_player import (
    GameNow,
    card_lines,
    event_lines,
    is_game,
    read_game_now,
    round_notes,
    view_of,
)
from kosi_tui.faces.web.page import e
from kosi_tui.i18n import t


def game_now(filling: Filling) -> GameNow:
    """The board's round and record in the draft's folder (read from disk: call in a thread)."""
    return read_game_now(filling.path.parent, filling.canvas.canvas.id)


def game_strip(filling: Filling, section_id: str, now: GameNow, lang: str) -> str:
    """The game above a section's questions; empty outside a group game."""
    if not is_game(filling):
        return ""
    view = view_of(filling, section_id, now)
    if view is None:
        return ""
    role = (
        t("game.your_role", lang, role=role_name(view.role, lang, short=True))
        if view.role is not None
        else t("game.no_role", lang)
    )
    first = [role]
    if view.board_round is not None:
        first.append(t("game.board_round", lang, n=view.board_round + 1, total=view.rounds))
    lines = [" · ".join(first)]
    lines += round_notes(view, lang)
    if view.carried and view.section_round:
        lines.append(t("web.game_carried", lang, n=view.section_round, count=len(view.carried)))
    lines += event_lines(view, lang)
    items = "".join(f"<li>{e(line)}</li>" for line in lines)
    beyond = "".join(
        f'<p class="error">{e(t("game.beyond", lang, message=localize(limit.message, lang)))} '
        f"{e(t('game.beyond_note', lang))}</p>"
        for limit in view.beyond
    )
    card = f'<a href="/form/role">{e(t("web.role_card_link", lang))}</a>' if view.role else ""
    return (
        f'<section class="game" aria-label="{e(t("web.game", lang))}"><ul>{items}</ul>'
        f"{card}{beyond}</section>"
    )


def role_page(filling: Filling, now: GameNow, lang: str) -> tuple[str, str]:
    """(title, body) of the participant's whole role card, private side included."""
    section = filling.draft.position.section or filling.session.compiled.canvas.sections[0].id
    view = view_of(filling, section, now)
    role = view.role if view is not None else None
    if role is None:
        title = t("game.card_title", lang, role="–")
        lines = [t("game.no_card", lang)]
    else:
        title = t("game.card_title", lang, role=localize(role.name, lang))
        lines = card_lines(role, lang)
    events = event_lines(view, lang) if view is not None else []
    items = "".join(f"<li>{e(line)}</li>" for line in lines)
    more = ""
    if events:
        more = (
            f"<h2>{e(t('game.events', lang))}</h2><ul>"
            + "".join(f"<li>{e(line)}</li>" for line in events)
            + "</ul>"
        )
    back = f'<p><a href="/form/s/{e(section)}">{e(t("web.back_to_questions", lang))}</a></p>'
    body = f'<h1>{e(title)}</h1><ul class="card">{items}</ul>{more}{back}'
    return f"{title} – kosi", body
