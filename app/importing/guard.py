"""Checks made on a file before any parser touches it.

A roster arrives by USB stick, e-mail or WeChat; some are not spreadsheets at all, some are
damaged, some are password-protected, and a hostile one may be built to exhaust memory. Each
case ends in an InputError with a Chinese sentence naming the file — never a traceback — and the
database is not touched because nothing has been read yet.

What is checked, cheaply and before parsing:
- size: empty files, and files over MAX_FILE_BYTES;
- the first bytes: zip (xlsx), OLE compound file (xls, or an encrypted xlsx), text (csv),
  and the usual impostors (PDF, images, Word, an HTML page saved as .xls);
- zip: damaged archives, zip bombs (total uncompressed size and compression ratio read from the
  central directory before anything is inflated), files that are not Excel workbooks;
- XML inside the workbook: any DTD or entity declaration (the billion-laughs family) is refused
  with defusedxml;
- OLE: an "EncryptedPackage" stream means a password-protected workbook.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as safe_fromstring

from app.errors import InputError
from app.importing import limits, zip_directory
from app.importing.ole_check import check_ole
from app.importing.sheet_scan import SheetPartScan, check_ods, sheet_names_by_part

MAX_FILE_BYTES = 60 * 1024 * 1024  # a 20,000-row roster is about 1.5 MB as .xlsx
MAX_UNCOMPRESSED = 400 * 1024 * 1024  # everything inside an .xlsx, once inflated
MAX_RATIO = 200  # an honest sheet compresses 10–40 times; bombs compress thousands of times
MAX_ZIP_MEMBERS = 5_000
MAX_ZIP_DIRECTORY = 8 * 1024 * 1024  # 5,000 entries take about 0.5 MB of directory
MAX_ROWS = limits.MAX_ROWS  # the caps and what real rosters weigh: app.importing.limits

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP = b"PK\x05\x06"
_IMPOSTORS = (
    (b"%PDF", "PDF 文件"), (b"\x89PNG", "图片（PNG）"), (b"\xff\xd8\xff", "图片（JPG）"),
    (b"GIF8", "图片（GIF）"), (b"BM", None), (b"Rar!", "RAR 压缩包"), (b"7z\xbc\xaf", "7z 压缩包"),
    (b"\x1f\x8b", "gz 压缩包"), (b"{\\rtf", "RTF 文档"), (b"MZ", "程序文件"),
)
_SAVE_AS = "请用 Excel 或 WPS 打开后“另存为” .xlsx 再导入"


@dataclass
class CheckedFile:
    """What the guard learned: the kind to read it as, and XML parts worth a formula scan."""

    path: Path
    kind: str  # xlsx / xls / ods / csv
    formula_parts: list[str] = field(default_factory=list)  # sheet XML parts holding <f>


def _name(path: Path) -> str:
    return f"“{path.name}”"


def _read_head(path: Path) -> tuple[int, bytes]:
    """The size and first 4 KB of a regular file. Its type is checked before it is opened, so a
    FIFO named roster.csv cannot hang the import (opening one waits for a writer forever), and
    again on the opened handle (opened non-blocking), in case it was swapped in between."""
    try:
        st = os.stat(path)  # follows a symbolic link: a link to a FIFO is a FIFO
    except FileNotFoundError:
        raise InputError(f"找不到文件 {path}") from None
    except OSError as exc:
        raise InputError(f"无法打开文件 {_name(path)}：{exc.strerror or exc}") from exc
    if not stat.S_ISREG(st.st_mode):
        raise InputError(_special(path, st.st_mode))
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode):
                raise InputError(_special(path, st.st_mode))
            return st.st_size, fh.read(4096)
    except OSError as exc:
        raise InputError(f"无法打开文件 {_name(path)}：{exc.strerror or exc}") from exc


def _special(path: Path, mode: int) -> str:
    if stat.S_ISDIR(mode):
        return f"“{path}”是一个文件夹，不是表格文件。请打开文件夹，选择里面的表格文件"
    what = ("命名管道（FIFO）" if stat.S_ISFIFO(mode) else
            "设备文件" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else
            "套接字" if stat.S_ISSOCK(mode) else "特殊文件")
    return f"文件 {_name(path)} 是一个{what}，不是普通文件，不能读取。请选择表格文件"


def check_file(path: Path | str) -> CheckedFile:
    """Decide how to read `path`, or raise InputError saying why it cannot be imported."""
    path = Path(path)
    size, head = _read_head(path)
    if size == 0:
        raise InputError(f"文件 {_name(path)} 是空的（0 字节），可能没有保存完整或复制时出错")
    if size > MAX_FILE_BYTES:
        raise InputError(
            f"文件 {_name(path)} 有 {size / 1024 / 1024:.0f} MB，太大了（花名册、季度报表一般不超过几 MB，"
            f"上限 {MAX_FILE_BYTES // 1024 // 1024} MB）。请确认选对了文件")
    suffix = path.suffix.lower()
    if head.startswith(_ZIP_MAGIC) or head.startswith(_EMPTY_ZIP):
        return _check_zip(path, suffix)
    if head.startswith(_OLE_MAGIC):
        return _check_ole(path)
    for magic, what in _IMPOSTORS:
        if head.startswith(magic) and what:
            raise InputError(f"文件 {_name(path)} 是{what}，不是表格。请选择 .xlsx、.xls 或 .csv 文件")
    text_head = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text_head.startswith((b"<html", b"<!doctype html", b"<table", b"<meta")):
        raise InputError(f"文件 {_name(path)} 其实是网页（HTML）格式，只是扩展名为 {suffix or '空'}。"
                         f"{_SAVE_AS}")
    if text_head.startswith(b"<?xml"):
        raise InputError(f"文件 {_name(path)} 是 XML 格式（如“XML 表格 2003”），不是 .xlsx。{_SAVE_AS}")
    if suffix in (".xlsx", ".xlsm", ".xls", ".et", ".ods"):
        raise InputError(f"文件 {_name(path)} 已损坏或不是真正的 Excel 文件（开头的内容不对）。"
                         f"{_SAVE_AS}")
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"文件 {_name(path)} 不是表格文件。请选择 .xlsx、.xls 或 .csv 文件")
    if suffix not in (".csv", ".txt", ".tsv", ""):
        raise InputError(f"不认识扩展名为 {suffix} 的文件 {_name(path)}。请选择 .xlsx、.xls 或 .csv 文件")
    return CheckedFile(path, "csv")


def _check_zip(path: Path, suffix: str) -> CheckedFile:
    zip_directory.check(path, _name(path), MAX_ZIP_MEMBERS, MAX_ZIP_DIRECTORY)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            if len(infos) > MAX_ZIP_MEMBERS:
                raise InputError(f"文件 {_name(path)} 里有 {len(infos)} 个部件，不是正常的表格，已拒绝")
            total = 0
            for info in infos:
                total += info.file_size
                if info.file_size > 10 * 1024 * 1024 and info.file_size > MAX_RATIO * max(
                        info.compress_size, 1):
                    raise InputError(
                        f"文件 {_name(path)} 的部件 {info.filename} 解压后会膨胀 "
                        f"{info.file_size // max(info.compress_size, 1)} 倍（“压缩炸弹”），已拒绝打开")
            if total > MAX_UNCOMPRESSED:
                raise InputError(
                    f"文件 {_name(path)} 解压后有 {total / 1024 / 1024:.0f} MB，太大了，已拒绝打开"
                    f"（可能是“压缩炸弹”或并非正常的表格）")
            is_ods = "content.xml" in names and "mimetype" in names and zf.read(
                "mimetype")[:80].strip() == b"application/vnd.oasis.opendocument.spreadsheet"
            if is_ods:  # LibreOffice / WPS "ODF 表格": calamine reads it too
                for info in infos:
                    if info.filename.endswith(".xml"):
                        _check_xml(zf, info, path)
                check_ods(zf, path)
                return CheckedFile(path, "ods")
            if "[Content_Types].xml" not in names:
                raise InputError(f"文件 {_name(path)} 是压缩包，不是 Excel 表格")
            if "xl/workbook.xml" not in names:
                what = ("Word 文档" if "word/document.xml" in names else
                        "PowerPoint 文档" if "ppt/presentation.xml" in names else "不是 Excel 表格的文件")
                raise InputError(f"文件 {_name(path)} 是{what}。请选择 Excel 表格文件")
            formula_parts = []
            sheets = sheet_names_by_part(zf)
            for info in infos:
                if info.filename.endswith((".xml", ".rels", ".vml")):
                    if _check_xml(zf, info, path, sheets) and info.filename.startswith("xl/worksheets/"):
                        formula_parts.append(info.filename)
    except (zipfile.BadZipFile, zlib.error, ValueError, EOFError) as exc:
        raise InputError(f"文件 {_name(path)} 已损坏，无法打开（{exc}）。{_SAVE_AS}") from exc
    except (zipfile.LargeZipFile, NotImplementedError, RuntimeError) as exc:
        raise InputError(f"文件 {_name(path)} 无法打开：压缩方式不受支持或已加密") from exc
    except OSError as exc:
        raise InputError(f"文件 {_name(path)} 读取时出错，可能已损坏：{exc}") from exc
    return CheckedFile(path, "xlsx", formula_parts)


_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _check_xml(zf: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path,
               sheets: dict[str, str] | None = None) -> bool:
    """Refuse DTDs and entity declarations anywhere in one XML part (defusedxml decides when a
    declaration is there); return whether the part holds formulas. Parts are streamed, so a large
    sheet is never held twice."""
    has_formula = False
    tail = b""
    scan = SheetPartScan(path.name, (sheets or {}).get(info.filename, info.filename)) \
        if info.filename.startswith("xl/worksheets/") else None
    size = 0
    with zf.open(info) as fh:
        first = fh.read(65536)
        if first.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 XML: decode before looking
            first = first.decode("utf-16", errors="ignore").encode("utf-8")
        chunk = first
        while chunk:
            window = tail + chunk
            # a plain substring test first (the regular expressions cost 0.1 s over the 17 MB
            # of a county's sheet; the literal text they need is rarely there at all)
            if b"<!" in window and _DTD.search(window):
                try:
                    safe_fromstring(first)
                except DefusedXmlException as exc:
                    raise InputError(
                        f"文件 {_name(path)} 的部件 {info.filename} 含有实体声明（可被用来耗尽内存的"
                        f"“XML 炸弹”），已拒绝打开：{type(exc).__name__}") from exc
                except Exception:
                    pass
                raise InputError(f"文件 {_name(path)} 的部件 {info.filename} 含有文档类型声明，"
                                 f"正常的 Excel 文件没有这种内容，已拒绝打开")
            if not has_formula and (b"<f" in window or b":f" in window) and \
                    _FORMULA_TAG.search(window):
                has_formula = True
            if scan is not None:
                scan.feed(chunk)
            size += len(chunk)
            if size > limits.MAX_PART_BYTES:
                raise InputError(f"文件 {_name(path)} 的部件 {info.filename} 解压后超过 "
                                 f"{limits.MAX_PART_BYTES // 1024 // 1024} MB，不像正常的表格，已拒绝打开")
            tail = chunk[-32:]
            chunk = fh.read(1 << 20)
    return has_formula


def _ole_names(data: bytes) -> set[str]:
    found = set()
    for name in ("EncryptedPackage", "EncryptionInfo", "Workbook", "Book", "WordDocument",
                 "PowerPoint Document"):
        if name.encode("utf-16-le") + b"\x00\x00" in data:
            found.add(name)
    return found


def _check_ole(path: Path) -> CheckedFile:
    """An OLE compound file: an .xls, or an .xlsx saved with a password (then the workbook sits
    in an "EncryptedPackage" stream), or a Word/PowerPoint file with the wrong extension."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取文件 {_name(path)}：{exc.strerror or exc}") from exc
    names = _ole_names(data)
    if "EncryptedPackage" in names or "EncryptionInfo" in names:
        raise InputError(f"文件 {_name(path)} 设置了打开密码，无法读取。请在 Excel / WPS 中打开它，"
                         f"取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）后另存，再导入")
    if "WordDocument" in names:
        raise InputError(f"文件 {_name(path)} 是 Word 文档，不是表格")
    if "PowerPoint Document" in names:
        raise InputError(f"文件 {_name(path)} 是 PowerPoint 文档，不是表格")
    if not names & {"Workbook", "Book"}:
        raise InputError(f"文件 {_name(path)} 已损坏或不是 Excel 表格（找不到工作簿内容）。{_SAVE_AS}")
    check_ole(data, path)
    return CheckedFile(path, "xls")
