"""How a table sheet goes onto paper: A4, the orientation, fit to one page wide, repeated
header rows, 第 &P 页 共 &N 页 — and the arithmetic that keeps the print readable.

"Fit to one page wide" lets Excel, WPS and LibreOffice shrink a wide table until it fits: a
26-column table came out at 4.5 pt. So the widths are chosen first, here, against the width
of the paper: a table that fits portrait stays portrait, one that does not goes landscape, and
the columns holding long text (原单位及职务, 家庭住址, 诉求 …) give up width and wrap before
anything is shrunk. `print_scale` is the factor the spreadsheet will apply; the LibreOffice
print test (tests/unit/test_quarterly_print.py) measures the result on the printed PDF.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable

A4_INCHES = (8.27, 11.69)
SIDE_MARGIN = 0.4  # inches, left and right
DPI = 96
# a column `w` characters wide: Excel and WPS draw it w × 7 + 5 pixels wide (the maximum digit
# width of the workbook's default font, Calibri 11, plus padding); LibreOffice takes Calibri's
# (or its twin Carlito's) exact digit width, 7.43 px, for w + 0.71 characters — wider, so the
# page fit is worked out with LibreOffice's measure and the lines of wrapped text with Excel's
EXCEL_PX, EXCEL_PAD = 7, 5
CALC_PX, CALC_PAD = 7.43, 0.71 * 7.43
FOOTER = "&C第 &P 页 共 &N 页"


def column_px(width: float) -> float:
    """The widest a column of `width` characters is drawn (LibreOffice's measure)."""
    return width * CALC_PX + CALC_PAD


def printable_px(landscape: bool) -> float:
    paper = A4_INCHES[1] if landscape else A4_INCHES[0]
    return (paper - 2 * SIDE_MARGIN) * DPI


def print_scale(widths: Iterable[float], landscape: bool) -> float:
    """The fit-to-width factor (1.0 when the columns fit the paper)."""
    total = sum(column_px(w) for w in widths)
    return min(1.0, printable_px(landscape) / total) if total else 1.0


def fit_widths(widths: dict[int, float], give: Iterable[int], landscape: bool | None,
               narrowest: float = 10) -> tuple[dict[int, float], bool]:
    """(widths, landscape): portrait when the table fits it (unless `landscape` says), else
    landscape. The columns of long text (`give`) then take up the paper's width: narrowed in
    turn (widest first, not below `narrowest`) so the table fits before anything is shrunk,
    or widened (up to twice) where there is room, so their text wraps into fewer lines."""
    give = list(give)
    if landscape is None:
        narrowed = _fitted(widths, give, False, narrowest)
        if sum(column_px(w) for w in narrowed.values()) <= printable_px(False) * 0.98:
            return narrowed, False
        landscape = True
    return _fitted(widths, give, landscape, narrowest), landscape


def _fitted(widths: dict[int, float], give: list[int], landscape: bool,
            narrowest: float) -> dict[int, float]:
    widths = dict(widths)
    # aim 2 % inside the paper: LibreOffice's own arithmetic differs from ours by a pixel or two
    # a column, and a table 1 % too wide prints 1 % smaller
    excess = sum(column_px(w) for w in widths.values()) - printable_px(landscape) * 0.98
    if excess < 0 and give:  # room to spare: shared out in proportion, each at most doubled
        share = sum(widths[c] for c in give)
        for c in give:
            widths[c] += min(widths[c], -excess / CALC_PX * widths[c] / share)
        return widths
    cols = [c for c in give if widths.get(c, 0) > narrowest]
    while excess > 0 and cols:
        col = max(cols, key=lambda c: widths[c])
        cut = min(widths[col] - narrowest, excess / CALC_PX, 1.0)
        widths[col] -= cut
        excess -= cut * CALC_PX
        cols = [c for c in cols if widths[c] > narrowest]
    return widths


def page_setup(ws, landscape: bool, repeat: tuple[int, int] | None,
               freeze: tuple[int, int] | None) -> None:
    """A4, orientation, one page wide, `repeat` rows (0-based first, last) on every page, the
    page-number footer, side margins, and frozen panes at (row, column)."""
    ws.set_paper(9)  # A4
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.fit_to_pages(1, 0)  # one page wide, as many pages long as it takes
    if repeat is not None:
        ws.repeat_rows(*repeat)
    ws.set_footer(FOOTER)
    ws.set_margins(left=SIDE_MARGIN, right=SIDE_MARGIN)
    if freeze is not None:
        ws.freeze_panes(*freeze)


def text_px(text: str, size: float, latin_em: float) -> float:
    """Printed width of `text` at `size` pt, in pixels: a Chinese character is one em, other
    characters `latin_em` (宋体 in Excel: 0.5; LibreOffice on Linux draws them wider)."""
    em = size * DPI / 72
    return sum(em if ord(ch) > 0x2E80 else latin_em * em for ch in text)


@functools.lru_cache(maxsize=65536)  # a column repeats its values (names, titles, dates)
def lines_needed(text: str, width: float, size: float) -> int:
    """Lines a wrapped cell of column width `width` needs for `text`: the more of Excel's
    drawing (narrower column, 宋体) and LibreOffice's on Linux (wider column, wider Latin
    letters). A row too tall wastes a little paper; one too short would cut text off."""
    drawings = ((width * EXCEL_PX + EXCEL_PAD - 6, 0.52), (column_px(width) - 6, 0.66))
    return max(sum(max(1, math.ceil(text_px(part, size, em) / max(room, 1)))
                   for part in str(text).split("\n"))
               for room, em in drawings)


def row_height(lines: int, size: float) -> float:
    """Points for a row of `lines` lines of `size` pt text."""
    return lines * size * 1.25 + 4
