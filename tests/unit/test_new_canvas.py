"""`kosi new`: a new canvas from a skeleton or a copy, valid at once, never over a file, with the
first line pointing editors to the schema kosi writes into the user folder."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
import yaml

from kosi_tui.cli import main
from kosi_tui.paths import bundled_canvases
from kosi_tui.storage.canvas_file import load_canvas
from kosi_tui.storage.locate import canvas_by_id

SCHEMA_LINE = re.compile(r"\A# yaml-language-server: \$schema=(\S+)\n")


def _schema_of(path: Path) -> dict[str, object]:
    """The schema the file's first line names, read as an editor would: from its file URI."""
    found = SCHEMA_LINE.match(path.read_text(encoding="utf-8"))
    assert found is not None, "no schema line at the top"
    uri = found.group(1)
    assert uri.startswith("file://")
    schema_path = Path(uri.removeprefix("file://"))
    schema: dict[str, object] = json.loads(schema_path.read_text(encoding="utf-8"))
    assert schema["$id"] == uri  # the $id resolves to the file itself
    return schema


@pytest.mark.parametrize(("lang", "title"), [("de", "Neuer Canvas"), ("en", "New canvas")])
def test_a_bare_name_becomes_a_listed_skeleton_in_the_users_folder(
    kosi_home: Path, capsys: pytest.CaptureFixture[str], lang: str, title: str
) -> None:
    assert main(["--lang", lang, "new", "mein-check"]) == 0
    path = kosi_home / "canvases" / "mein-check.kosi.yaml"
    assert str(path) in capsys.readouterr().out
    loaded = load_canvas(path)
    assert loaded.canvas.id == "mein_check" and loaded.canvas.title == title
    assert loaded.warnings == []
    _schema_of(path)
    assert canvas_by_id("mein_check") == path
    assert main(["canvases"]) == 0
    assert any(line.startswith("mein_check ") for line in capsys.readouterr().out.splitlines())


def test_a_copy_of_a_bundled_canvas_gets_the_new_id_and_keeps_the_rest(
    tmp_path: Path, kosi_home: Path
) -> None:
    target = tmp_path / "sub" / "unser-check"
    assert main(["new", str(target), "--from", "labor_reifegrad"]) == 0
    path = tmp_path / "sub" / "unser-check.kosi.yaml"
    copy = load_canvas(path).canvas
    original = load_canvas(bundled_canvases() / "labor-reifegrad.yaml").canvas
    assert copy.id == "unser_check" and copy.version == "0.1.0"
    assert copy.model_dump(exclude={"id", "version"}) == original.model_dump(
        exclude={"id", "version"}
    )
    text = path.read_text(encoding="utf-8")
    assert "kosi-tui.invalid" not in text  # the bundled line pointed nowhere
    assert _schema_of(path)["$id"] == (kosi_home / "schema" / "kosi-canvas-1.de.json").as_uri()


def test_an_existing_file_is_never_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "da.kosi.yaml"
    path.write_text("meins\n", encoding="utf-8")
    assert main(["new", str(path)]) == 1
    assert "gibt es schon" in capsys.readouterr().out
    assert path.read_text(encoding="utf-8") == "meins\n"


def test_a_taken_id_or_a_name_that_is_no_id_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", str(tmp_path / "innovationslabor.yaml")]) == 1
    assert "hat schon" in capsys.readouterr().out
    assert main(["new", str(tmp_path / "Umfrage 1.yaml")]) == 1
    assert "taugt nicht als Kennung" in capsys.readouterr().out
    assert main(["new", str(tmp_path / "x.yaml"), "--id", "umfrage_1"]) == 0
    assert load_canvas(tmp_path / "x.yaml").canvas.id == "umfrage_1"
    assert not list(tmp_path.glob("*.tmp"))


def test_a_broken_canvas_to_copy_is_named_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "kaputt.yaml"
    broken.write_text("format: kosi-canvas/1\nid: kaputt\n", encoding="utf-8")
    assert main(["new", str(tmp_path / "neu.yaml"), "--from", str(broken)]) == 1
    assert f"{broken}:" in capsys.readouterr().out
    assert not (tmp_path / "neu.yaml").exists()


def test_validate_checks_the_canvases_of_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", str(tmp_path / "eins.kosi.yaml")]) == 0
    assert main(["new", str(tmp_path / "zwei"), "--from", "innovationslabor"]) == 0
    capsys.readouterr()
    assert main(["validate", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "eins.kosi.yaml: in Ordnung" in out and "zwei.kosi.yaml: in Ordnung" in out


def test_schema_write_puts_the_schema_where_its_id_says(
    kosi_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "en", "schema", "--write"]) == 0
    path = kosi_home / "schema" / "kosi-canvas-1.en.json"
    out = capsys.readouterr().out
    assert str(path) in out
    assert f'"yaml.schemas": {{"{path.as_uri()}": "**/*.kosi.yaml"}}' in out
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$id"] == path.as_uri()
    before = os.stat(path).st_mtime_ns
    assert main(["--lang", "en", "schema", "--write"]) == 0  # unchanged: not rewritten
    assert os.stat(path).st_mtime_ns == before
    assert yaml.safe_load(path.read_text(encoding="utf-8")) == schema
