"""Where kosi runs, and what a person may do there.

kosi runs on one's own computer, or for one participant of a workshop served from the trainer's
laptop (`kosi serve --workshop FOLDER`), where everyone's drafts lie in one folder on a machine
that is not theirs. The screens ask the workplace what is allowed – list drafts, offer the names
typed last time, open a file, save elsewhere, write an export to disk – instead of checking for a
workshop folder each in its own way. A new way of working (the browser form) is one more class.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from kosi_tui.storage import resume_codes


@dataclass(frozen=True)
class Workplace:
    """The rules of one workplace; subclasses say them as class attributes."""

    folder: Path | None = None
    """Where new drafts go; None for the person's own drafts folder."""

    lists_drafts: ClassVar[bool]
    """The start page lists the drafts saved here and opens them by choice."""
    remembers_names: ClassVar[bool]
    """A new draft offers the organisation and name typed last time."""
    names_drafts_by_author: ClassVar[bool]
    """The name is required and the draft's file is named after it."""
    takes_resume_codes: ClassVar[bool]
    """A new draft gets a resume code; typing it reopens that draft and no other."""
    exports_as_downloads: ClassVar[bool]
    """Exports go to the person's own device; nobody types a path on this machine."""
    offers_save_elsewhere: ClassVar[bool]
    """When saving fails, the person may choose another file (F2)."""

    def may_open(self, resumed: bool) -> bool:
        """Whether a draft may be opened by its path (`resumed`: the path came from a resume code)."""
        return self.lists_drafts or resumed

    def new_resume_code(self, draft: Path) -> str | None:
        """A fresh resume code for `draft`, recorded where the draft lies; None where there are none."""
        return None

    def draft_for_code(self, code: str) -> Path | None:
        """The draft a resume code was made for; None for any other text."""
        return None


@dataclass(frozen=True)
class OwnComputer(Workplace):
    """One person at their own computer: their drafts, their names, files where they like."""

    lists_drafts = True
    remembers_names = True
    names_drafts_by_author = False
    takes_resume_codes = False
    exports_as_downloads = False
    offers_save_elsewhere = True


@dataclass(frozen=True)
class Workshop(Workplace):
    """One participant of a served workshop: the drafts of others stay invisible, every draft is
    saved under its author's name in the workshop folder, and one's own comes back by code."""

    lists_drafts = False
    remembers_names = False
    names_drafts_by_author = True
    takes_resume_codes = True
    exports_as_downloads = True
    offers_save_elsewhere = False

    def new_resume_code(self, draft: Path) -> str | None:
        return resume_codes.new_resume_code(draft)

    def draft_for_code(self, code: str) -> Path | None:
        return None if self.folder is None else resume_codes.draft_for_code(self.folder, code)


def workplace_for(workshop: Path | None) -> Workplace:
    """The workplace for a run: a workshop folder makes it a served workshop's."""
    return OwnComputer() if workshop is None else Workshop(workshop)
