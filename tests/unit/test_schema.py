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
    assert main(["--lang", "en", "schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    # The $id is the local file's address, which depends on the user folder of the test.
    assert printed["$id"].endswith("/schema/kosi-canvas-1.en.json")
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


def _properties(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """Every property of every type, found by walking the whole schema (its $defs included)."""
    found: list[tuple[str, str, dict[str, Any]]] = []

    def walk(node: Any, owner: str) -> None:
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                found.append((owner, name, sub))
            for key, sub in node.items():
                if key == "$defs":
                    for name, definition in sub.items():
                        walk(definition, name)
                elif key != "properties":
                    walk(sub, owner)
            for sub in node.get("properties", {}).values():
                walk(sub, owner)
        elif isinstance(node, list):
            for sub in node:
                walk(sub, owner)

    walk(schema, "Canvas")
    return found


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_type_and_property_is_described_in_the_language(
    lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from kosi_tui.storage.schema import TEXTS

    assert main(["--lang", lang, "schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    properties = _properties(printed)
    assert len(properties) > 250
    texts = TEXTS[lang]
    own = set(texts.PROPERTIES.values()) | {texts.TEXT}
    for owner, name, sub in properties:
        assert sub.get("description") in own, f"{owner}.{name} has no {lang} description"
    for name, definition in printed["$defs"].items():
        assert definition["description"] == texts.TYPES[name]
    assert printed["description"] == texts.TYPES["Canvas"]
    # The generated English titles ("Min Selected") are gone.
    assert "Min Selected" not in json.dumps(printed)


def test_both_languages_describe_the_same_keys_and_no_key_is_stale() -> None:
    from kosi_tui.storage import schema_texts_de, schema_texts_en
    from kosi_tui.storage.schema import canvas_schema, text_key, types

    for table in ("TYPES", "PROPERTIES", "EXAMPLES"):
        assert getattr(schema_texts_de, table).keys() == getattr(schema_texts_en, table).keys()
    schema = canvas_schema()
    used = {
        text_key(name, prop, schema_texts_de.PROPERTIES)
        for name, node in types(schema)
        for prop in node.get("properties", {})
    }
    assert set(schema_texts_de.PROPERTIES) == used
    assert set(schema_texts_de.EXAMPLES) <= used
    german = [schema_texts_de.PROPERTIES[k] for k in sorted(used)]
    english = [schema_texts_en.PROPERTIES[k] for k in sorted(used)]
    assert sum(d == e for d, e in zip(german, english, strict=True)) == 0


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["de", "en"])
def test_examples_in_the_schema_are_valid_where_they_stand(lang: str) -> None:
    from kosi_tui.storage.schema import canvas_schema

    schema = canvas_schema(lang)
    for _owner, _name, sub in _properties(schema):
        for example in sub.get("examples", []):
            checked = {**sub, "$defs": schema["$defs"]}
            checked.pop("examples")
            jsonschema.validate(example, checked)
