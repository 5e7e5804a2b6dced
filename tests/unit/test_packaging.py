"""Packaging: the licence file says what pyproject says, `[all]` holds every runtime extra, and
the offline bundle script asks pip for binary wheels of every platform."""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _project() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as file:
        project: dict[str, object] = tomllib.load(file)["project"]
    return project


def _bundle_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "offline_bundle", ROOT / "scripts" / "offline-bundle.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["offline_bundle"] = module
    spec.loader.exec_module(module)
    return module


def test_the_licence_file_is_the_licence_pyproject_names() -> None:
    project = _project()
    assert project["license"] == {"text": "MIT"}
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")
    assert "License :: OSI Approved :: MIT License" in project["classifiers"]  # type: ignore[operator]


def test_all_holds_every_extra_but_the_tools() -> None:
    extras: dict[str, list[str]] = _project()["optional-dependencies"]  # type: ignore[assignment]
    runtime = sorted(set(extras) - {"test", "dev", "all"})
    assert extras["all"] == [f"kosi-tui[{','.join(runtime)}]"]


def test_the_bundle_asks_for_binary_wheels_of_every_platform(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    script = _bundle_script()
    assert script.main(["--dry-run", "--out", str(tmp_path)]) == 0
    commands = capsys.readouterr().out.splitlines()
    assert len(commands) == 4
    for line in commands:
        assert " download " in line and "--only-binary=:all: " in line
        assert "--python-version 3.11 " in line and line.endswith(".whl")
        assert "kosi-tui[all] @ file://" in line
    tags = " ".join(commands)
    for tag in ("win_amd64", "manylinux_2_17_x86_64", "macosx_11_0_arm64", "macosx_10_12_x86_64"):
        assert f"--platform {tag} " in tags
    assert not list(tmp_path.iterdir())  # a dry run writes nothing
