"""Drafts survive the round trip exactly, are never written over when foreign, and say what broke."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kosi_tui.core.answers import Draft, new_draft
from kosi_tui.storage.atomic import WriteError, backup_path
from kosi_tui.storage.draft_file import DraftWriter, draft_filename, draft_to_yaml, load_draft
from kosi_tui.storage.problems import ProblemsError

# Control characters are not kept as they are (they come back visible, see the test below).
TEXT = st.text(
    alphabet=st.characters(exclude_categories=("Cs", "Cc"), include_characters="\n\t"),
    max_size=40,
)
TRICKY = st.sampled_from(
    ["no", "NO", "on", "yes", "1.0", "- x", "#", "# nicht", "a: b", "null", "~", "", " ", "'", '"',
     "Grüße aus Köln 🚲", "Zeile 1\nZeile 2\n", "  eingerückt\n", "ende mit Leerzeichen ", "\t",
     "1.500,50", "2026-12-24", "[a]", "{b}", "*stern", "&anker", "!tag", "|", ">", "%"]
)  # fmt: skip
TEXTS = st.one_of(TEXT, TRICKY)
CELLS = st.one_of(
    st.none(),
    TEXTS,
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.lists(TEXTS, max_size=3),
)
VALUES: st.SearchStrategy[Any] = st.one_of(
    TEXTS,
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 1, 1)),
    st.lists(TEXTS, max_size=5),
    st.lists(
        st.dictionaries(
            st.sampled_from(["akteur", "sektor", "stunden", "beitrag"]), CELLS, max_size=4
        ),
        max_size=4,
    ),
)
KEYS = st.from_regex(r"[a-z][a-z0-9_]{0,8}\.[a-z][a-z0-9_]{0,8}", fullmatch=True)


def make_draft(
    answers: dict[str, Any], author: str = "Erika", organisation: str = "Stadt Musterstadt"
) -> Draft:
    return new_draft(
        "innovationslabor",
        "1.0.0",
        "abc",
        "Innovationslabor aufbauen",
        "de",
        author,
        organisation,
        answers,
    )


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(KEYS, VALUES, max_size=8), TEXTS, TEXTS)
def test_round_trip_is_exact(
    tmp_path: Path, answers: dict[str, Any], author: str, org: str
) -> None:
    draft = make_draft(answers, author, org)
    path = tmp_path / "draft.yaml"
    path.write_text(draft_to_yaml(draft), encoding="utf-8")
    assert load_draft(path) == draft


def test_file_is_readable_and_commented(tmp_path: Path) -> None:
    draft = make_draft(
        {"anlass.herausforderung": "Erste Zeile\nZweite Zeile", "basis.einwohner": 120000}
    )
    text = draft_to_yaml(draft)
    assert text.startswith("# kosi")
    assert "anlass.herausforderung: |-\n    Erste Zeile\n    Zweite Zeile" in text
    assert text.index("canvas:") < text.index("answers:")


def test_writer_saves_and_keeps_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "drafts" / "d.yaml"
    writer = DraftWriter(path, "innovationslabor")
    draft = make_draft({"basis.organisation": "A"})
    writer.save(draft)
    draft.answers["basis.organisation"] = "B"
    writer.save(draft)
    assert load_draft(path).answers["basis.organisation"] == "B"
    assert load_draft(backup_path(path)).answers["basis.organisation"] == "A"
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize(
    "content",
    ["Einkaufsliste:\n- Milch\n", "format: kosi-answers/1\nanswers: [\n", "\x00\x01binary"],
)
def test_writer_refuses_to_overwrite_foreign_or_corrupt_files(tmp_path: Path, content: str) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(content)
    with pytest.raises(WriteError) as err:
        DraftWriter(path, "innovationslabor").save(make_draft({}))
    assert err.value.code == "save_foreign"
    assert path.read_text() == content


def test_writer_refuses_a_draft_of_another_canvas(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    DraftWriter(path, "innovationslabor").save(make_draft({"a.b": "x"}))
    before = path.read_bytes()
    with pytest.raises(WriteError):
        DraftWriter(path, "labor_reifegrad").save(make_draft({}))
    assert path.read_bytes() == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into read-only folders")
def test_read_only_folder_gives_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(WriteError) as err:
            DraftWriter(folder / "d.yaml", "innovationslabor").save(make_draft({}))
        assert err.value.code == "save_readonly"
    finally:
        folder.chmod(stat.S_IRWXU)


def test_unwritable_target_gives_a_clear_error(tmp_path: Path) -> None:
    # Works for root too: a file where the folder should be.
    (tmp_path / "blocker").write_text("x")
    draft = make_draft({"a.b": "x"})
    with pytest.raises(WriteError) as err:
        DraftWriter(tmp_path / "blocker" / "d.yaml", "innovationslabor").save(draft)
    assert err.value.code in ("save_no_folder", "save_failed")
    assert draft.answers == {"a.b": "x"}


@pytest.mark.parametrize(
    ("content", "code", "line"),
    [
        (
            "format: kosi-answers/1\ncanvas: {id: x, version: '1'}\ncreated: gestern\nupdated: 2026-01-01T00:00:00\n",
            "invalid",
            3,
        ),
        ("format: kosi-answers/9\n", "draft_format_unknown", 1),
        ("- a\n", "not_a_draft", 1),
        ("format: kosi-answers/1\nanswers:\n  a.b: 1\n  a.b: 2\n", "yaml_duplicate_key", 4),
    ],
)
def test_corrupt_drafts_name_the_line(tmp_path: Path, content: str, code: str, line: int) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(content)
    with pytest.raises(ProblemsError) as err:
        load_draft(path)
    assert any(
        p.line == line and (p.code == code or code == "invalid") for p in err.value.problems
    ), [(p.line, p.code) for p in err.value.problems]


def test_filename() -> None:
    draft = make_draft({}, organisation="Stadt Köln / Dezernat V")
    assert draft_filename(draft).startswith("innovationslabor-stadt-koeln-dezernat-v-")


@pytest.mark.parametrize(
    ("errno_", "code"), [(30, "save_readonly"), (28, "save_disk_full"), (5, "save_failed")]
)
def test_os_errors_become_clear_codes_and_leave_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, errno_: int, code: str
) -> None:
    path = tmp_path / "d.yaml"
    writer = DraftWriter(path, "innovationslabor")
    writer.save(make_draft({"a.b": "alt"}))
    before = path.read_bytes()

    def fail(*_args: object) -> None:
        raise OSError(errno_, os.strerror(errno_))

    monkeypatch.setattr(os, "replace", fail)
    draft = make_draft({"a.b": "neu"})
    with pytest.raises(WriteError) as err:
        writer.save(draft)
    assert err.value.code == code
    assert path.read_bytes() == before
    assert draft.answers == {"a.b": "neu"}
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_written_files_get_the_permissions_a_plain_write_would(tmp_path: Path) -> None:
    from kosi_tui.storage import atomic
    from kosi_tui.storage.atomic import write_atomic

    old = os.umask(0o022)
    atomic._umask.cache_clear()
    try:
        report = tmp_path / "bericht.html"
        write_atomic(report, b"<p>Bericht</p>")  # new: as the umask allows, shareable
        assert stat.S_IMODE(report.stat().st_mode) == 0o644
        report.chmod(0o600)  # a file the user made private stays private
        write_atomic(report, b"<p>Bericht, neu</p>")
        assert stat.S_IMODE(report.stat().st_mode) == 0o600
        assert stat.S_IMODE(backup_path(report).stat().st_mode) == 0o600
    finally:
        os.umask(old)
        atomic._umask.cache_clear()


def test_control_characters_come_back_visible_never_raw(tmp_path: Path) -> None:
    draft = make_draft({"a.b": "Glocke\a, Titel \x1b]0;x\x07, Zeile\r\nEnde\x85"})
    path = tmp_path / "draft.yaml"
    path.write_text(draft_to_yaml(draft), encoding="utf-8")
    assert load_draft(path).answers["a.b"] == "Glocke\\x07, Titel \\x1b]0;x\\x07, Zeile\nEnde\\x85"


def test_nan_and_infinity_are_refused_at_their_line(tmp_path: Path) -> None:
    # A `.nan` read as an answer is not equal to itself: every later save saw it changed
    # here and in the file, and kept a conflict copy of it.
    draft = new_draft("minimal", "1.0.0", "", "Test", answers={"a.b": 1})
    path = tmp_path / "entwurf.yaml"
    text = draft_to_yaml(draft).replace(
        "  a.b: 1\n", "  a.b: .NaN\n  a.c:\n  - {name: x, stunden: -.inf}\n"
    )
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    with pytest.raises(ProblemsError) as err:
        load_draft(path)
    found = [(p.line, p.code, p.args["value"]) for p in err.value.problems]
    assert found == [
        (lines.index("  a.b: .NaN") + 1, "draft_not_finite", ".NaN"),
        (lines.index("  - {name: x, stunden: -.inf}") + 1, "draft_not_finite", "-.inf"),
    ]
    assert ".NaN" in err.value.problems[0].message("de")
