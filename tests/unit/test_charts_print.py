"""Charts printed in black and white: the co-investment report's funding bar, rendered by Typst
the way the PDF embeds it and turned grey, must keep its parties apart (by hatching, not only by
colour), and every part carries its number, in the bar or above it, and in the legend."""

from __future__ import annotations

import io
import itertools
import statistics
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from kosi_tui.core.session import Session
from kosi_tui.report.build import build_report
from kosi_tui.report.charts import Stacked, to_svg
from kosi_tui.report.document import Figure, Part
from kosi_tui.storage.opening import open_draft
from tests.conftest import ROOT

if TYPE_CHECKING:
    from PIL.Image import Image

pytest.importorskip("typst", reason="the pdf extra brings typst")
pytest.importorskip("PIL", reason="pdfplumber (test extra) brings Pillow")

SVG = "{http://www.w3.org/2000/svg}"


def _funding_chart() -> Figure:
    opened = open_draft(ROOT / "examples" / "koinvestition-fahrradgarage.answers.yaml")
    session = Session(opened.canvas.compiled, opened.draft.answers)
    document = build_report(session, opened.draft, "de")

    def figures(part: Part) -> list[Figure]:
        found: list[Figure] = []
        for block in part.blocks:
            found += [block] if isinstance(block, Figure) else []
            found += [b for b in getattr(block, "blocks", []) if isinstance(b, Figure)]
        return found

    charts = [f for part in document.parts for f in figures(part) if isinstance(f.chart, Stacked)]
    assert charts, "the report's first page has the funding bar"
    return charts[0]


def _grey(svg: str) -> Image:
    """The drawing as Typst puts it on paper, one pixel per SVG unit, in grey."""
    from kosi_tui.report.typst_text import compile_typst, lit

    width = float(ET.fromstring(svg).get("width") or 0)
    source = (
        "#set page(width: auto, height: auto, margin: 0pt)\n"
        f'#image(bytes({lit(svg)}), format: "svg", width: {width}pt)\n'
    )
    png = compile_typst(source, "png", ppi=72)
    from PIL import Image as Images

    return Images.open(io.BytesIO(bytes(png[0] if isinstance(png, list) else png))).convert("L")


def _parts(svg: str) -> list[tuple[float, float, float, float]]:
    """x, width, top and height of each party's area in the bar: the coloured rectangles
    taller than the legend's boxes (the gap to the target is white)."""
    return [
        tuple(float(r.get(k) or 0) for k in ("x", "width", "y", "height"))  # type: ignore[misc]
        for r in ET.fromstring(svg).iter(f"{SVG}rect")
        if (r.get("fill") or "").startswith("#")
        and r.get("fill") != "#fff"
        and float(r.get("height") or 0) >= 20
    ]


def _look(image: Image, x: float, width: float, top: float, height: float) -> list[float]:
    """What a part looks like in grey: its mean grey at each place of an 8-pixel tile (the
    hatchings repeat every 8 units), away from its edges and from the number in its middle."""
    middle = x + width / 2
    sums: dict[tuple[int, int], list[float]] = {}
    for px in range(int(x) + 2, int(x + width) - 2):
        if abs(px - middle) < 11:
            continue
        for py in range(int(top) + 2, int(top + height) - 2):
            sums.setdefault((px % 8, py % 8), []).append(float(image.getpixel((px, py))))  # type: ignore[arg-type]
    return [statistics.fmean(sums.get((i, j), [0.0])) for i in range(8) for j in range(8)]


def _apart(a: list[float], b: list[float]) -> float:
    """How far two looks are apart, however their tiles are shifted against each other."""
    tile = [[a[i * 8 + j] for j in range(8)] for i in range(8)]
    return min(
        statistics.fmean(
            abs(tile[(i + di) % 8][(j + dj) % 8] - b[i * 8 + j]) for i in range(8) for j in range(8)
        )
        for di in range(8)
        for dj in range(8)
    )


def test_parties_stay_apart_in_grey_print() -> None:
    figure = _funding_chart()
    assert isinstance(figure.chart, Stacked)
    svg = to_svg(figure.chart, figure.caption)
    image = _grey(svg)
    looks = [
        _look(image, *box)
        for box in _parts(svg)
        if box[1] >= 30  # a sliver is told apart by its number above the bar
    ]
    assert len(_parts(svg)) == len(figure.chart.parts) and len(looks) >= 3
    for a, b in itertools.combinations(looks, 2):
        # 30 of 256 grey levels on average: flat greys 21 apart (the old chart) blur on paper.
        assert _apart(a, b) > 30


def test_every_part_carries_its_number() -> None:
    figure = _funding_chart()
    assert isinstance(figure.chart, Stacked)
    parts = figure.chart.parts
    assert any(value < 400 for _, value, _ in parts), "the example has a 300 € sliver"
    texts = [
        t.text or "" for t in ET.fromstring(to_svg(figure.chart, figure.caption)).iter(f"{SVG}text")
    ]
    for number in range(1, len(parts) + 1):
        # Once on the bar (or above it) and once in the legend.
        assert texts.count(str(number)) == 2, (number, texts)
    for label, _, amount in parts:
        assert any(label in text and amount in text for text in texts)


def test_a_pdf_of_the_report_still_has_one_first_page(tmp_path: Path) -> None:
    from kosi_tui.cli import main

    pypdf = pytest.importorskip("pypdf")
    out = tmp_path / "bericht.pdf"
    assert main(["report", str(ROOT / "examples" / "koinvestition-fahrradgarage.answers.yaml"),
                 "-o", str(out)]) == 0  # fmt: skip
    first = pypdf.PdfReader(out).pages[0].extract_text()
    assert "Wer bringt wie viel Geld ein" in first and "Nächste Schritte" in first


@pytest.mark.parametrize("example", ["labor-reifegrad", "koinvestition-fahrradgarage"])
def test_a_chart_on_the_first_page_is_not_drawn_again(example: str, tmp_path: Path) -> None:
    from kosi_tui.cli import main

    out = tmp_path / "bericht.html"
    assert main(["report", str(ROOT / "examples" / f"{example}.answers.yaml"), "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    titles = [
        t.split("</title>")[0] for t in html.split("<svg")[1:] for t in [t.split("<title>")[1]]
    ]
    assert titles and len(titles) == len(set(titles)), titles
    # The evaluation says where the chart is.
    assert "steht auf der ersten Seite" in html


def test_a_long_bar_label_is_wrapped_not_cut() -> None:
    """A choice's label in a bar chart is read whole: "Stabsstelle, Strategie, Organisation"
    printed as "Stabsstelle, Strategie, Organisat…" in the summary."""
    from kosi_tui.report.charts import Bars, to_svg

    label = "Stabsstelle, Strategie, Organisation"
    svg = to_svg(Bars([label, "Kurz"], [1.0, 0.0], ["1 (50 %)", "0 (0 %)"], 0, 2), "Rolle")
    texts = [t.text or "" for t in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")]
    assert "…" not in "".join(texts)
    assert " ".join(t for t in texts if t not in ("1 (50 %)", "0 (0 %)", "Kurz")) == label
