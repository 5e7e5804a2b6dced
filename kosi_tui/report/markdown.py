"""The Markdown report of one filled canvas: the report document written as Markdown."""

from __future__ import annotations

import datetime as dt

from kosi_tui.core.answers import Draft
from kosi_tui.core.session import Session
from kosi_tui.report.build import build_report
from kosi_tui.report.write_markdown import write_markdown


def render_markdown(
    session: Session, draft: Draft | None, lang: str, today: dt.date | None = None
) -> str:
    """The report as canonical Markdown."""
    return write_markdown(build_report(session, draft, lang, today))
