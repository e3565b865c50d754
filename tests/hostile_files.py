"""Tiny, deterministic hostile files for the readers (issue 16).

Each generator takes the path to write and returns it (or None where the platform cannot make
that kind of file). They are small on disk — the harm is in what a native reader would make of
them — except `csv_of_newlines`, which writes the size it is asked for. HOSTILE lists them by
name, so the adversarial table can run every one through `python -m app import-members`.
"""

from __future__ import annotations

import os
import struct
import zipfile
from pathlib import Path

_CT = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
       b'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
       b'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="'
       b'application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.'
       b'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/'
       b'worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
       b'spreadsheetml.worksheet+xml"/></Types>')
_RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
         b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
         b'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
         b'Target="xl/workbook.xml"/></Relationships>')
_BOOK = (b'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.'
         b'org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
         b'officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" '
         b'r:id="rId1"/></sheets></workbook>')
_BOOK_RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
              b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
              b'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
              b'Target="worksheets/sheet1.xml"/></Relationships>')
_HEADER = ("姓名", "性别", "出生年月")


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _xlsx(path: Path, sheet_data: str, dimension: str = "A1") -> Path:
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
             'openxmlformats.org/spreadsheetml/2006/main">'
             f'<dimension ref="{dimension}"/><sheetData>{sheet_data}</sheetData></worksheet>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CT)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("xl/workbook.xml", _BOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", _BOOK_RELS)
        zf.writestr("xl/worksheets/sheet1.xml", sheet.encode("utf-8"))
    return path


def _header_row() -> str:
    return '<row r="1">' + "".join(_cell(f"{c}1", t) for c, t in zip("ABC", _HEADER)) + "</row>"


def xlsx_cell_at_xfd1048576(path: Path) -> Path:
    """A roster header and one cell in Excel's very last cell: calamine allocates 512 GB."""
    return _xlsx(path, _header_row() + '<row r="1048576">' + _cell("XFD1048576", "x") + "</row>")


def xlsx_cell_at_a99999999(path: Path) -> Path:
    """A cell in a row no Excel can have (beyond 1,048,576)."""
    return _xlsx(path, _header_row() + '<row r="99999999">' + _cell("A99999999", "x") + "</row>")


def xlsx_huge_dimension(path: Path) -> Path:
    """A small sheet that declares it spans the whole grid."""
    return _xlsx(path, _header_row(), dimension="A1:XFD1048576")


def ods_repeated_rows(path: Path, repeat: int = 10**9) -> Path:
    """An .ods whose one row with a value is repeated a billion times (885 bytes on disk)."""
    return _ods(path, f'<table:table-row table:number-rows-repeated="{repeat}">'
                      '<table:table-cell office:value-type="string"><text:p>x</text:p>'
                      '</table:table-cell></table:table-row>')


def ods_repeated_columns(path: Path, repeat: int = 10**9) -> Path:
    """An .ods whose one cell with a value is repeated across a billion columns."""
    return _ods(path, '<table:table-row><table:table-cell office:value-type="string" '
                      f'table:number-columns-repeated="{repeat}"><text:p>x</text:p>'
                      '</table:table-cell></table:table-row>')


def _ods(path: Path, rows: str) -> Path:
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               '<office:body><office:spreadsheet><table:table table:name="Sheet1">'
               f'{rows}</table:table></office:spreadsheet></office:body>'
               '</office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:'
                'oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/'
                'vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="'
                'content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content.encode("utf-8"), zipfile.ZIP_DEFLATED)
        zf.writestr("META-INF/manifest.xml", manifest.encode("utf-8"), zipfile.ZIP_DEFLATED)
    return path


# --- .xls: a hand-made BIFF8 workbook in a hand-made OLE2 compound file ---------------------

def _record(kind: int, data: bytes) -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def _biff8() -> bytes:
    """Globals (BOF, one BOUNDSHEET, EOF) then one worksheet holding a header row."""
    bof = lambda dt: _record(0x0809, struct.pack("<HHHHII", 0x0600, dt, 0x0DBB, 0x07CC, 0, 6))
    name = b"Sheet1"
    sheet_rec = lambda pos: _record(0x0085, struct.pack("<IBBBB", pos, 0, 0, len(name), 0) + name)
    globals_len = len(bof(5)) + len(sheet_rec(0)) + len(_record(0x000A, b""))
    out = bof(5) + sheet_rec(globals_len) + _record(0x000A, b"")
    cells = b""
    for col, text in enumerate(_HEADER):
        raw = text.encode("utf-16-le")
        cells += _record(0x0204, struct.pack("<HHHHB", 0, col, 0, len(text), 1) + raw)  # LABEL
    dims = _record(0x0200, struct.pack("<IIHHH", 0, 1, 0, len(_HEADER), 0))
    out += bof(0x10) + dims + cells + _record(0x000A, b"")
    return out.ljust(4096 + 512, b"\x00")  # above the mini-stream cutoff: sectors in the FAT


def _cfb(stream: bytes, loop: bool = False) -> bytes:
    """A version-3 compound file: header, one FAT sector, one directory sector, the stream."""
    sectors = (len(stream) + 511) // 512
    fat = [0xFFFFFFFD, 0xFFFFFFFE]  # sector 0: the FAT itself; sector 1: the directory
    for i in range(sectors):
        fat.append(2 + i + 1 if i < sectors - 1 else 0xFFFFFFFE)
    if loop:
        fat[2 + sectors - 1] = 2  # the stream's last sector points back at its first
    fat += [0xFFFFFFFF] * (128 - len(fat))
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\x00" * 6
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
              + struct.pack("<I", 0) + struct.pack("<I", 0xFFFFFFFF) * 108)

    def entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
        raw = (name.encode("utf-16-le") + b"\x00\x00") if name else b""
        return (raw.ljust(64, b"\x00") + struct.pack("<HBB", len(raw), kind, 1)
                + struct.pack("<III", 0xFFFFFFFF, 0xFFFFFFFF, child) + b"\x00" * 16
                + b"\x00" * 4 + b"\x00" * 16 + struct.pack("<IQ", start, size))

    directory = (entry("Root Entry", 5, 1, 0xFFFFFFFE, 0)
                 + entry("Workbook", 2, 0xFFFFFFFF, 2, len(stream)))
    directory = directory.ljust(512, b"\x00")
    body = struct.pack("<128I", *fat) + directory + stream.ljust(sectors * 512, b"\x00")
    return header + body


def xls_small_roster(path: Path) -> Path:
    """A well-formed .xls (the control: the checks must let it through)."""
    path.write_bytes(_cfb(_biff8()))
    return path


def xls_fat_loop(path: Path) -> Path:
    """An .xls whose Workbook stream's sector chain loops back on itself."""
    path.write_bytes(_cfb(_biff8(), loop=True))
    return path


def xls_truncated(path: Path) -> Path:
    """An .xls cut off in the middle of its Workbook stream (an interrupted copy)."""
    path.write_bytes(_cfb(_biff8())[: 512 * 4 + 100])
    return path


# --- special files and emptiness ---------------------------------------------------------

def fifo_named_roster_csv(path: Path) -> Path | None:
    """A named pipe called roster.csv: opening it for reading waits for a writer forever."""
    if not hasattr(os, "mkfifo"):
        return None
    os.mkfifo(path)
    return path


def directory_named_xlsx(path: Path) -> Path:
    path.mkdir()
    return path


def symlink_to_fifo(path: Path) -> Path | None:
    """roster.xlsx → a FIFO beside it."""
    if not hasattr(os, "mkfifo"):
        return None
    target = path.with_name(path.name + ".pipe")
    os.mkfifo(target)
    path.symlink_to(target)
    return path


def csv_of_newlines(path: Path, megabytes: int = 60) -> Path:
    """Nothing but line ends (a 60 MB one took 4.9 GB before the caps)."""
    block = b"\n" * (1024 * 1024)
    with path.open("wb") as fh:
        for _ in range(megabytes):
            fh.write(block)
    return path


def _declare_entries(path: Path, entries: int) -> Path:
    """Rewrite the end of the zip at `path` so that it declares `entries` entries (zip64, as an
    archive of millions would): zipfile would list them all before any check counted them."""
    data = path.read_bytes()
    end = data.rfind(b"PK\x05\x06")
    _disk, _cd_disk, _n_disk, _n, cd_size, cd_offset = struct.unpack("<HHHHII", data[end + 4:end + 20])
    body = data[:end]
    end64 = struct.pack("<4sQHHIIQQQQ", b"PK\x06\x06", 44, 45, 45, 0, 0, entries, entries,
                        cd_size, cd_offset)
    locator = struct.pack("<4sIQI", b"PK\x06\x07", 0, len(body), 1)
    eocd = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF,
                       0xFFFFFFFF, 0)
    path.write_bytes(body + end64 + locator + eocd)
    return path


def xlsx_declaring_a_billion_entries(path: Path) -> Path:
    """A 1 KB roster whose zip64 end record declares 10⁹ entries."""
    return _declare_entries(_xlsx(path, _header_row()), 10**9)


def zhibu_declaring_many_entries(path: Path) -> Path:
    """A handover file whose end record declares 60,000 entries (a real one has 3)."""
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("manifest.json", b"{}")
        zf.writestr("zhibu.sqlite3", b"")
    data = path.read_bytes()
    end = data.rfind(b"PK\x05\x06")
    path.write_bytes(data[:end + 8] + struct.pack("<HH", 60_000, 60_000) + data[end + 12:])
    return path


HOSTILE = {  # name → (file name to write, generator)
    "xlsx_cell_at_xfd1048576": ("roster.xlsx", xlsx_cell_at_xfd1048576),
    "xlsx_cell_at_a99999999": ("roster.xlsx", xlsx_cell_at_a99999999),
    "xlsx_huge_dimension": ("roster.xlsx", xlsx_huge_dimension),
    "ods_repeated_rows": ("roster.ods", ods_repeated_rows),
    "ods_repeated_columns": ("roster.ods", ods_repeated_columns),
    "xls_fat_loop": ("roster.xls", xls_fat_loop),
    "xls_truncated": ("roster.xls", xls_truncated),
    "fifo_named_roster_csv": ("roster.csv", fifo_named_roster_csv),
    "symlink_to_fifo": ("roster.xlsx", symlink_to_fifo),
    "directory_named_xlsx": ("x.xlsx", directory_named_xlsx),
    "csv_of_newlines": ("roster.csv", csv_of_newlines),
    "xlsx_declaring_a_billion_entries": ("roster.xlsx", xlsx_declaring_a_billion_entries),
}


def make(name: str, folder: Path) -> Path | None:
    """Write the hostile file `name` into `folder`; its path (None: not on this platform)."""
    file_name, generator = HOSTILE[name]
    return generator(Path(folder) / file_name)


# --- readers that misbehave, for the cage (they run in the reader child) --------------------

class PanicException(BaseException):
    """What python-calamine raises on a Rust panic: a BaseException, missed by `except Exception`."""


def reader_that_aborts(*_args):
    os.abort()  # a Rust allocation failure ends the process exactly like this (SIGABRT)


def reader_that_panics(*_args):
    raise PanicException("called `Option::unwrap()` on a `None` value")


def reader_that_eats_memory(*_args):
    hog = []
    while True:  # stopped by the child's address-space limit (MemoryError)
        hog.append(bytearray(256 * 1024 * 1024))


def reader_that_hangs(*_args):
    import time

    time.sleep(3600)
