"""The report as a document: built once from a session, written as Markdown, HTML, PDF and Word.

Every text in it is plain text, as people typed it or the canvas says it; each writer makes it
safe for its own format where it lands (Markdown escapes, HTML entities, Typst string literals,
Word runs). No block carries markup.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kosi_tui.report.charts import Chart


@dataclass(frozen=True)
class Prose:
    """Text a person wrote: paragraphs and line breaks kept."""

    text: str


@dataclass(frozen=True)
class Line:
    """One line of text; `note` is set apart (italic), `strong` stands out."""

    text: str
    style: str = "plain"  # plain, note, strong


@dataclass(frozen=True)
class Items:
    """A list; `tick` makes it a checklist with an empty box per item."""

    items: list[str]
    tick: bool = False


@dataclass(frozen=True)
class Facts:
    """Label and value pairs, such as the title block; `keys` when the labels are file keys."""

    pairs: list[tuple[str, str]]
    keys: bool = False


@dataclass(frozen=True)
class Grid:
    """A table. `right` are the columns of amounts (right-aligned); `total` a closing sum row."""

    header: list[str]
    rows: list[list[str]]
    right: frozenset[int] = frozenset()
    total: list[str] | None = None


@dataclass(frozen=True)
class Rating:
    """A point on a scale: drawn as points on paper, written as text elsewhere."""

    value: int
    low: int
    high: int
    text: str


@dataclass(frozen=True)
class Figure:
    """A chart; `caption` says in words what it shows (also the text alternative)."""

    chart: Chart
    caption: str


@dataclass(frozen=True)
class Heading:
    """A heading inside a part."""

    text: str


@dataclass(frozen=True)
class Question:
    """A question and its answer, kept together on paper."""

    label: str
    blocks: list[Block]


Block = Prose | Line | Items | Facts | Grid | Rating | Figure | Heading | Question


@dataclass
class Part:
    """A chapter: the title block, "Auf einen Blick", a section, the evaluation, the appendix.

    `number` is the section's number as the canvas counts; `new_page` starts it on a new page.
    """

    title: str
    blocks: list[Block] = field(default_factory=list)
    number: int | None = None
    new_page: bool = False
    kind: str = "section"  # head, glance, section, evaluation, appendix, paper, attachment
    landscape: bool = False
    """Printed on pages turned on their side (on pages of its own): for tables too wide for
    portrait."""


@dataclass
class Document:
    """A whole report."""

    title: str
    lang: str
    footer: str
    parts: list[Part]
    author: str = ""
    """Who wrote what it reports (a draft's author or organisation): the file's author."""
    created: dt.datetime | None = None
    """When that was begun and last changed: the file's dates (None: when it is written)."""
    updated: dt.datetime | None = None
    compact: bool = False
    """Table rows on paper as high as their text, for a document only read (a workshop's
    summary), instead of at least 10 mm."""
