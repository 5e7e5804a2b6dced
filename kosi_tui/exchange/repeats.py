"""A response export with its repeat groups: the main rows and each repeat group's rows.

Three shapes, told apart by their content, not their name: a CSV file (main rows only);
KoboToolbox's XLSX export (the main sheet first, then a sheet per repeat group whose rows name
their response by `_parent_index`, the main sheet's `_index`); ODK Central's CSV zip (the main
CSV and one CSV per repeat group, `FORM-GROUP.csv`, whose rows name theirs by `PARENT_KEY`, the
main file's `KEY`; media files in the zip are not read).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
import zlib
from pathlib import Path

from kosi_tui.core.visible_text import printable
from kosi_tui.exchange.responses import MAX_BYTES, Repeat, ResponsesError, Rows, read_rows
from kosi_tui.exchange.workbook import Cell, read_sheets

KOBO = ("_parent_index", "_index")
ODK = ("PARENT_KEY", "KEY")


def read_export(file: Path, raw: bytes) -> tuple[Rows, list[Repeat]]:
    """The main rows and the repeat groups of the response export `file` (its bytes `raw`);
    raises `ResponsesError`, or `ProblemsError` for a workbook that cannot be read."""
    if not raw.startswith(b"PK\x03\x04"):
        return read_rows(raw), []
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = archive.namelist()
            if "xl/workbook.xml" in names:
                return _workbook(file, raw)
            return _csv_zip(archive)
    except (zipfile.BadZipFile, zlib.error, EOFError):
        raise ResponsesError("responses_not_zip") from None
    except (RuntimeError, NotImplementedError):
        # zipfile's words for a member packed with a password or a method it cannot unpack.
        raise ResponsesError("responses_zip_locked") from None


def _text(value: Cell) -> str:
    """A workbook cell as the text a CSV export would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _workbook(file: Path, raw: bytes) -> tuple[Rows, list[Repeat]]:
    sheets = read_sheets(file, raw)
    found = [(name, [[_text(v) for v in row] for row in rows]) for name, rows in sheets.items()]
    found = [(name, rows) for name, rows in found if rows and any(rows[0])]
    if not found:
        raise ResponsesError("responses_empty")
    (main_name, main), *others = found
    repeats = []
    for name, rows in others:
        headings = [h.strip() for h in rows[0]]
        if KOBO[0] not in headings:
            continue
        if "_parent_table_name" in headings:
            # A repeat inside a repeat names its parent repeat: kosi's tables do not nest.
            at = headings.index("_parent_table_name")
            parents = {row[at] for row in rows[1:] if at < len(row) and row[at]}
            if parents and parents != {main_name}:
                continue
        repeats.append(Repeat(name, rows, *KOBO))
    return main, repeats


def _csv_zip(archive: zipfile.ZipFile) -> tuple[Rows, list[Repeat]]:
    members = [
        info
        for info in archive.infolist()
        if info.filename.lower().endswith(".csv") and not info.filename.startswith("media/")
    ]
    if not members:
        raise ResponsesError("responses_no_csv_in_zip")
    if sum(info.file_size for info in members) > MAX_BYTES:
        raise ResponsesError("responses_too_large", limit=MAX_BYTES)
    main: Rows | None = None
    repeats = []
    # The main file's name is the form's id, each repeat group's adds `-GROUP`: shortest first.
    for info in sorted(members, key=lambda i: (len(i.filename), i.filename)):
        rows = read_rows(archive.read(info))
        headings = [h.strip() for h in rows[0]]
        if ODK[0] in headings:
            repeats.append(Repeat(printable(Path(info.filename).name), rows, *ODK))
        elif main is None:
            main = rows
    if main is None:
        raise ResponsesError("responses_no_csv_in_zip")
    return main, repeats
