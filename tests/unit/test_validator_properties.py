"""The validator answers any value with issues, never with an exception."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kosi_tui.core.session import Session
from kosi_tui.storage.canvas_file import load_canvas
from tests.conftest import DATA

COMPILED = load_canvas(DATA / "good" / "minimal.yaml").compiled

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.dates(min_value=dt.date(1900, 1, 1)),
    st.sampled_from(["rat", "keins", "mobil", "kommune"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.sampled_from(["name", "sektor", "stunden", "x", "1"]), inner, max_size=4
        ),
    ),
    max_leaves=12,
)


@settings(deadline=None)
@given(st.sampled_from(sorted(COMPILED.questions)), VALUES, VALUES)
def test_any_value_gives_issues_not_exceptions(key: str, value: Any, other: Any) -> None:
    session = Session(COMPILED)
    session.set("akteure.tabelle", other)  # rules look at other answers, whatever they hold
    issues = session.check_value(key, value)
    for issue in issues:
        assert issue.message("de")
        assert issue.message("en")
    session.set(key, value)
    session.progress()
    session.raised_flags()
    for k in COMPILED.questions:
        session.issues(k)
