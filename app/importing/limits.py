"""The caps every outside spreadsheet must fit before a native reader sees it, and why.

What real files weigh (measured): the sample branch roster (tests/fixtures/roster_sample.xlsx) is 11 KB
with a 61 KB sheet; a branch keeps tens to a few hundred members in 15–30 columns; the largest
roster the program meets is a county's, about 20,000 rows × 15 columns — 1.9 MB as .xlsx, a
16.5 MB sheet once inflated (openpyxl and WPS write inline strings), about 3 MB as CSV. A
branch's quarterly workbook for merging is smaller still. Each cap leaves five times the
county's size, so no real file comes near one, while the hostile files of issue 16 (a cell at
XFD1048576, 10⁹ repeated .ods rows, a 60 MB CSV of newlines, a 388 MB sheet) are far beyond.
"""

MAX_ROWS = 100_000  # a county is 20,000 people
MAX_COLUMNS = 200  # a real roster has 15–30 columns; Excel's XFD is 16,384
MAX_PART_BYTES = 120 * 1024 * 1024  # one inflated sheet: 100,000 rows ≈ 83 MB of XML
MAX_CSV_BYTES = 30 * 1024 * 1024  # 100,000 rows of a 15-column roster ≈ 15 MB of CSV

# The native reader's child process (app.importing.cage). The county roster reads in about
# 0.3 s and 250 MB of address space; the limits leave room for a slow office PC.
CHILD_MEMORY_BYTES = 2 * 1024 * 1024 * 1024
CHILD_SECONDS = 120.0


def column_letters(index: int) -> str:
    """1 → A, 200 → GR, 16384 → XFD (for messages)."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_number(letters: str) -> int:
    """A → 1, XFD → 16384 (letters already upper-case)."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n
