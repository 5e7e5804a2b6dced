"""The draft: a person's answers to one canvas, with what identifies the canvas and the session."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from kosi_tui.i18n.locales import Lang, known

ANSWERS_FORMAT = "kosi-answers/1"

AnswerKey = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")]
"""`section.question`."""


class CanvasRef(BaseModel):
    """Which canvas the answers belong to, and the exact file they were given against."""

    model_config = ConfigDict(extra="forbid")

    id: str
    version: str
    sha256: str = ""
    title: str = ""
    """The canvas title at the time, so a summary can name a canvas it no longer finds."""


class Position(BaseModel):
    """Where the person last was, to resume there."""

    model_config = ConfigDict(extra="forbid")

    section: str | None = None
    question: str | None = None


class Draft(BaseModel):
    """One person's answers to one canvas."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["kosi-answers/1"] = "kosi-answers/1"
    id: str = ""
    """Stays the same for the life of the draft, whatever the file is called: two files with one
    id are two versions of one draft. Empty in drafts written before ids existed."""
    canvas: CanvasRef
    lang: Lang = "de"
    author: str = ""
    organisation: str = ""
    created: dt.datetime
    updated: dt.datetime
    position: Position = Field(default_factory=Position)
    answers: dict[AnswerKey, Any] = Field(default_factory=dict)
    orphaned: dict[str, Any] = Field(default_factory=dict)
    """Answers to questions the canvas no longer has: kept, never silently dropped."""


def new_draft_id() -> str:
    """A fresh, practically unique draft id."""
    return uuid.uuid4().hex


def now() -> dt.datetime:
    """The current local time with its offset, to the second."""
    return dt.datetime.now().astimezone().replace(microsecond=0)


def new_draft(
    canvas_id: str,
    version: str,
    sha256: str,
    title: str,
    lang: str = "de",
    author: str = "",
    organisation: str = "",
    answers: dict[str, Any] | None = None,
) -> Draft:
    """A fresh draft for a canvas."""
    stamp = now()
    return Draft(
        id=new_draft_id(),
        canvas=CanvasRef(id=canvas_id, version=version, sha256=sha256, title=title),
        lang=known(lang),
        author=author,
        organisation=organisation,
        created=stamp,
        updated=stamp,
        answers=dict(answers or {}),
    )
