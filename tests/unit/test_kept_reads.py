"""A file is read again exactly when it changed: its size, modification time or inode."""

from __future__ import annotations

import os
from pathlib import Path

from kosi_tui.storage.kept_reads import KeptReads


def counting(path_reads: list[Path]) -> KeptReads[str]:
    def read(path: Path) -> str:
        path_reads.append(path)
        return path.read_text()

    return KeptReads(read)


def test_an_unchanged_file_is_not_read_again(tmp_path: Path) -> None:
    reads: list[Path] = []
    kept = counting(reads)
    file = tmp_path / "a.yaml"
    file.write_text("eins")
    assert kept.get(file) == "eins"
    assert kept.get(file) == "eins"
    assert reads == [file]


def test_a_change_of_the_same_size_is_seen_by_its_time(tmp_path: Path) -> None:
    reads: list[Path] = []
    kept = counting(reads)
    file = tmp_path / "a.yaml"
    file.write_text("eins")
    kept.get(file)
    stat = file.stat()
    file.write_text("zwei")
    os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000))
    assert kept.get(file) == "zwei"
    assert len(reads) == 2


def test_a_replaced_file_is_seen_by_its_inode(tmp_path: Path) -> None:
    # An atomic save: a new file of the same size and time put in place of the old one.
    reads: list[Path] = []
    kept = counting(reads)
    file = tmp_path / "a.yaml"
    file.write_text("eins")
    kept.get(file)
    stat = file.stat()
    other = tmp_path / "neu.tmp"
    other.write_text("zwei")
    os.utime(other, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    os.replace(other, file)
    assert kept.get(file) == "zwei"
    assert len(reads) == 2


def test_files_no_longer_listed_are_forgotten(tmp_path: Path) -> None:
    reads: list[Path] = []
    kept = counting(reads)
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text("eins")
    second.write_text("zwei")
    kept.get(first)
    kept.get(second)
    kept.keep_only([second])
    kept.get(first)
    kept.get(second)
    assert reads == [first, second, first]
