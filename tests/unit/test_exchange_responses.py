"""`kosi import RESPONSES --canvas CANVAS --into FOLDER`: a response export in each
platform's shape (a CSV file; KoboToolbox's XLSX and ODK Central's CSV zip with the tables as
repeat groups) – written here from the canvas and from the survey file kosi exported, the way
ODK/KoboToolbox and LimeSurvey write their CSV – becomes drafts that `kosi summary`,
`kosi report` and the Planspiel board read; bad values are named and left out; nothing is
overwritten."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from kosi_tui.cli import main
from kosi_tui.core.canvas import Canvas
from kosi_tui.core.kinds import (
    Date,
    Info,
    ListQuestion,
    LongText,
    MultiChoice,
    Number,
    Scale,
    ShortText,
    SingleChoice,
    Table,
    YesNo,
)
from kosi_tui.report.game import load_game
from kosi_tui.storage.canvas_file import load_canvas
from kosi_tui.storage.draft_file import load_draft
from tests.conftest import ROOT

CANVASES = ROOT / "canvases"


def sample(question: Any, n: int) -> Any:
    """A valid answer for response `n` (0, 1, …), as kosi keeps it."""
    match question:
        case ShortText() | LongText():
            return f"Antwort {n} zu {question.id}, ausführlich genug geschrieben?"
        case SingleChoice():
            return question.choices[n % len(question.choices)].id
        case MultiChoice():
            count = min(2, question.max_selected or 2, len(question.choices))
            return [c.id for c in question.choices[:count]]
        case Scale():
            return question.max - n % (question.max - question.min + 1)
        case Number():
            low = question.min if question.min is not None else 0
            value = low + 2 + n
            return int(value) if question.integer else value + 0.5
        case Date():
            return dt.date(2026, 3, 1 + n)
        case ListQuestion():
            return ["erstens", "zweitens"]
        case YesNo():
            return n % 2 == 0
        case Table():
            rows = []
            for r in range(2):
                row: dict[str, Any] = {}
                for column in question.columns:
                    if column.type == "text":
                        row[column.id] = f"Zeile {r + 1}"
                    elif column.type == "number":
                        low = column.min if column.min is not None else 0
                        row[column.id] = int(low) + 1 if column.integer else low + 1.5
                    elif column.type == "choice":
                        row[column.id] = (column.choices or [])[0].id
                    else:
                        row[column.id] = [(column.choices or [])[0].id]
                rows.append(row)
            return rows
    raise AssertionError(type(question).__name__)


def expected(canvas: Canvas, n: int, tables: bool) -> dict[str, Any]:
    return {
        f"{s.id}.{q.id}": sample(q, n)
        for s, q in canvas.iter_questions()
        if not isinstance(q, Info) and (tables or not isinstance(q, Table))
    }


def write_csv(path: Path, headings: list[str], rows: list[list[str]], sep: str = ",") -> None:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep)
    writer.writerow(headings)
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def kobo_csv(canvas: Canvas, count: int, path: Path) -> None:
    """KoboToolbox's CSV export: group paths before the field names, several choices space-
    separated plus a 0/1 column per choice, its own columns around them."""
    headings, cells = kobo_rows(canvas, count)
    write_csv(path, headings, cells)


def platform_text(question: Any, value: Any) -> str:
    """An answer as an XLSForm platform exports it."""
    if isinstance(question, MultiChoice):
        return " ".join(value)
    if isinstance(question, YesNo):
        return "yes" if value else "no"
    if isinstance(question, ListQuestion):
        return "\n".join(value)
    if isinstance(question, Date):
        return str(value.isoformat())
    return str(value)


def kobo_rows(canvas: Canvas, count: int) -> tuple[list[str], list[list[str]]]:
    headings = ["start", "end"]
    cells: list[list[str]] = [[f"2026-03-0{n + 1}T09:00:00", f"2026-03-0{n + 1}T09:30:00"]
                              for n in range(count)]  # fmt: skip
    for section, question in canvas.iter_questions():
        if isinstance(question, Info | Table):
            continue
        name = f"{section.id}/{section.id}__{question.id}"
        headings.append(name)
        for n in range(count):
            cells[n].append(platform_text(question, sample(question, n)))
        if isinstance(question, MultiChoice):
            for choice in question.choices:
                headings.append(f"{name}/{choice.id}")
                for n in range(count):
                    cells[n].append("1" if choice.id in sample(question, n) else "0")
    headings += ["_id", "_uuid", "_submission_time"]
    for n in range(count):
        cells[n] += [str(100 + n), f"uuid-{n}-abc", f"2026-03-0{n + 1}T09:31:00"]
    return headings, cells


def repeat_rows(canvas: Canvas, count: int) -> dict[str, tuple[Table, list[tuple[int, Any]]]]:
    """Each table's rows by its XLSForm name: the question and (response, row) pairs."""
    found = {}
    for section, question in canvas.iter_questions():
        if isinstance(question, Table):
            rows = [(n, row) for n in range(count) for row in sample(question, n)]
            found[f"{section.id}__{question.id}"] = (question, rows)
    return found


def cell_value(value: Any) -> Any:
    """A table cell as the platform writes it: several choices space-separated."""
    return " ".join(value) if isinstance(value, list) else value


def kobo_xlsx(canvas: Canvas, count: int, path: Path) -> None:
    """KoboToolbox's XLSX export ("XML values and headers", groups in headings): the main sheet
    with `_index`, then a sheet per repeat group whose rows name theirs by `_parent_index`."""
    headings, cells = kobo_rows(canvas, count)
    book = openpyxl.Workbook()
    main_sheet = book.active
    main_sheet.title = canvas.id[:31]
    main_sheet.append([*headings, "_validation_status", "_status", "__version__", "_index"])
    for n, row in enumerate(cells):
        main_sheet.append([*row, "", "submitted_via_web", "vAbc", n + 1])
    for name, (question, rows) in repeat_rows(canvas, count).items():
        sheet = book.create_sheet(name[:31])
        section = name.split("__")[0]
        sheet.append([f"{section}/{name}/{name}__{c.id}" for c in question.columns]
                     + ["_index", "_parent_table_name", "_parent_index", "_submission__id",
                        "_submission__uuid"])  # fmt: skip
        for index, (n, row) in enumerate(rows, start=1):
            sheet.append([cell_value(row[c.id]) for c in question.columns]
                         + [index, main_sheet.title, n + 1, 100 + n, f"uuid-{n}-abc"])  # fmt: skip
    book.save(path)


def odk_zip(canvas: Canvas, count: int, path: Path, form: str = "innovation") -> None:
    """ODK Central's CSV zip: `FORM.csv` (group paths with `-`, `KEY`) and a `FORM-GROUP.csv` per
    repeat group whose rows name theirs by `PARENT_KEY`."""
    headings = ["SubmissionDate"]
    cells: list[list[str]] = [[f"2026-03-0{n + 1}T09:31:00.000Z"] for n in range(count)]
    for section, question in canvas.iter_questions():
        if isinstance(question, Info | Table):
            continue
        headings.append(f"{section.id}-{section.id}__{question.id}")
        for n in range(count):
            cells[n].append(platform_text(question, sample(question, n)))
    headings += ["meta-instanceID", "SubmitterID", "ReviewState", "KEY"]
    for n in range(count):
        cells[n] += [f"uuid:{n}-abc", "7", "", f"uuid:{n}-abc"]
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(f"{form}.csv", csv_text(headings, cells))
        for name, (question, rows) in repeat_rows(canvas, count).items():
            numbers: dict[int, int] = {}
            lines = []
            for n, row in rows:
                numbers[n] = numbers.get(n, 0) + 1
                lines.append([str(cell_value(row[c.id])) for c in question.columns]
                             + [f"uuid:{n}-abc", f"uuid:{n}-abc/{name}[{numbers[n]}]"])  # fmt: skip
            columns = [f"{name}__{c.id}" for c in question.columns]
            archive.writestr(f"{form}-{name}.csv", csv_text([*columns, "PARENT_KEY", "KEY"], lines))
        archive.writestr("media/foto.jpg", b"\xff\xd8")


def csv_text(headings: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headings)
    writer.writerows(rows)
    return out.getvalue()


def survey_codes(survey: Path) -> list[tuple[str, list[str], list[str]]]:
    """From the exported LimeSurvey file, in the first language: each question's code, its
    answer codes and its subquestion codes, in canvas order (by position)."""
    text = survey.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter="\t"))
    first = rows[0]["text"]
    found: list[tuple[str, list[str], list[str]]] = []
    for row in rows:
        if row["language"] != first:
            continue
        if row["class"] == "Q":
            found.append((row["name"], [], []))
        elif row["class"] == "A":
            found[-1][1].append(row["name"])
        elif row["class"] == "SQ":
            found[-1][2].append(f"{row['type/scale']}:{row['name']}")
    return found


def limesurvey_csv(canvas: Canvas, count: int, survey: Path, path: Path) -> None:
    """LimeSurvey's response export with "question code" headings and answer codes."""
    codes = survey_codes(survey)
    headings = ["id", "submitdate", "lastpage", "startlanguage", "seed"]
    cells = [[str(n + 1), f"2026-03-0{n + 1} 10:00:00", "3", "de", "123"] for n in range(count)]
    for index, (_, question) in enumerate(canvas.iter_questions()):
        code, answers, subs = codes[index]
        if isinstance(question, Info):
            continue
        if isinstance(question, MultiChoice):
            for i, sub in enumerate(subs):
                headings.append(f"{code}[{sub.split(':')[1]}]")
                for n in range(count):
                    cells[n].append("Y" if question.choices[i].id in sample(question, n) else "")
            continue
        if isinstance(question, Table):
            rows = [s.split(":")[1] for s in subs if s.startswith("0:")]
            columns = [s.split(":")[1] for s in subs if s.startswith("1:")]
            for r, row_code in enumerate(rows):
                for c, column_code in enumerate(columns):
                    headings.append(f"{code}[{row_code}_{column_code}]")
                    column = question.columns[c]
                    for n in range(count):
                        value = sample(question, n)
                        cell = value[r][column.id] if r < len(value) else ""
                        cells[n].append(",".join(cell) if isinstance(cell, list) else str(cell))
            continue
        headings.append(code)
        for n in range(count):
            value = sample(question, n)
            if isinstance(question, SingleChoice):
                text = answers[[c.id for c in question.choices].index(value)]
            elif isinstance(question, Scale):
                text = answers[value - question.min]
            elif isinstance(question, YesNo):
                text = "Y" if value else "N"
            elif isinstance(question, Number):
                text = f"{value:.10f}"
            elif isinstance(question, Date):
                text = f"{value.isoformat()} 00:00:00"
            elif isinstance(question, ListQuestion):
                text = "\n".join(value)
            else:
                text = str(value)
            cells[n].append(text)
    write_csv(path, headings, cells, sep=";")


def answers_of(folder: Path) -> list[dict[str, Any]]:
    return [load_draft(p).answers for p in sorted(folder.glob("*.yaml"))]


@pytest.mark.parametrize("name", ["innovationslabor", "labor-reifegrad"])
def test_a_kobo_export_becomes_drafts_the_summary_and_report_read(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    canvas = load_canvas(CANVASES / f"{name}.yaml").canvas
    responses = tmp_path / "kobo.csv"
    kobo_csv(canvas, 3, responses)
    folder = tmp_path / "drafts"
    assert main(["import", str(responses), "--canvas", canvas.id, "--into", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "3 Entwürfe aus xlsform" in out
    assert answers_of(folder) == [expected(canvas, n, tables=False) for n in range(3)]
    assert main(["summary", str(folder), "-o", str(tmp_path / "summary.md")]) == 0
    first = sorted(folder.glob("*.yaml"))[0]
    assert main(["report", str(first), "-o", str(tmp_path / "report.md")]) == 0


@pytest.mark.parametrize("name", ["innovationslabor", "labor-reifegrad"])
def test_a_limesurvey_export_becomes_drafts_the_summary_and_report_read(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    canvas = load_canvas(CANVASES / f"{name}.yaml").canvas
    survey = tmp_path / "survey.txt"
    assert main(["export", canvas.id, "--limesurvey", "-o", str(survey)]) == 0
    responses = tmp_path / "results-survey.csv"
    limesurvey_csv(canvas, 3, survey, responses)
    folder = tmp_path / "drafts"
    assert main(["import", str(responses), "--canvas", canvas.id, "--into", str(folder)]) == 0
    assert "3 Entwürfe aus limesurvey" in capsys.readouterr().out
    assert answers_of(folder) == [expected(canvas, n, tables=True) for n in range(3)]
    assert main(["summary", str(folder), "-o", str(tmp_path / "summary.md")]) == 0
    first = sorted(folder.glob("*.yaml"))[0]
    assert main(["report", str(first), "-o", str(tmp_path / "report.md")]) == 0


def test_the_planspiel_board_reads_imported_responses(tmp_path: Path) -> None:
    path = CANVASES / "planspiel-fahrradgarage.yaml"
    canvas = load_canvas(path).canvas
    responses = tmp_path / "kobo.csv"
    kobo_csv(canvas, 4, responses)
    folder = tmp_path / "spiel"
    assert main(["import", str(responses), "--canvas", str(path), "--into", str(folder)]) == 0
    game = load_game(folder, "de", path)
    assert len(game.members) == 4
    roles = next(q for _, q in canvas.iter_questions() if isinstance(q, SingleChoice))
    assert roles.id == "rolle"
    assert sorted(m.role or "" for m in game.members) == sorted(c.id for c in roles.choices[:4])
    assert game.rounds()


def test_bad_values_are_named_and_left_out_and_nothing_is_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    canvas = load_canvas(CANVASES / "labor-reifegrad.yaml").canvas
    responses = tmp_path / "kobo.csv"
    kobo_csv(canvas, 2, responses)
    rows = list(csv.reader(io.StringIO(responses.read_text(encoding="utf-8"))))
    scale = next(i for i, h in enumerate(rows[0]) if rows[1][i] in ("5", "4") and "/" in h)
    rows[2][scale] = "viele"
    write_csv(responses, rows[0], rows[1:])
    folder = tmp_path / "drafts"
    assert main(["import", str(responses), "--canvas", canvas.id, "--into", str(folder)]) == 1
    out = capsys.readouterr().out
    assert f"{responses}:3:{rows[0][scale]}: Warnung: „viele“ nicht übernommen" in out
    kept = answers_of(folder)
    key = rows[0][scale].split("/")[-1].replace("__", ".")
    assert key in kept[0] and key not in kept[1]
    first = sorted(folder.glob("*.yaml"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "# von Hand ergänzt\n", "utf-8")
    before = first.read_bytes()
    assert main(["import", str(responses), "--canvas", canvas.id, "--into", str(folder)]) == 1
    assert "0 Entwürfe" in capsys.readouterr().out
    assert first.read_bytes() == before
    assert len(list(folder.glob("*.yaml"))) == 2


def test_a_file_without_the_canvas_questions_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    responses = tmp_path / "fremd.csv"
    write_csv(responses, ["Name", "Alter"], [["Anna", "34"]])
    folder = tmp_path / "drafts"
    assert (
        main(["import", str(responses), "--canvas", "labor_reifegrad", "--into", str(folder)]) == 1
    )
    assert "Keine Spaltenüberschrift nennt eine Frage" in capsys.readouterr().out
    assert not folder.exists()


@pytest.mark.parametrize("shape", ["kobo.xlsx", "odk.zip"])
def test_tables_come_back_from_kobos_workbook_and_odk_centrals_zip(
    shape: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    canvas = load_canvas(CANVASES / "innovationslabor.yaml").canvas
    responses = tmp_path / shape
    (kobo_xlsx if shape == "kobo.xlsx" else odk_zip)(canvas, 3, responses)
    folder = tmp_path / "drafts"
    assert main(["import", str(responses), "--canvas", canvas.id, "--into", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "3 Entwürfe aus xlsform" in out and "Tabelle" not in out, out
    assert answers_of(folder) == [expected(canvas, n, tables=True) for n in range(3)]
    assert main(["summary", str(folder), "-o", str(tmp_path / "summary.md")]) == 0
    summary = (tmp_path / "summary.md").read_text("utf-8")
    assert "Zeile 2" in summary


def test_a_bad_cell_in_a_repeat_group_is_named_by_its_file_row_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    canvas = load_canvas(CANVASES / "innovationslabor.yaml").canvas
    responses = tmp_path / "odk.zip"
    odk_zip(canvas, 2, responses)
    with zipfile.ZipFile(responses) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    member = "innovation-risiken__top.csv"
    rows = list(csv.reader(io.StringIO(files[member].decode("utf-8"))))
    column = rows[0].index("risiken__top__wahrscheinlichkeit")
    rows[3][column] = "sehr"
    files[member] = csv_text(rows[0], rows[1:]).encode("utf-8")
    with zipfile.ZipFile(responses, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    folder = tmp_path / "drafts"
    assert main(["import", str(responses), "--canvas", canvas.id, "--into", str(folder)]) == 1
    out = capsys.readouterr().out
    where = f"{responses}!{member}:4:risiken__top__wahrscheinlichkeit: Warnung: „sehr“"
    assert where in out, out
    second = answers_of(folder)[1]["risiken.top"]
    assert [row["wahrscheinlichkeit"] for row in second] == [None, 1 + 1]


def test_a_csv_alone_says_where_its_tables_are(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    canvas = load_canvas(CANVASES / "innovationslabor.yaml").canvas
    responses = tmp_path / "kobo.csv"
    kobo_csv(canvas, 1, responses)
    assert main(["import", str(responses), "--canvas", canvas.id, "--into", str(tmp_path)]) == 0
    assert (
        "bei KoboToolbox die XLSX-Datei, bei ODK Central die ZIP-Datei" in capsys.readouterr().out
    )


@pytest.mark.parametrize("damage", ["encrypted", "unknown_method", "broken_stream"])
def test_a_locked_or_damaged_zip_is_said_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: str
) -> None:
    # A zip packed with a password (7-Zip's AES is method 99), or whose data is damaged.
    responses = tmp_path / "odk.zip"
    with zipfile.ZipFile(responses, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("form.csv", "KEY,eins-name\nuuid:1,Labor\n" * 50)
    data = bytearray(responses.read_bytes())
    central = data.find(b"PK\x01\x02")
    if damage == "encrypted":
        data[6] |= 1
        data[central + 8] |= 1
    elif damage == "unknown_method":
        data[8:10] = data[central + 10 : central + 12] = (99).to_bytes(2, "little")
    else:
        start = 30 + len("form.csv")
        data[start : start + 8] = b"\xff" * 8
    responses.write_bytes(bytes(data))
    folder = tmp_path / "drafts"
    assert (
        main(["import", str(responses), "--canvas", "labor_reifegrad", "--into", str(folder)]) == 1
    )
    out = capsys.readouterr().out
    assert "Traceback" not in out and "ZIP" in out
    assert not folder.exists()
