"""A draft opened against a changed canvas: nothing is dropped, everything changed is reported."""

from __future__ import annotations

from pathlib import Path

from kosi_tui.core.answers import new_draft
from kosi_tui.core.migration import migrate
from kosi_tui.report.changes import describe_migration
from kosi_tui.storage.canvas_file import LoadedCanvas, load_canvas
from tests.conftest import DATA

V1 = (DATA / "good" / "minimal.yaml").read_text(encoding="utf-8")


def canvas(tmp_path: Path, text: str, name: str) -> LoadedCanvas:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_canvas(path)


def test_same_canvas_same_hash_no_report(tmp_path: Path) -> None:
    v1 = canvas(tmp_path, V1, "v1.yaml")
    draft = new_draft("minimal", "1.0.0", v1.sha256, "T", answers={"mandat.status": "rat"})
    report = migrate(draft, v1.compiled, v1.sha256)
    assert report.empty and not report.canvas_changed
    assert draft.answers == {"mandat.status": "rat"}


def test_changed_canvas(tmp_path: Path) -> None:
    v1 = canvas(tmp_path, V1, "v1.yaml")
    v2_text = (
        V1.replace("version: 1.0.0", "version: 1.1.0")
        .replace(
            "          - {id: informell, label: {de: Informell, en: Informal}, score: 2}\n", ""
        )
        .replace(
            "      - id: start\n        type: date\n        label: {de: Start, en: Start}\n", ""
        )
        .replace(
            "show_if: \"status in ['informell', 'keins']\"", "show_if: \"status in ['keins']\""
        )
    )
    v2 = canvas(tmp_path, v2_text, "v2.yaml")
    draft = new_draft(
        "minimal",
        "1.0.0",
        v1.sha256,
        "T",
        answers={"mandat.status": "informell", "akteure.start": "2026-01-01", "akteure.budget": 5},
    )
    draft.orphaned["alt.frage"] = "bleibt"
    report = migrate(draft, v2.compiled, v2.sha256)
    assert report.canvas_changed
    assert (report.old_version, report.new_version) == ("1.0.0", "1.1.0")
    assert report.orphaned == ["akteure.start"]
    assert report.unknown_choices == [("mandat.status", "informell")]
    assert draft.answers["mandat.status"] == "informell"  # kept, flagged, for the person to fix
    assert draft.orphaned == {"alt.frage": "bleibt", "akteure.start": "2026-01-01"}
    assert draft.canvas.sha256 == v2.sha256 and draft.canvas.version == "1.1.0"


def test_question_that_returns_gets_its_answer_back(tmp_path: Path) -> None:
    v1 = canvas(tmp_path, V1, "v1.yaml")
    draft = new_draft("minimal", "1.0.0", "older", "T")
    draft.orphaned["akteure.budget"] = 5000
    report = migrate(draft, v1.compiled, v1.sha256)
    assert report.restored == ["akteure.budget"]
    assert draft.answers == {"akteure.budget": 5000} and draft.orphaned == {}


def test_answer_that_no_longer_fits_is_kept_and_flagged(tmp_path: Path) -> None:
    v1 = canvas(tmp_path, V1, "v1.yaml")
    draft = new_draft("minimal", "1.0.0", "older", "T", answers={"akteure.budget": "viel"})
    assert migrate(
        new_draft("minimal", "1.0.0", v1.sha256, "T", answers={"akteure.budget": "viel"}),
        v1.compiled,
        v1.sha256,
    ).empty
    report = migrate(draft, v1.compiled, v1.sha256)
    assert report.no_longer_fit == ["akteure.budget"]
    assert draft.answers == {"akteure.budget": "viel"}


def test_a_changed_file_with_the_same_version_says_the_file_changed(tmp_path: Path) -> None:
    v1 = canvas(tmp_path, V1, "v1.yaml")
    # The trainer removed a question but left the version number as it was.
    v2 = canvas(
        tmp_path,
        V1.replace(
            "      - id: start\n        type: date\n        label: {de: Start, en: Start}\n", ""
        ),
        "v2.yaml",
    )
    draft = new_draft("minimal", "1.0.0", v1.sha256, "T", answers={"akteure.start": "2026-01-01"})
    report = migrate(draft, v2.compiled, v2.sha256)
    for lang, says in (("de", "Canvas-Datei"), ("en", "canvas file")):
        intro = describe_migration(report, v2.compiled, lang)[0]
        assert "1.0.0 → 1.0.0" not in intro
        assert says in intro and "1.0.0" in intro
