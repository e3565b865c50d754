"""A finished PDF's pages as pixels, for the in-program print preview and for printing.

pdfium (the pypdfium2 wheel) draws the pages; the window wraps the pixels in a QImage. Qt's own
QtPdf is not used: its wheel exists only for the PySide6 release that Python 3.11 must not have
(see pyproject.toml), and pdfium draws the same pages on every Python the program runs on.
The document stays open while a preview shows it; close it (or use `with`) when done.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium


@dataclass(frozen=True)
class PagePixels:
    """One page drawn as 32-bit pixels, blue-green-red-unused byte order (Qt's RGB32)."""

    width: int
    height: int
    stride: int
    data: bytes


class PdfPages:
    """An open PDF: its page count, page sizes in points, and pages drawn to a given width."""

    def __init__(self, path: Path | str):
        self._doc = pdfium.PdfDocument(str(path))

    def __enter__(self) -> PdfPages:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def __len__(self) -> int:
        return len(self._doc)

    def size(self, index: int) -> tuple[float, float]:
        """(width, height) of page `index` in points (1/72 inch)."""
        width, height = self._doc.get_page_size(index)
        return float(width), float(height)

    def draw(self, index: int, width_px: int) -> PagePixels:
        """Page `index` scaled to `width_px` pixels wide, white background."""
        page_w, _page_h = self.size(index)
        page = self._doc[index]
        try:
            bitmap = page.render(scale=max(width_px, 1) / max(page_w, 1.0), prefer_bgrx=True)
            try:
                return PagePixels(bitmap.width, bitmap.height, bitmap.stride,
                                  bytes(bitmap.buffer))
            finally:
                bitmap.close()
        finally:
            page.close()

    def close(self) -> None:
        self._doc.close()
