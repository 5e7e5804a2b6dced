"""Three-way merge of answers: what another window or person changed in the same draft.

`base` is the version both sides started from (what this writer last read or wrote), `ours` what
is in memory, `theirs` what is in the file now. An answer changed on one side only is taken from
that side; an answer changed on both sides to different values is a conflict, for a person to
decide. Nothing is dropped silently.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Conflict:
    """One answer changed differently here and in the file."""

    key: str
    ours: Any
    theirs: Any


@dataclass
class Merged:
    """The merged answers; `taken` were changed elsewhere only, `conflicts` on both sides."""

    answers: dict[str, Any]
    taken: dict[str, Any] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)


def merge_answers(
    base: Mapping[str, Any], ours: Mapping[str, Any], theirs: Mapping[str, Any]
) -> Merged:
    """Merges answers; a conflicting answer keeps our value until someone decides.

    A missing answer and `None` mean the same: not answered.
    """
    merged = Merged(dict(ours))
    for key in dict.fromkeys([*base, *ours, *theirs]):
        b, o, th = base.get(key), ours.get(key), theirs.get(key)
        if o == th or th == b:
            continue
        if o == b:
            merged.taken[key] = th
            if th is None:
                merged.answers.pop(key, None)
            else:
                merged.answers[key] = th
            continue
        merged.conflicts.append(Conflict(key, o, th))
    return merged
