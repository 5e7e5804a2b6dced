"""Times each document of the default report against writing its Markdown in the same run:
Markdown, HTML, PDF (Typst), Word, the decision paper (with the report as its attachment) as Word
and PDF, the poster, the blank copy as PDF, a workshop's summary as PDF and Word, and its answers
as .xlsx and .csv. Target for the PDF: at most 1 s.

    python bench/documents_bench.py [--runs 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.timing import median_ms  # noqa: E402
from kosi_tui.core.session import Session  # noqa: E402
from kosi_tui.report.blank import blank_document  # noqa: E402
from kosi_tui.report.build import build_report  # noqa: E402
from kosi_tui.report.collect import collect_workshop  # noqa: E402
from kosi_tui.report.document import Document  # noqa: E402
from kosi_tui.report.poster import write_poster  # noqa: E402
from kosi_tui.report.sheets import write_csv, write_xlsx  # noqa: E402
from kosi_tui.report.summary import render_summary  # noqa: E402
from kosi_tui.report.summary_document import build_summary_document  # noqa: E402
from kosi_tui.report.vorlage import build_vorlage  # noqa: E402
from kosi_tui.report.write_docx import write_docx  # noqa: E402
from kosi_tui.report.write_html import write_html  # noqa: E402
from kosi_tui.report.write_markdown import write_markdown  # noqa: E402
from kosi_tui.report.write_pdf import write_pdf  # noqa: E402
from kosi_tui.storage.opening import open_draft  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    example = ROOT / "examples" / "innovationslabor.answers.yaml"
    opened = open_draft(example)
    compiled = opened.canvas.compiled
    today = dt.date(2027, 3, 20)

    def document() -> Document:
        session = Session(compiled, opened.draft.answers)
        return build_report(session, opened.draft, "de", today)

    def vorlage() -> Document:
        paper = build_vorlage(Session(compiled, opened.draft.answers), opened.draft, "de", today)
        assert paper is not None
        return paper

    with tempfile.TemporaryDirectory() as folder:
        for n in range(20):
            (Path(folder) / f"p{n}.yaml").write_text(example.read_text("utf-8"), encoding="utf-8")
        workshop = collect_workshop([Path(folder)], "de")

    def summary() -> Document:
        # As `kosi summary` does: the Markdown first, which leaves out drafts it cannot use.
        render_summary(workshop, "de", today=today)
        return build_summary_document(workshop, "de", today=today)

    # Every writer once before timing: imports and Typst's fonts are loaded once per process.
    for writer in (write_markdown, write_html, write_pdf, write_docx):
        writer(document())
    write_poster(compiled, Session(compiled, opened.draft.answers), "de")
    write_xlsx(workshop, False, "de")

    baseline = median_ms(lambda: write_markdown(document()), runs)
    rows = [
        ("Markdown (baseline)", baseline),
        ("HTML", median_ms(lambda: write_html(document()), runs)),
        ("PDF", median_ms(lambda: write_pdf(document()), runs)),
        ("Word", median_ms(lambda: write_docx(document()), runs)),
        ("Decision paper (Word)", median_ms(lambda: write_docx(vorlage()), runs)),
        ("Decision paper (PDF)", median_ms(lambda: write_pdf(vorlage()), runs)),
        (
            "Poster (PDF, A3)",
            median_ms(
                lambda: write_poster(compiled, Session(compiled, opened.draft.answers), "de"), runs
            ),
        ),
        ("Blank copy (PDF)", median_ms(lambda: write_pdf(blank_document(compiled, "de")), runs)),
        ("Summary of 20 (PDF)", median_ms(lambda: write_pdf(summary()), runs)),
        ("Summary of 20 (Word)", median_ms(lambda: write_docx(summary()), runs)),
        ("Workshop of 20 as .xlsx", median_ms(lambda: write_xlsx(workshop, False, "de"), runs)),
        ("Workshop of 20 as .csv", median_ms(lambda: write_csv(workshop, False, "de"), runs)),
    ]
    print(f"default report ({example.name}), median of {runs} runs, same process:")
    for name, ms in rows:
        print(f"  {name:<26} {ms:8.1f} ms   {ms / baseline:5.2f}x Markdown")
    pdf_ms = rows[2][1]
    print(f"PDF within 1 s: {'yes' if pdf_ms <= 1000 else 'NO'} ({pdf_ms / 1000:.3f} s)")


if __name__ == "__main__":
    main()
