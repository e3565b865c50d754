"""What a zip archive (.xlsx, .ods, .zhibu) says about itself, read before zipfile opens it.

`zipfile.ZipFile(path)` reads the whole central directory at once and builds an object per
entry: an archive declaring a million entries, or a directory of hundreds of megabytes (one
entry with a huge name or extra field), costs that memory before any check of ours can count
the entries. The end-of-central-directory record — in the file's last 64 KB, zip64 beside it —
states both numbers, so they are checked first, from that record alone.
"""

from __future__ import annotations

import struct
from pathlib import Path

from app.errors import InputError

_END = b"PK\x05\x06"
_END64_LOCATOR = b"PK\x06\x07"
_END64 = b"PK\x06\x06"
_TAIL = 65_535 + 22  # the longest comment and the fixed record


def declared(path: Path) -> tuple[int, int] | None:
    """(entries, central directory bytes) as the archive declares them; None when there is no
    end record (then zipfile says the file is damaged, in its own time)."""
    with path.open("rb") as f:
        size = f.seek(0, 2)
        start = max(0, size - _TAIL)
        f.seek(start)
        tail = f.read()
        at = tail.rfind(_END)
        if at < 0 or len(tail) < at + 22:
            return None
        entries, directory = struct.unpack("<HI", tail[at + 10:at + 16])
        if entries != 0xFFFF and directory != 0xFFFFFFFF:
            return entries, directory
        locator = tail.rfind(_END64_LOCATOR, 0, at)
        if locator < 0 or len(tail) < locator + 16:
            return entries, directory
        (offset,) = struct.unpack("<Q", tail[locator + 8:locator + 16])
        if offset + 56 > size:
            return None
        f.seek(offset)
        record = f.read(56)
    if record[:4] != _END64:
        return None
    entries64, directory64 = struct.unpack("<QQ", record[32:48])
    return entries64, directory64


def check(path: Path, label: str, max_entries: int, max_directory_bytes: int) -> None:
    """Refuse, with a sentence naming the file, an archive whose directory is beyond the caps."""
    try:
        found = declared(path)
    except OSError as exc:
        raise InputError(f"文件 {label} 读取时出错，可能已损坏：{exc.strerror or exc}") from exc
    if found is None:
        return
    entries, directory = found
    if entries > max_entries:
        raise InputError(f"文件 {label} 声明里面有 {entries} 个部件（正常的不超过 {max_entries} 个），"
                         f"可能已损坏或是故意构造的异常文件，已拒绝打开")
    if directory > max_directory_bytes:
        raise InputError(f"文件 {label} 的目录有 {directory / 1024 / 1024:.0f} MB，大得不正常，"
                         f"可能已损坏或是故意构造的异常文件，已拒绝打开")
