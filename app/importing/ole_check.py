"""Sanity of an .xls's container (OLE2 / Compound File Binary) before a native reader walks it.

An .xls is a small file system: a header, a FAT (a table of "next sector" links), a directory
and streams stored as chains of sectors. A chain that loops made the readers grow to 24 GB; a
truncated file made calamine panic (a Rust PanicException, which `except Exception` misses). The
container is small and its rules are plain, so it is checked here in pure Python with every
count bounded by the file's size: the header's fields, the FAT's and directory's sectors, and
the chain of every stream — each must stay inside the file, never visit a sector twice, and be
long enough for the stream's size.
"""

from __future__ import annotations

import struct
from pathlib import Path

from app.errors import InputError

_END, _FREE, _FAT_SECT, _DIFAT_SECT = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFC
_MAX_DIR_ENTRIES = 10_000  # an .xls has a handful of streams


class _Damaged(Exception):
    pass


def _chain(fat: list[int], start: int, sectors: int, what: str) -> list[int]:
    """The sectors of one chain; _Damaged if it leaves the file or comes back on itself."""
    seen: set[int] = set()
    out = []
    sector = start
    while sector != _END:
        if sector >= sectors or sector >= len(fat):
            raise _Damaged(f"{what}指向文件之外（文件不完整）")
        if sector in seen:
            raise _Damaged(f"{what}的扇区链首尾相连（循环）")
        seen.add(sector)
        out.append(sector)
        sector = fat[sector]
    return out


def _parse(data: bytes) -> None:
    if len(data) < 512:
        raise _Damaged("文件头不完整")
    major, order, shift, mini_shift = struct.unpack_from("<HHHH", data, 26)
    if order != 0xFFFE or (major, shift) not in ((3, 9), (4, 12)) or mini_shift != 6:
        raise _Damaged("文件头的版本或扇区大小不对")
    size = 1 << shift
    n_fat, first_dir, _sig, cutoff, first_mini, n_mini, first_difat, n_difat = \
        struct.unpack_from("<IIIIIIII", data, 44)
    sectors = (len(data) - size) // size  # whole sectors after the header
    if len(data) <= size or n_fat == 0 or n_fat > sectors or n_difat > sectors \
            or n_mini > sectors:
        raise _Damaged("文件头记录的扇区数与文件大小不符（文件不完整）")
    per = size // 4
    difat = [s for s in struct.unpack_from("<109I", data, 76) if s not in (_FREE, _END)]
    sector, seen = first_difat, set()
    while sector not in (_END, _FREE) and len(difat) < n_fat:
        if sector >= sectors or sector in seen:
            raise _Damaged("扇区分配表的索引链损坏")
        seen.add(sector)
        entries = struct.unpack_from(f"<{per}I", data, size + sector * size)
        difat.extend(s for s in entries[:-1] if s not in (_FREE, _END))
        sector = entries[-1]
    if len(difat) < n_fat:
        raise _Damaged("扇区分配表不完整")
    fat: list[int] = []
    for s in difat[:n_fat]:
        if s >= sectors:
            raise _Damaged("扇区分配表在文件之外（文件不完整）")
        fat.extend(struct.unpack_from(f"<{per}I", data, size + s * size))
    directory = b"".join(data[size + s * size: size + (s + 1) * size]
                         for s in _chain(fat, first_dir, sectors, "目录"))
    entries = [directory[i:i + 128] for i in range(0, len(directory) - 127, 128)]
    if not entries or len(entries) > _MAX_DIR_ENTRIES:
        raise _Damaged("目录损坏")
    mini_fat: list[int] = []
    if n_mini and first_mini not in (_END, _FREE):
        for s in _chain(fat, first_mini, sectors, "小扇区分配表"):
            mini_fat.extend(struct.unpack_from(f"<{per}I", data, size + s * size))
    root_start = struct.unpack_from("<I", entries[0], 116)[0]
    mini_sectors = len(_chain(fat, root_start, sectors, "根目录")) * (size // 64) \
        if root_start not in (_END, _FREE) else 0
    for entry in entries:
        if entry[66] != 2:  # streams only (1 is a storage, 5 the root, 0 unused)
            continue
        start, length = struct.unpack_from("<IQ", entry, 116)
        if major == 3:
            length &= 0xFFFFFFFF
        if length == 0:
            continue
        name = entry[:64].decode("utf-16-le", "ignore").split("\x00")[0]
        if length < cutoff:
            got = len(_chain(mini_fat, start, mini_sectors, f"“{name}”")) * 64
        else:
            got = len(_chain(fat, start, sectors, f"“{name}”")) * size
        if got < length:
            raise _Damaged(f"“{name}”的内容不完整（文件被截断）")


def check_ole(data: bytes, path: Path) -> None:
    """Refuse an OLE2 file whose container is damaged, naming the file and what is wrong."""
    try:
        _parse(data)
    except _Damaged as exc:
        raise InputError(f"文件“{path.name}”已损坏：{exc}。请用 Excel 或 WPS 打开后“另存为” .xlsx 再导入"
                         ) from None
    except struct.error:
        raise InputError(f"文件“{path.name}”已损坏（文件不完整）。请用 Excel 或 WPS 打开后“另存为” .xlsx "
                         f"再导入") from None
