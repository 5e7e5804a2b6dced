"""A section is drawn once the questions in view are mounted; the rest follow right after, and
keys typed meanwhile wait for them, so that Tab goes on from question to question and not to
"Weiter" below the part drawn first."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events

from kosi_tui.faces.tui.app import KosiApp, Start
from kosi_tui.faces.tui.key_order import KeyOrder
from kosi_tui.faces.tui.widgets.question import QuestionWidget
from tests.app.test_keys_at_once import settled
from tests.app.test_type_ahead import draft_at

TABS = 12


async def test_tabs_right_after_a_section_change_go_through_its_later_questions(
    tmp_path: Path,
) -> None:
    # Section 8 ("ressourcen") has 21 questions; at 80x24 about four are in view.
    draft = draft_at(tmp_path, "organisation", "form", ["organisation.form"])
    app = KosiApp("de", Start("draft", draft))
    mounted_when_drawn: list[int] = []
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await settled(pilot)
        await screen.ready.wait()
        later = screen._mount_later

        async def counted(shown: int, rest: list[QuestionWidget]) -> None:
            mounted_when_drawn.append(len(screen.query(QuestionWidget)))
            await later(shown, rest)

        screen._mount_later = counted  # type: ignore[method-assign,assignment]
        app.post_message(events.Key("f8", None))
        for _ in range(TABS):
            app.post_message(events.Key("tab", None))
        screen = await settled(pilot)
        assert screen.current_section.id == "ressourcen"
        questions = list(screen.query(QuestionWidget))
        assert len(questions) == len(screen.current_section.questions)
        # The section was drawn with a part of its questions, the rest mounted after.
        assert mounted_when_drawn and mounted_when_drawn[0] < len(questions) // 2
        # Each Tab went one field on, in the section as it stands once complete.
        chain = screen.focus_chain
        first = next(w for w in questions if w.display)
        start = next(i for i, w in enumerate(chain) if first in w.ancestors_with_self)
        assert app.focused is chain[start + TABS]


async def test_typing_right_after_a_section_change_lands_in_order(tmp_path: Path) -> None:
    """While the rest of a section is mounted, characters go into the field in view and Tab
    goes on to the next question, however fast they come."""
    draft = draft_at(tmp_path, "organisation", "form", ["ressourcen.budget"])
    app = KosiApp("de", Start("draft", draft))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await settled(pilot)
        await screen.ready.wait()
        await screen.jump_to_section(7)
        # The rest of the section is not mounted yet.
        assert len(screen.query(QuestionWidget)) < len(screen.current_section.questions)
        for key, char in (("1", "1"), ("2", "2"), ("tab", None)):
            app.post_message(events.Key(key, char))
        screen = await settled(pilot)
        assert screen.filling.session.answers["ressourcen.budget"] == 12
        sources = screen.query_one("#q-ressourcen--quellen", QuestionWidget)
        assert app.focused is not None and sources in app.focused.ancestors


def test_keys_are_held_until_the_last_hold_is_released() -> None:
    class App:
        def __init__(self) -> None:
            self.later: list[object] = []

        def call_later(self, callback: object) -> bool:
            self.later.append(callback)
            return True

    app = App()
    order = KeyOrder(app, lambda _event: pytest.fail("no key is delivered"))  # type: ignore[arg-type]
    order.hold()
    order.hold()
    order._waiting.append(events.Key("tab", None))
    order.release()
    assert app.later == []  # one hold is still on
    order.release()
    assert app.later == [order._hand_out]
    order.release()  # one release too many changes nothing
    assert len(app.later) == 1
