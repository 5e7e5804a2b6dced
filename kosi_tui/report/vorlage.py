"""The decision paper (Beschlussvorlage) as a document: Betreff, Beschlussvorschlag, Sachverhalt,
Finanzielle Auswirkungen and Beratungsfolge, written from the answers the canvas's
`decision_paper` names, with the canvas report appended as its attachment.

Word is what offices use (they paste the text into their council information system's
template), but it is one document like the report, so every writer makes it. An answer that is
missing is printed as "[noch offen]" where it belongs, never guessed; the attachment starts on a
page of its own, so the paper and the report can be parted where one system wants them apart.
"""

from __future__ import annotations

import datetime as dt

from kosi_tui.core.answers import Draft
from kosi_tui.core.canvas import DecisionPaper, PaperFinance, PaperText
from kosi_tui.core.numbers import format_date
from kosi_tui.core.session import Session
from kosi_tui.core.text import localize
from kosi_tui.i18n import t
from kosi_tui.report.answer_blocks import table_grid
from kosi_tui.report.build import build_report, report_footer
from kosi_tui.report.document import Block, Document, Facts, Grid, Items, Line, Part, Prose
from kosi_tui.report.vorlage_money import Money, euro, money, percent
from kosi_tui.report.vorlage_text import entry_text, paper_facts


def _paragraphs(session: Session, entries: list[PaperText], lang: str) -> list[Block]:
    return [Prose(text) for e in entries if (text := entry_text(session, e, lang)) is not None]


def _amount(value: float | None, figures: Money, lang: str) -> str:
    return t("vorlage.open", lang) if value is None else euro(value, figures.unit, lang)


def cost_grid(figures: Money, year_label: str, lang: str) -> Grid:
    """The costs by year: a row a year, a column per kind of cost and their sum, a total row."""
    header = [year_label, *figures.labels, t("vorlage.sum", lang)]
    rows = [
        [y.year or t("vorlage.open", lang)]
        + [_amount(a, figures, lang) for a in y.amounts]
        + [_amount(y.total, figures, lang)]
        for y in figures.years
    ]
    total = [t("vorlage.total", lang)] + [
        _amount(v, figures, lang) for v in [*figures.column_totals, figures.total]
    ]
    return Grid(header, rows, frozenset(range(1, len(header))), total)


def funding_grid(figures: Money, lang: str) -> Grid:
    """Own budget against grants, each with its share of the total."""
    share = figures.own_share
    own_share = "" if share is None else f"{percent(share, lang)} %"
    grants_share = "" if share is None else f"{percent(round(100 - share, 1), lang)} %"
    rows = [
        [t("vorlage.own", lang), _amount(figures.own, figures, lang), own_share],
        [t("vorlage.grants", lang), _amount(figures.grants, figures, lang), grants_share],
    ]
    total = [
        t("vorlage.total", lang),
        _amount(figures.total, figures, lang),
        "100 %" if share is not None else "",
    ]
    header = [t("vorlage.source", lang), t("vorlage.amount", lang), t("vorlage.share", lang)]
    return Grid(header, rows, frozenset({1, 2}), total)


def _finance(session: Session, finance: PaperFinance, lang: str) -> list[Block]:
    figures = money(session, finance, lang)
    located = session.compiled.questions.get(finance.costs)
    year_label = finance.year
    if located is not None and hasattr(located.question, "column"):
        column = located.question.column(finance.year)
        year_label = localize(column.label, lang) if column is not None else finance.year
    blocks: list[Block] = []
    if figures.years:
        blocks.append(Line(t("vorlage.costs_intro", lang), "strong"))
        blocks.append(cost_grid(figures, year_label, lang))
    else:
        label = localize(located.question.label, lang) if located is not None else finance.costs
        blocks.append(Line(t("vorlage.open_question", lang, question=label)))
    if finance.grants is not None:
        blocks.append(Line(t("vorlage.funding", lang), "strong"))
        blocks.append(funding_grid(figures, lang))
        if figures.own is not None and figures.own < 0:
            blocks.append(Line(t("vorlage.grants_exceed", lang), "note"))
    notes = paper_facts(session, finance.notes, lang)
    if notes:
        blocks.append(Facts(notes))
    return blocks


def _consultation(session: Session, key: str, lang: str) -> list[Block]:
    located = session.compiled.questions.get(key)
    value = session.value(key)
    if located is None or not hasattr(located.question, "columns") or not value:
        return [Line(t("vorlage.no_consultation", lang))]
    return [table_grid(located.question, value, lang)]  # type: ignore[arg-type]


def _paper_parts(
    session: Session, paper: DecisionPaper, draft: Draft | None, lang: str, today: dt.date
) -> list[Part]:
    canvas = session.compiled.canvas
    title = localize(paper.title, lang) if paper.title else t("vorlage.title", lang)
    stand = format_date((draft.updated.date() if draft is not None else today), lang)
    head: list[Block] = []
    facts = paper_facts(session, paper.head, lang)
    if facts:
        head.append(Facts(facts))
    head.append(Line(t("vorlage.draft_note", lang, canvas=localize(canvas.title, lang),
                       date=stand), "note"))  # fmt: skip
    parts = [Part(title, head, kind="head")]
    subject = entry_text(session, paper.subject, lang) or t("vorlage.open", lang)
    parts.append(Part(t("vorlage.subject", lang), [Line(subject, "strong")], kind="paper"))
    parts.append(
        Part(
            t("vorlage.resolution", lang),
            _paragraphs(session, paper.resolution, lang),
            kind="paper",
        )
    )
    if paper.facts:
        parts.append(
            Part(t("vorlage.facts", lang), _paragraphs(session, paper.facts, lang), kind="paper")
        )
    if paper.finance is not None:
        parts.append(
            Part(t("vorlage.finance", lang), _finance(session, paper.finance, lang), kind="paper")
        )
    if paper.consultation is not None:
        blocks = _consultation(session, paper.consultation, lang)
        parts.append(Part(t("vorlage.consultation", lang), blocks, kind="paper"))
    attachment = t("vorlage.attachment", lang, title=localize(canvas.title, lang))
    parts.append(Part(t("vorlage.attachments", lang), [Items([attachment])], kind="paper"))
    return parts


def build_vorlage(
    session: Session, draft: Draft | None, lang: str, today: dt.date | None = None
) -> Document | None:
    """The decision paper with the report as its attachment; None when the canvas declares no
    decision paper."""
    paper = session.compiled.canvas.decision_paper
    if paper is None:
        return None
    today = today or dt.date.today()
    parts = _paper_parts(session, paper, draft, lang, today)
    report = build_report(session, draft, lang, today)
    # The report's title block becomes the attachment's first heading, on a page of its own.
    first, *rest = report.parts
    attachment = t("vorlage.attachment", lang, title=report.title)
    parts.append(Part(attachment, first.blocks, new_page=True, kind="attachment"))
    parts += rest
    title = localize(paper.title, lang) if paper.title else t("vorlage.title", lang)
    return Document(
        title,
        lang,
        report_footer(session, draft, lang, today),
        parts,
        author=report.author,
        created=report.created,
        updated=report.updated,
    )
