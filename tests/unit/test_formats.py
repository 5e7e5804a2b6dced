"""The list of output formats is complete: each entry has what docs/adding-an-output-format.md
asks for, and every place that offers formats offers exactly these."""

from __future__ import annotations

import tomllib
from importlib import import_module

import pytest
from textual.binding import Binding

from kosi_tui.cli import _parser
from kosi_tui.faces.commands.output import OutputRefused, choose_output
from kosi_tui.faces.tui.screens.review import ReviewScreen
from kosi_tui.i18n import CATALOGS
from kosi_tui.report.formats import BY_KEY, BY_SUFFIX, FORMATS, KEYS, NOT_YET, Format
from tests.conftest import ROOT

DOCUMENTS = [f for f in FORMATS if f.kind == "document"]


@pytest.mark.parametrize("fmt", FORMATS, ids=[f.key for f in FORMATS])
def test_each_entry_is_complete(fmt: Format) -> None:
    assert fmt.suffixes and all(s.startswith(".") and s == s.lower() for s in fmt.suffixes)
    assert "/" in fmt.mime
    if fmt.kind == "document":
        assert fmt.writer is not None, "a document format names its writer"
        module, _, function = fmt.writer.partition(":")
        assert callable(getattr(import_module(module), function))
    if fmt.extra is not None:
        extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
            "optional-dependencies"
        ]
        assert fmt.extra in extras
        assert any(fmt.extra in dep for dep in extras["test"]), "the tests install every extra"
    if fmt.key_binding is not None:
        for lang, catalog in CATALOGS.items():
            assert f"ui.key_export_{fmt.key}" in catalog, f"footer label missing in {lang}"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"{fmt.suffix}" in readme, "the README names the format"


def test_keys_endings_and_bindings_are_unique() -> None:
    assert len(KEYS) == len(FORMATS)
    suffixes = [s for f in FORMATS for s in f.suffixes]
    assert len(suffixes) == len(set(suffixes)) == len(BY_SUFFIX)
    bindings = [f.key_binding for f in FORMATS if f.key_binding is not None]
    assert len(bindings) == len(set(bindings))
    assert not NOT_YET & set(BY_SUFFIX)


def test_the_command_line_offers_exactly_these() -> None:
    parser = _parser("de")
    for command in ("report", "summary", "board"):
        args = parser.parse_args([command, "x", "--format", "md"])
        assert args.format == "md"
    with pytest.raises(SystemExit):
        parser.parse_args(["report", "x", "--format", "odt"])
    for fmt in FORMATS:
        for suffix in fmt.suffixes:
            allowed = (fmt.key,)
            assert choose_output(ROOT / f"out{suffix.upper()}", None, "de", allowed).fmt == fmt.key


def test_an_ending_of_another_kind_is_refused_with_the_right_reason() -> None:
    with pytest.raises(OutputRefused, match="Excel"):
        choose_output(ROOT / "x.xlsx", None, "de", tuple(f.key for f in DOCUMENTS))


def test_the_overview_has_a_key_for_each_document_format_with_one() -> None:
    bindings = [b for b in ReviewScreen.BINDINGS if isinstance(b, Binding)]
    exports = {b.id: b.key for b in bindings if b.id and b.id.startswith("export_")}
    assert exports == {
        f"export_{f.key}": f.key_binding for f in FORMATS if f.key_binding is not None
    }
    assert all(BY_KEY[k.removeprefix("export_")].kind == "document" for k in exports)
