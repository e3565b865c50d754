"""Importing the year's bases from the finance office's sheet: real .xlsx files, preview then
apply, every bad row reported by its row, nothing guessed, nothing half-written."""

from datetime import date

import openpyxl
import pytest
from sqlalchemy import func, select

from app.errors import InputError
from app.idcard import check_digit
from app.models import DuesBase
from app.services import dues
from app.services.dues.bases_import import import_bases
from tests.unit.dues_data import TODAY, member


def idn(first17: str) -> str:
    return first17 + check_digit(first17)


ZHANG_ID = idn("41010219480312001")
OTHER_ZHANG_ID = idn("41010219500101002")


def write_xlsx(path, rows, title_rows=(("城关镇老干部党支部2026年基本离退休费",),)):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "基数"
    for row in title_rows:
        ws.append(list(row))
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


@pytest.fixture
def roster(db, branch_id):
    with db.session() as s:
        return {
            "张建国": member(s, branch_id, "张建国", id_number=ZHANG_ID),
            "张建国2": member(s, branch_id, "张建国", id_number=OTHER_ZHANG_ID),
            "李明": member(s, branch_id, "李明"),
            "王芳": member(s, branch_id, "王芳"),
            "赵群众": member(s, branch_id, "赵群众", is_party_member=False),
            "钱去世": member(s, branch_id, "钱去世", status="去世",
                          status_date=date(2025, 6, 1)),
        }


def run(db, branch_id, path, dry_run=False, year=2026):
    with db.session() as s:
        return import_bases(s, path, branch_id, year, dry_run=dry_run, today=TODAY)


def bases(db) -> dict[int, tuple]:
    with db.session() as s:
        return {b.member_id: (b.base_fen, b.special) for b in s.scalars(select(DuesBase))}


def test_preview_writes_nothing_and_apply_writes_the_good_rows(db, branch_id, roster, tmp_path):
    path = write_xlsx(tmp_path / "基数.xlsx", [
        ("序号", "姓名", "身份证号", "基本离退休费（元）", "特殊情况"),
        (1, "张建国", ZHANG_ID, 5000, ""),
        (2, "李明", "", 4999.99, None),
        (3, "王芳", "", "", "低保"),
        ("合计", "", "", 9999.99, ""),
    ])
    preview = run(db, branch_id, path, dry_run=True)
    assert preview.dry_run and (preview.added, preview.skipped) == (3, [])
    assert preview.header_row == 2 and preview.rows_read == 3
    assert bases(db) == {}
    done = run(db, branch_id, path)
    assert bases(db) == {roster["张建国"]: (500000, None), roster["李明"]: (499999, None),
                         roster["王芳"]: (None, "低保")}
    assert "新增 3 人" in done.summary()
    with db.session() as s:
        assert dues.base_of(s, roster["王芳"], 2026).monthly_fen == 20
        assert dues.base_of(s, roster["李明"], 2026).note == "导入自“基数.xlsx”第 4 行"


def test_every_bad_row_is_reported_by_row_and_nothing_is_guessed(db, branch_id, roster,
                                                                 tmp_path):
    path = write_xlsx(tmp_path / "基数.xlsx", [
        ("姓名", "基本养老金", "特殊情况"),
        ("张建国", 5200, ""),  # two members have this name
        ("赵群众", 3000, ""),  # not a party member
        ("李明", "三千", ""),  # not an amount
        ("王芳", -3000, ""),  # not positive
        ("孙无名", 3000, ""),  # not on the roster
        ("钱去世", 3000, ""),  # died before the year
        ("李明", 3000.005, ""),  # three decimals
        ("王芳", 0, ""),
        ("王芳", 3000, "困难户"),  # an unknown special case
    ])
    report = run(db, branch_id, path)
    reasons = {s.row: s.reason for s in report.skipped}
    assert "2 人叫“张建国”" in reasons[3]
    assert "赵群众不是党员" in reasons[4]
    assert "不是金额" in reasons[5]
    assert "不是正数金额" in reasons[6] and "不是正数金额" in reasons[10]
    assert "花名册上没有" in reasons[7]
    assert "2026年不在册" in reasons[8]
    assert "超过两位小数" in reasons[9]
    assert "特殊情况“困难户”" in reasons[11]
    assert report.added == 0 and bases(db) == {}


def test_an_id_number_tells_two_members_with_one_name_apart(db, branch_id, roster, tmp_path):
    path = write_xlsx(tmp_path / "基数.xlsx", [
        ("姓名", "身份证号", "缴费基数"),
        ("张建国", OTHER_ZHANG_ID, "6000.00"),
        ("李四", ZHANG_ID, "3000"),  # the number is 张建国's: refused, not guessed
    ])
    report = run(db, branch_id, path)
    assert bases(db) == {roster["张建国2"]: (600000, None)}
    assert report.skipped[0].row == 4 and "姓名与身份证号对不上" in report.skipped[0].reason


def test_the_same_member_twice_is_left_out_on_both_rows(db, branch_id, roster, tmp_path):
    path = write_xlsx(tmp_path / "基数.xlsx", [
        ("姓名", "基本离退休费"), ("李明", 3000), ("王芳", 3100), ("李明", 3200)], ())
    report = run(db, branch_id, path)
    assert [s.row for s in report.skipped] == [2, 4]
    assert "同一党员在第 2、4 行都有" in report.skipped[0].reason
    assert bases(db) == {roster["王芳"]: (310000, None)}


def test_a_second_import_updates_what_changed_and_counts_the_rest(db, branch_id, roster,
                                                                  tmp_path):
    first = write_xlsx(tmp_path / "一.xlsx", [
        ("姓名", "基本离退休费"), ("李明", 3000), ("王芳", 3100)], ())
    run(db, branch_id, first)
    second = write_xlsx(tmp_path / "二.xlsx", [
        ("姓名", "基本离退休费"), ("李明", 3000), ("王芳", 3150.5)], ())
    report = run(db, branch_id, second)
    assert (report.added, report.updated, report.unchanged) == (0, 1, 1)
    assert report.changes[0].fields == ["缴费基数：3100.00元 → 3150.50元"]
    assert bases(db)[roster["王芳"]] == (315050, None)


def test_a_csv_sheet_reads_the_same(db, branch_id, roster, tmp_path):
    path = tmp_path / "基数.csv"
    path.write_text("姓名,基本离退休费,特殊情况\n李明,3000.00,\n王芳,,抚恤\n", encoding="gbk")
    report = run(db, branch_id, path)
    assert report.added == 2 and bases(db)[roster["王芳"]] == (None, "抚恤")


def test_a_sheet_without_the_columns_is_refused_whole(db, branch_id, roster, tmp_path):
    path = write_xlsx(tmp_path / "名单.xlsx", [("姓名", "性别"), ("李明", "男")], ())
    with pytest.raises(InputError, match="找不到表头.*基本离退休费"):
        run(db, branch_id, path)
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(InputError, match="坏.xlsx"):
        run(db, branch_id, bad)


def test_nothing_is_half_written_when_the_write_fails(db, branch_id, roster, tmp_path,
                                                      monkeypatch):
    path = write_xlsx(tmp_path / "基数.xlsx", [
        ("姓名", "基本离退休费"), ("李明", 3000), ("王芳", 3100)], ())
    calls = {"n": 0}
    from sqlalchemy.orm import Session

    real_flush = Session.flush

    def failing_flush(self, *a, **kw):  # the rows reach the file, then the work fails
        bases_now = any(isinstance(o, DuesBase) for o in self.new)
        real_flush(self, *a, **kw)
        if bases_now:
            calls["n"] = self.scalar(select(func.count(DuesBase.id)))
            raise RuntimeError("磁盘出错")

    monkeypatch.setattr(Session, "flush", failing_flush)
    with pytest.raises(RuntimeError):
        run(db, branch_id, path)
    monkeypatch.undo()
    assert calls["n"] == 2  # both were written inside the transaction …
    with db.session() as s:  # … and neither is left
        assert s.scalar(select(func.count(DuesBase.id))) == 0
