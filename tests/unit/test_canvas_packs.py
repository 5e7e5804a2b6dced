"""Canvas packs: `kosi canvases add` for a file, a folder or a zip (checked before anything is
copied, zip names and sizes checked, nothing replaced without saying so), and packages that
publish canvases through the entry-point group `kosi_tui.canvases`."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from kosi_tui.cli import main
from kosi_tui.paths import bundled_canvases
from kosi_tui.storage.locate import canvas_by_id, find_canvas
from tests.conftest import DATA

MINIMAL = DATA / "good" / "minimal.yaml"


def _canvas(canvas_id: str, title: str = "Ein Pack-Canvas") -> str:
    return (
        MINIMAL.read_text(encoding="utf-8")
        .replace("id: minimal", f"id: {canvas_id}", 1)
        .replace("{de: Kleiner Test-Canvas, en: Small test canvas}", title, 1)
    )


def test_a_file_is_added_then_kept_unless_replace_is_given(
    tmp_path: Path, kosi_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "stadt-check.kosi.yaml"
    source.write_text(_canvas("stadt_check"), encoding="utf-8")
    target = kosi_home / "canvases" / "stadt-check.kosi.yaml"
    assert main(["canvases", "add", str(source)]) == 0
    assert f"Übernommen: {target}" in capsys.readouterr().out
    assert target.read_bytes() == source.read_bytes()
    assert canvas_by_id("stadt_check") == target

    assert main(["canvases", "add", str(source)]) == 0
    assert "Schon vorhanden und gleich" in capsys.readouterr().out

    before = target.read_bytes()
    source.write_text(_canvas("stadt_check", "Neuer Titel"), encoding="utf-8")
    assert main(["canvases", "add", str(source)]) == 1
    assert "gibt es schon mit anderem Inhalt" in capsys.readouterr().out
    assert target.read_bytes() == before

    assert main(["canvases", "add", str(source), "--replace"]) == 0
    assert "Ersetzt:" in capsys.readouterr().out
    assert target.read_bytes() == source.read_bytes()
    assert target.with_name(target.name + ".bak").read_bytes() == before


def test_a_folder_with_one_broken_canvas_adds_nothing_and_names_the_error(
    tmp_path: Path, kosi_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "gut.kosi.yaml").write_text(_canvas("gut"), encoding="utf-8")
    broken = folder / "kaputt.yaml"
    broken.write_text(_canvas("kaputt").replace("type: scale", "type: skala"), encoding="utf-8")
    (folder / "liesmich.txt").write_text("Hallo", encoding="utf-8")
    assert main(["canvases", "add", str(folder)]) == 1
    out = capsys.readouterr().out
    assert f"{broken}:" in out and "Nichts wurde übernommen" in out
    assert "liesmich.txt" in out
    assert not (kosi_home / "canvases").exists() or not any((kosi_home / "canvases").iterdir())


def test_a_zip_is_added_flat_and_what_is_no_canvas_is_passed_over(
    tmp_path: Path, kosi_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = tmp_path / "pack.zip"
    with zipfile.ZipFile(pack, "w") as archive:
        archive.writestr("stadt/eins.kosi.yaml", _canvas("eins"))
        archive.writestr("stadt/zwei.yaml", _canvas("zwei"))
        archive.writestr("stadt/LIESMICH.md", "# Pack")
    assert main(["--lang", "en", "canvases", "add", str(pack)]) == 0
    out = capsys.readouterr().out
    assert "LIESMICH.md" in out
    folder = kosi_home / "canvases"
    assert sorted(p.name for p in folder.iterdir()) == ["eins.kosi.yaml", "zwei.yaml"]


@pytest.mark.parametrize(
    "name", ["../boese.yaml", "/tmp/boese.yaml", "C:/boese.yaml", "a/../../b.yaml"]
)
def test_a_zip_with_a_name_pointing_outside_is_refused_whole(
    tmp_path: Path, kosi_home: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    pack = tmp_path / "pack.zip"
    with zipfile.ZipFile(pack, "w") as archive:
        archive.writestr("gut.yaml", _canvas("gut"))
        archive.writestr(name, _canvas("boese"))
    assert main(["canvases", "add", str(pack)]) == 1
    assert "zeigt aus dem Ordner hinaus" in capsys.readouterr().out
    assert not (kosi_home / "canvases").exists()
    assert not list(tmp_path.rglob("boese.yaml"))


def test_a_zip_member_larger_than_a_canvas_may_be_is_refused(
    tmp_path: Path, kosi_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = tmp_path / "pack.zip"
    with zipfile.ZipFile(pack, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("gross.yaml", "# " + "x" * (3 * 1024 * 1024))
    assert pack.stat().st_size < 100_000  # small on disk, large when read
    assert main(["canvases", "add", str(pack)]) == 1
    assert "zu groß" in capsys.readouterr().out
    assert not (kosi_home / "canvases").exists()


def _install_pack(site: Path, module: str = "stadt_canvases", folder: bool = True) -> Path:
    """A distribution as pip leaves it: a package folder and its dist-info with the entry point."""
    meta = site / "stadt_canvases_pack-1.0.dist-info"
    meta.mkdir(parents=True)
    (meta / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: stadt-canvases-pack\nVersion: 1.0\n", encoding="utf-8"
    )
    (meta / "entry_points.txt").write_text(
        f"[console_scripts]\nx = y:z\n\n[kosi_tui.canvases]\nstadt = {module}\n", encoding="utf-8"
    )
    package = site / module
    if folder:
        package.mkdir()
        # Finding the folder must not run the package.
        (package / "__init__.py").write_text("raise RuntimeError('imported')\n", encoding="utf-8")
        (package / "stadt-check.kosi.yaml").write_text(_canvas("stadt_check"), encoding="utf-8")
    return package


def test_an_installed_pack_is_listed_found_by_id_and_named_in_version(
    tmp_path: Path,
    kosi_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    site = tmp_path / "site"
    package = _install_pack(site)
    monkeypatch.syspath_prepend(str(site))
    from importlib.metadata import entry_points

    # The fake is a distribution as importlib.metadata sees it, too.
    assert [e.value for e in entry_points(group="kosi_tui.canvases")] == ["stadt_canvases"]

    assert main(["canvases"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("stadt_check "))
    assert line.endswith("Paket")
    assert canvas_by_id("stadt_check") == package / "stadt-check.kosi.yaml"
    assert main(["--version"]) == 0
    out = capsys.readouterr().out
    assert f"Paket stadt (stadt_canvases_pack-1.0): {package}" in out


def test_a_pack_beats_a_bundled_canvas_and_the_users_beats_the_pack(
    tmp_path: Path, kosi_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    package = _install_pack(site)
    (package / "labor.yaml").write_text(
        (bundled_canvases() / "innovationslabor.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(site))
    assert canvas_by_id("innovationslabor") == package / "labor.yaml"
    assert find_canvas("bundled:innovationslabor") == bundled_canvases() / "innovationslabor.yaml"
    assert find_canvas("pack:stadt_check") == package / "stadt-check.kosi.yaml"
    own = kosi_home / "canvases" / "innovationslabor.yaml"
    own.parent.mkdir(parents=True)
    own.write_bytes((package / "labor.yaml").read_bytes())
    assert canvas_by_id("innovationslabor") == own


def test_a_pack_whose_folder_is_gone_is_said_not_a_crash(
    tmp_path: Path,
    kosi_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    site = tmp_path / "site"
    _install_pack(site, "weg_canvases", folder=False)
    monkeypatch.syspath_prepend(str(site))
    assert main(["--version"]) == 0
    assert "weg_canvases" in capsys.readouterr().out
    assert main(["canvases"]) == 0


def test_a_draft_in_a_zip_is_passed_over_as_in_a_folder(
    tmp_path: Path, kosi_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A pack shared with an example draft beside its canvas: the canvas is added, not refused.
    draft = (DATA.parent.parent / "examples" / "innovationslabor.answers.yaml").read_text("utf-8")
    pack = tmp_path / "pack.zip"
    with zipfile.ZipFile(pack, "w") as archive:
        archive.writestr("stadt/eins.kosi.yaml", _canvas("eins"))
        archive.writestr("stadt/beispiel.answers.yaml", draft)
    assert main(["--lang", "en", "canvases", "add", str(pack)]) == 0
    assert "beispiel.answers.yaml" in capsys.readouterr().out
    assert [p.name for p in (kosi_home / "canvases").iterdir()] == ["eins.kosi.yaml"]
