"""What every printed document is checked for, read back from the PDF (pypdf, pdfplumber): its
fonts embedded, no character outside its page or its table cell, the smallest type, how full each
page is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

MM = 72 / 25.4


def font_embedded(font: Any) -> bool:
    """Whether a PDF font carries its glyphs (a composite font in its descendant)."""
    font = font.get_object()
    if "/DescendantFonts" in font:
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return False
    descriptor = descriptor.get_object()
    return any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def fonts_not_embedded(path: Path) -> set[str]:
    """The names of the fonts of a PDF that are not embedded (empty: all are)."""
    from pypdf import PdfReader

    missing = set()
    for page in PdfReader(path).pages:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources is not None else None
        for name, font in (fonts.get_object() if fonts is not None else {}).items():
            if not font_embedded(font):
                missing.add(str(font.get_object().get("/BaseFont", name)))
    return missing
