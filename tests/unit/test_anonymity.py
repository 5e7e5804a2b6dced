"""`kosi summary --anonymous` names nobody: a workshop of drafts with distinctive names and
organisations (in the draft's header, in the answers that ask for them, in the tables' "who"
columns and in free text) is written in every summary format, and every output – the XLSX's and
the extra CSV files' bytes included, the XLSX unzipped – is searched for every one of them."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from kosi_tui.cli import main
from kosi_tui.report.formats import SUMMARY_KEYS
from tests.conftest import ROOT

pytest.importorskip("openpyxl", reason="the office extra brings openpyxl")

PEOPLE = [
    ("Zacharias Quendelmeier", "Stadt Beispielhausen, Amt für Quartiere"),
    ("Hildegard Wupperfeld", "Gemeinde Kleinwaldstetten"),
    ("Oskar Brannigan", "Kreisstadt Ostermoorhude, Bürgerbüro"),
]
NAMED_IN_TABLES = [
    "Irmgard Pfefferkorn",
    "Quartiersverein Nordstadt e.V.",
    "Hochschule Musterstadt",
]
"""Who the example drafts' tables name as actors, parties and owners of steps."""


def _drafts(folder: Path, example: str) -> list[str]:
    """Three drafts of one example canvas, each by someone else; the names every output must hide."""
    folder.mkdir()
    text = (ROOT / "examples" / example).read_text("utf-8")
    for author, organisation in PEOPLE:
        surname = author.split()[-1]
        own = (
            re.sub(r"(?m)^organisation: .*$", f"organisation: {organisation}", text)
            .replace("Stadt Musterstadt, Dezernat Stadtentwicklung", organisation)
            .replace("Erika Musterfrau", author)
            .replace("Stadt Musterstadt", organisation.split(",")[0])
            .replace("wer: Quartiersverein", "wer: Irmgard Pfefferkorn")
            # Free text that names the author and the organisation.
            .replace("Die Beigeordnete steht", f"Frau {surname} von der {organisation} steht")
        )
        if "author:" not in own:
            own = own.replace("\nlang:", f"\nauthor: {author}\nlang:", 1)
        (folder / f"{surname.lower()}.yaml").write_text(own, encoding="utf-8")
    names = [part.strip() for _, org in PEOPLE for part in org.split(",")]
    names += [a for a, _ in PEOPLE] + [a.split()[-1] for a, _ in PEOPLE]
    return names + [f"{a.split()[-1].lower()}.yaml" for a, _ in PEOPLE]


def _texts(path: Path) -> list[tuple[str, str]]:
    """Every text in an output: a zip's members one by one, a PDF's pages as read (its streams
    are compressed), anything else as it is."""
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        reader = PdfReader(path)
        info = " ".join(str(v) for v in (reader.metadata or {}).values())
        pages = [(f"{path.name}:{n}", p.extract_text()) for n, p in enumerate(reader.pages, 1)]
        return [(path.name, info), *pages]
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            return [
                (f"{path.name}:{member}", archive.read(member).decode("utf-8", "replace"))
                for member in archive.namelist()
            ]
    return [(path.name, path.read_bytes().decode("utf-8", "replace"))]


@pytest.mark.parametrize(
    "example",
    [
        # The smallest daily; the two larger workshops in the full tier.
        "labor-reifegrad.answers.yaml",
        pytest.param("innovationslabor.answers.yaml", marks=pytest.mark.full),
        pytest.param("koinvestition-fahrradgarage.answers.yaml", marks=pytest.mark.full),
    ],
)
def test_no_output_of_an_anonymous_summary_names_anyone(example: str, tmp_path: Path) -> None:
    names = _drafts(tmp_path / "ws", example) + NAMED_IN_TABLES
    out = tmp_path / "out"
    out.mkdir()
    for fmt in SUMMARY_KEYS:
        target = out / f"zusammenfassung.{fmt}"
        assert main(["summary", str(tmp_path / "ws"), "-o", str(target), "--anonymous"]) == 0
    written = sorted(out.iterdir())
    assert {p.suffix for p in written} >= {f".{fmt}" for fmt in SUMMARY_KEYS}
    found = [
        (where, name)
        for path in written
        for where, text in _texts(path)
        for name in names
        # XML and HTML escape a few characters; the names here have none of them.
        if name.lower() in text.lower()
    ]
    assert found == []
    everything = "".join(text for path in written for _, text in _texts(path))
    assert "Person 1" in everything and "Person 3" in everything


def test_the_answers_themselves_stay(tmp_path: Path) -> None:
    """Anonymity takes out who, not what: the answers are there with stand-ins for the names."""
    _drafts(tmp_path / "ws", "labor-reifegrad.answers.yaml")
    target = tmp_path / "anonym.md"
    assert main(["summary", str(tmp_path / "ws"), "-o", str(target), "--anonymous"]) == 0
    text = target.read_text("utf-8").replace("\\", "")  # Markdown's escapes of [ and ]
    lines = [line for line in text.splitlines() if "hinter dem Labor" in line]
    assert len(lines) == 3
    assert all(re.match(r"- Frau \[Name \d+\] von der \[Name \d+\] steht", line) for line in lines)
    assert len(set(lines)) == 3, "each person's name has its own stand-in"
    # The surname stands for the same person as the whole name.
    assert lines[0].startswith("- Frau [Name 1] von der [Name 2] steht")
    _drafts(tmp_path / "ws2", "innovationslabor.answers.yaml")
    assert (
        main(["summary", str(tmp_path / "ws2"), "-o", str(target), "--anonymous", "--force"]) == 0
    )
    text = target.read_text("utf-8")
    assert "Leere Läden zeitweise für Quartiersideen öffnen" in text
    assert "Die Antworten nennen Personen oder Organisationen" in text


def test_a_group_game_names_its_parties_by_role_only(tmp_path: Path) -> None:
    from tests.group_play import PLAYERS, play_all

    play_all(tmp_path / "ws")
    authors = [author for _, author in PLAYERS.values()]
    for fmt in SUMMARY_KEYS:
        target = tmp_path / f"spiel.{fmt}"
        assert main(["summary", str(tmp_path / "ws"), "-o", str(target), "--anonymous"]) == 0
        for where, text in _texts(target):
            assert not [a for a in authors if a in text], where
