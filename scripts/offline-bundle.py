"""Builds an offline bundle: kosi's wheel and the wheels of every dependency for Windows, macOS
and Linux, one folder per platform, with install instructions – for PCs without internet access
(locked-down municipal PCs). Needs internet and pip on the machine that builds it:

    python scripts/offline-bundle.py                      # -> offline-bundle/, extras "all"
    python scripts/offline-bundle.py --extras "" --out kosi-klein   # without PDF, Word, serve
    python scripts/offline-bundle.py --platform windows --python-version 3.12

The wheels are binary only (`--only-binary=:all:`) and for one Python version: the target PC
needs that Python (3.11 by default, as pyproject's floor).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PLATFORMS: dict[str, list[str]] = {
    "windows": ["win_amd64"],
    "linux": ["manylinux_2_28_x86_64", "manylinux_2_17_x86_64", "manylinux2014_x86_64"],
    "macos-arm64": ["macosx_14_0_arm64", "macosx_11_0_arm64"],
    "macos-x86_64": ["macosx_12_0_x86_64", "macosx_10_12_x86_64", "macosx_10_9_x86_64"],
}
"""pip's platform tags per folder (newest first; pip takes any listed)."""

GROUPS = {"windows": ["windows"], "linux": ["linux"], "macos": ["macos-arm64", "macos-x86_64"]}

INSTALL = """\
kosi offline – Installation ohne Internet / installing without internet
========================================================================

Python {python} muss auf dem Rechner installiert sein (python.org; unter Windows mit „py“).
Python {python} must be installed on the computer (python.org; on Windows with "py").

Ordner / folder: {folders}

Windows (PowerShell oder Eingabeaufforderung / or Command Prompt):

    py -{python} -m venv %USERPROFILE%\\kosi
    %USERPROFILE%\\kosi\\Scripts\\pip install --no-index --find-links windows "kosi-tui{extras}"
    %USERPROFILE%\\kosi\\Scripts\\kosi

Linux, macOS (FOLDER = linux, macos-arm64 oder/or macos-x86_64):

    python{python} -m venv ~/kosi
    ~/kosi/bin/pip install --no-index --find-links FOLDER "kosi-tui{extras}"
    ~/kosi/bin/kosi

Mit pipx / with pipx:

    pipx install --pip-args="--no-index --find-links=FOLDER" "kosi-tui{extras}"

Mit uv / with uv:

    uv tool install --offline --no-index --find-links FOLDER "kosi-tui{extras}"

Prüfen / check:  kosi --version
"""


def build_wheel(out: Path) -> Path:
    """kosi's own wheel, built from this checkout into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        check=True,
    )
    return max(out.glob("kosi_tui-*.whl"), key=lambda p: p.stat().st_mtime)


def download_command(
    wheel: Path, folder: Path, tags: list[str], python: str, extras: str
) -> list[str]:
    """The pip command that fetches kosi's dependencies for one platform."""
    platform_args = [arg for tag in tags for arg in ("--platform", tag)]
    requirement = f"kosi-tui{extras} @ {wheel.resolve().as_uri()}"
    return [
        sys.executable, "-m", "pip", "download", "-q",
        "--only-binary=:all:", "--implementation", "cp", "--python-version", python,
        *platform_args, "-d", str(folder), requirement,
    ]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("offline-bundle"))
    parser.add_argument("--python-version", default="3.11")
    parser.add_argument("--extras", default="all", help='e.g. "all", "pdf,office" or ""')
    parser.add_argument(
        "--platform", choices=sorted(GROUPS), action="append", help="default: every platform"
    )
    parser.add_argument("--dry-run", action="store_true", help="print the pip commands only")
    args = parser.parse_args(argv)
    extras = f"[{args.extras}]" if args.extras else ""
    folders = [f for group in args.platform or sorted(GROUPS) for f in GROUPS[group]]
    out: Path = args.out
    if args.dry_run:
        wheel = out / "kosi_tui-VERSION-py3-none-any.whl"
    else:
        wheel = build_wheel(out / "_kosi")
    for folder in folders:
        command = download_command(
            wheel, out / folder, PLATFORMS[folder], args.python_version, extras
        )
        print(" ".join(command), flush=True)
        if not args.dry_run:
            subprocess.run(command, check=True)
            # The wheel itself beside its dependencies: one folder is all a PC needs.
            (out / folder / wheel.name).write_bytes(wheel.read_bytes())
    if not args.dry_run:
        (out / "INSTALL.txt").write_text(
            INSTALL.format(python=args.python_version, extras=extras, folders=", ".join(folders)),
            encoding="utf-8",
        )
        for folder in folders:
            size = sum(p.stat().st_size for p in (out / folder).iterdir()) / 1e6
            print(f"{out / folder}: {size:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
