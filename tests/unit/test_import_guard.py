"""Hostile and broken files (issue 7, item 7; issue 2, "Bad input"): each refused before parsing
with a Chinese sentence naming the file, and the database untouched."""

import io
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.errors import InputError
from app.importing import guard
from app.models import AuditEntry, Member
from tests.unit.import_files import ZHANG, person, run_import, write_xlsx


@pytest.fixture
def refused(db, branch_id, _private_home):
    """Import `path`; expect an InputError; check nothing was written and no backup made."""

    def check(path, *words):
        with pytest.raises(InputError) as err:
            run_import(db, branch_id, path)
        message = str(err.value)
        assert path.name in message, message
        for word in words:
            assert word in message, message
        assert "Traceback" not in message
        with db.session() as s:
            assert s.scalar(select(func.count(Member.id))) == 0
            assert s.scalar(select(func.count(AuditEntry.id))) == 0
        backups = _private_home / "backups"
        assert not backups.exists() or not any(backups.iterdir())
        return message

    return check


def _zip(path, parts: dict[str, bytes], method=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", method) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def test_a_pdf_named_xlsx_is_not_a_spreadsheet(tmp_path, refused):
    path = tmp_path / "花名册.xlsx"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    refused(path, "PDF", "不是表格")


def test_a_word_document_renamed_to_xlsx_is_named_as_such(tmp_path, refused):
    path = _zip(tmp_path / "名单.xlsx", {"[Content_Types].xml": b"<Types/>",
                                          "word/document.xml": b"<w:document/>"})
    refused(path, "Word")


def test_a_truncated_workbook_is_damaged(tmp_path, refused):
    good = write_xlsx(tmp_path / "good.xlsx", [person(1, "张建国", idn=ZHANG)])
    broken = tmp_path / "花名册（损坏）.xlsx"
    broken.write_bytes(good.read_bytes()[:700])
    refused(broken, "损坏")


def test_an_empty_file_is_refused(tmp_path, refused):
    path = tmp_path / "空.xlsx"
    path.write_bytes(b"")
    refused(path, "空的")


def test_an_html_page_saved_as_xls_is_explained(tmp_path, refused):
    path = tmp_path / "系统导出.xls"
    path.write_text("<html><body><table><tr><td>姓名</td></tr></table></body></html>", "utf-8")
    refused(path, "网页", "另存为")


def test_a_password_protected_workbook_is_refused_with_how_to_remove_the_password(
        tmp_path, refused):
    # an encrypted .xlsx is an OLE compound file holding EncryptionInfo and EncryptedPackage
    sector = bytearray(512)
    for i, name in enumerate(("Root Entry", "EncryptionInfo", "EncryptedPackage")):
        raw = name.encode("utf-16-le") + b"\x00\x00"
        sector[i * 128: i * 128 + len(raw)] = raw
    header = bytearray(512)
    header[:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    path = tmp_path / "加密花名册.xlsx"
    path.write_bytes(bytes(header) + bytes(sector) + b"\x00" * 4096)
    refused(path, "密码")


def test_a_zip_bomb_is_refused_before_anything_is_inflated(tmp_path, refused, monkeypatch):
    inflated = []
    monkeypatch.setattr(zipfile.ZipExtFile, "read",
                        lambda self, *a: inflated.append(self.name) or b"")
    path = _zip(tmp_path / "炸弹.xlsx", {"[Content_Types].xml": b"<Types/>",
                                         "xl/workbook.xml": b"<workbook/>",
                                         "xl/worksheets/sheet1.xml": b"\x00" * (30 * 1024 * 1024)})
    refused(path, "压缩炸弹")
    assert inflated == []


def test_a_workbook_that_inflates_beyond_the_limit_is_refused(tmp_path, refused, monkeypatch):
    monkeypatch.setattr(guard, "MAX_UNCOMPRESSED", 100_000)
    path = write_xlsx(tmp_path / "大.xlsx", [person(i, f"党员{i}") for i in range(1, 400)])
    refused(path, "太大")


def test_an_xml_bomb_inside_the_workbook_is_refused(tmp_path, refused):
    good = write_xlsx(tmp_path / "good.xlsx", [person(1, "张建国", idn=ZHANG)])
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
              b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              b'<si><t>&lol2;</t></si></sst>')
    bomb = tmp_path / "笑话.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bomb, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        dst.writestr("xl/sharedStrings.xml", laughs)
    message = refused(bomb, "XML 炸弹")
    assert "xl/sharedStrings.xml" in message


def test_an_enormous_file_is_refused_by_its_size(tmp_path, refused):
    path = tmp_path / "巨大.csv"
    with path.open("wb") as fh:
        fh.truncate(guard.MAX_FILE_BYTES + 1)  # sparse: costs no disk
    refused(path, "太大")


def test_a_sheet_with_too_many_rows_is_refused(tmp_path, refused, monkeypatch):
    import app.importing.readers as readers

    monkeypatch.setattr(readers, "MAX_ROWS", 50)
    path = write_xlsx(tmp_path / "行太多.xlsx", [person(i, f"党员{i}") for i in range(1, 80)])
    refused(path, "超过上限")


def test_binary_junk_named_csv_is_refused(tmp_path, refused):
    path = tmp_path / "乱码.csv"
    path.write_bytes(bytes(range(256)) * 20)
    refused(path, "不是")


def test_an_image_is_not_a_roster(tmp_path, refused):
    path = tmp_path / "照片.xls"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    refused(path, "图片")


def test_a_folder_or_missing_file_is_refused(tmp_path, db, branch_id):
    with pytest.raises(InputError, match="找不到文件"):
        run_import(db, branch_id, tmp_path / "没有这个文件.xlsx")
    with pytest.raises(InputError, match="文件夹"):
        run_import(db, branch_id, tmp_path)


def test_the_guard_accepts_the_shared_sample(sample_roster):
    checked = guard.check_file(sample_roster)
    assert checked.kind == "xlsx"


def test_a_plain_zip_is_not_a_workbook(tmp_path, refused):
    path = _zip(tmp_path / "照片合集.xlsx", {"a.txt": b"hello"})
    refused(path, "压缩包")


def test_file_like_read_never_needs_the_whole_sheet_in_memory_twice():
    # the XML scan streams in 1 MB pieces: a DTD split across two pieces is still found
    data = b"<worksheet>" + b" " * (1 << 20) + b"<!DOCTYPE x><a/>"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("xl/worksheets/sheet1.xml", data)
    with zipfile.ZipFile(buf) as zf, pytest.raises(InputError, match="文档类型声明"):
        guard._check_xml(zf, zf.getinfo("xl/worksheets/sheet1.xml"), Path("x.xlsx"))
