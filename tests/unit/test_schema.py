"""`kosi schema` is a JSON Schema that an independent validator uses to accept and reject canvases."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from kosi_tui.cli import main
from kosi_tui.paths import bundled_canvases
from tests.conftest import DATA


def as_json(data: Any) -> Any:
    """YAML data as JSON would carry it (dates become ISO texts, keys become texts)."""
    return json.loads(
        json.dumps(data, default=lambda v: v.isoformat() if isinstance(v, dt.date) else v)
    )


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    from kosi_tui.storage.schema import canvas_schema

    return canvas_schema()


def test_schema_is_valid_json_schema(
    schema: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    # The $id is the local file's address, which depends on the user folder of the test.
    assert printed["$id"].endswith("/schema/kosi-canvas-1.de.json")
    assert printed == {**json.loads(json.dumps(schema)), "$id": printed["$id"]}
    jsonschema.Draft202012Validator.check_schema(printed)


CANVASES = [*sorted(bundled_canvases().glob("*.yaml")), DATA / "good" / "minimal.yaml"]


@pytest.mark.parametrize("path", CANVASES, ids=[p.stem for p in CANVASES])
def test_schema_accepts_good_canvases(schema: dict[str, Any], path: Path) -> None:
    jsonschema.validate(as_json(yaml.safe_load(path.read_text(encoding="utf-8"))), schema)


@pytest.mark.parametrize(
    "name", ["unknown_key", "unknown_type", "missing_label", "bad_ident", "rule_kind"]
)
def test_schema_rejects_broken_canvases(schema: dict[str, Any], name: str) -> None:
    data = as_json(yaml.safe_load((DATA / "bad" / f"{name}.yaml").read_text(encoding="utf-8")))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_bundled_canvases_exist() -> None:
    assert (bundled_canvases() / "innovationslabor.yaml").is_file()
