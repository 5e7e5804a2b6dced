"""The report as a document: built once from a session, written as Markdown, HTML, PDF and Word.

A blank copy is a document too (report/blank.py): its questions carry space to answer in
(`Blank` with `WritingSpace`, `Choices`, `ShortAnswer`, `Scale`, `EmptyTable`), which each writer
draws its own way – lines on paper, cells to type into in Word.

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


@dataclass(frozen=True)
class WritingSpace:
    """Room to write an answer by hand across the width: `lines` lines, each a numbered entry
    when `numbered`."""

    lines: int
    numbered: bool = False


@dataclass(frozen=True)
class Choices:
    """Options to tick: a circle where one is chosen, a box where `several` may be."""

    labels: list[str]
    several: bool = False

    @property
    def inline(self) -> bool:
        """Whether a few short options fit on one line (○ Ja ○ Nein) instead of one line each."""
        return len(self.labels) <= 3 and all(len(label) <= 12 for label in self.labels)


@dataclass(frozen=True)
class ShortAnswer:
    """A short line for a number or a date, `width_mm` long on paper; `after` follows it (the
    unit, or the date's shape: TT.MM.JJJJ)."""

    after: str = ""
    width_mm: int = 50


@dataclass(frozen=True)
class Scale:
    """Points to choose one of, left to right; `labels` has the words for each (or "")."""

    points: list[str]
    labels: list[str]


@dataclass(frozen=True)
class Column:
    """A column of an empty table: free text, a `number`, or `options` to tick (`several`)."""

    label: str
    options: list[str] | None = None
    several: bool = False
    number: bool = False


@dataclass(frozen=True)
class EmptyTable:
    """A table to fill in: its column heads and `rows` empty rows."""

    columns: list[Column]
    rows: int

    @property
    def wide(self) -> bool:
        """Too many columns to write in on an upright A4 page: printed on a page turned on its
        side."""
        return len(self.columns) > WIDE_COLUMNS


WIDE_COLUMNS = 5
"""An empty table with more columns goes on a landscape page."""


@dataclass(frozen=True)
class Fields:
    """Labelled lines to fill in (organisation, author, date); the fields of one row stand side
    by side on paper, each `width_mm` long."""

    rows: list[list[tuple[str, int]]]


@dataclass(frozen=True)
class Guidance:
    """A note for the facilitator, set apart; only in a trainer's copy."""

    label: str
    text: str


@dataclass(frozen=True)
class Blank:
    """A question of a blank copy and the space to answer it, kept together on paper.

    `marks` says what kind of answer it takes (required, one or several); `notes` are its
    condition, help and example; `blocks` a facilitator's `Guidance`, then the answer space.
    """

    number: str
    label: str
    marks: str
    notes: list[Line]
    blocks: list[Block]


FormBlock = WritingSpace | Choices | ShortAnswer | Scale | EmptyTable | Fields | Guidance | Blank
"""The blocks of a blank copy."""
Block = Prose | Line | Items | Facts | Grid | Rating | Figure | Heading | Question | FormBlock


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
    mark: str = ""
    """Said at the head of every page (a trainer's copy: not to be handed out)."""
