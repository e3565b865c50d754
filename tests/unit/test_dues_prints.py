"""The 党费收缴登记表 (.xlsx and .pdf) and the annual 公示, read back."""

import re
from datetime import date

import openpyxl
import pytest
from pypdf import PdfReader

from app.errors import InputError
from app.idcard import check_digit
from app.services import dues
from app.services.dues.printing import export_ledger
from tests.unit.dues_data import member

TODAY = date(2026, 12, 1)
ID = "41010219480312001" + check_digit("41010219480312001")


@pytest.fixture
def book(db, branch_id):
    with db.session() as s:
        from app.models import Branch

        s.get(Branch, branch_id).secretary = "李秀兰"
        ids = {
            "张建国": member(s, branch_id, "张建国", sort_order=1, id_number=ID),
            "李明": member(s, branch_id, "李明", sort_order=2, joined_date=date(2026, 5, 20)),
            "王芳": member(s, branch_id, "王芳", sort_order=3, status="转出",
                         status_date=date(2026, 8, 15)),
            "赵低保": member(s, branch_id, "赵低保", sort_order=4),
        }
        for name, base in (("张建国", "5000.00"), ("李明", "12345.67"), ("王芳", "3000")):
            dues.set_base(s, ids[name], 2026, base, today=TODAY)
        dues.set_base(s, ids["赵低保"], 2026, None, special="低保", today=TODAY)
        dues.add_reduction(s, ids["王芳"], "2026-07", "2026-08", None, date(2026, 6, 20),
                           "住院", today=TODAY)
        pay = dict(today=TODAY, collector="李秀兰")
        dues.record_payment(s, ids["张建国"], "2026-01..2026-03", "75.00",
                            paid_on=date(2026, 3, 5), **pay)
        dues.record_payment(s, ids["李明"], "2026-05..2026-06", "246.92",
                            paid_on=date(2026, 5, 25), **pay)
        dues.record_payment(s, ids["王芳"], "2026-01..2026-06", "90.00",
                            paid_on=date(2026, 1, 8), **pay)
        dues.record_payment(s, ids["赵低保"], "2026-01..2026-06", "1.20",
                            paid_on=date(2026, 1, 8), **pay)
    return ids


def export(db, branch_id, path, **kw):
    with db.session() as s:
        return export_ledger(s, branch_id, 2026, path, today=TODAY, **kw)


def test_the_ledger_workbook_reads_back_cell_by_cell(db, branch_id, book, tmp_path):
    out = export(db, branch_id, tmp_path / "登记表.xlsx")
    assert out["kind"] == "登记表" and out["members"] == 4
    ws = openpyxl.load_workbook(tmp_path / "登记表.xlsx").active
    assert ws.title == "党费收缴登记表"
    assert ws["A1"].value == "测试支部2026年党费收缴登记表\n（截至2026年12月01日）"
    assert ws["A2"].value == "填报单位（盖章）：测试支部" and ws["S2"].value == "单位：元"
    assert [ws.cell(3, c).value for c in (1, 2, 3, 4, 5, 6, 18, 19, 20, 21)] == [
        "序号", "姓名", "缴费基数", "比例", "月应交", "各月实交金额", "全年应交", "全年实交", "欠交",
        "备注"]
    assert [ws.cell(4, c).value for c in range(6, 18)] == [f"{m}月" for m in range(1, 13)]
    rows = {ws.cell(r, 2).value: [ws.cell(r, c).value for c in range(1, 22)]
            for r in range(5, 10)}
    assert rows["张建国"] == [1, "张建国", 5000, "0.5%", 25, 25, 25, 25, *[None] * 9, 300, 75,
                           225, None]
    assert rows["李明"][2:5] == [12345.67, "1%", 123.46]
    assert rows["李明"][5:9] == ["—", "—", "—", "—"] and rows["李明"][9:11] == [123.46, 123.46]
    assert rows["王芳"][11:13] == ["免交", "免交"] and rows["王芳"][13] == "—"
    assert rows["王芳"][17:21] == [90, 90, 0, "8月转出，减免①"]
    assert rows["赵低保"][3:5] == ["低保", 0.2]
    totals = rows["合计"]
    # 300 + 987.68 + 90 + 2.40, 75 + 246.92 + 90 + 1.20, 225 + 740.76 + 0 + 1.20
    assert totals[17:20] == [1380.08, 413.12, 966.96]
    assert ws["A10"].number_format == ws["C5"].number_format or ws["C5"].number_format == "0.00"
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "注①：王芳：2026年07月至08月免交（支部2026年06月20日决定：住院）" in texts
    assert any(t.startswith("收缴人（签字）") for t in texts)
    assert any(t.startswith("支部书记（签字）") for t in texts)
    assert "填表日期：2026年12月01日" in texts
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9


def test_amounts_in_the_workbook_are_exact_decimals(db, branch_id, book, tmp_path):
    import zipfile

    export(db, branch_id, tmp_path / "登记表.xlsx")
    with zipfile.ZipFile(tmp_path / "登记表.xlsx") as zf:
        xml = zf.read("xl/worksheets/sheet1.xml").decode()
    assert "<v>12345.67</v>" in xml and "<v>123.46</v>" in xml
    assert not re.search(r"<v>\d+\.\d{3,}</v>", xml)  # no 123.4599999 from a float


def test_the_ledger_pdf_has_every_months_amount_and_day(db, branch_id, book, tmp_path):
    out = export(db, branch_id, tmp_path / "登记表.pdf")
    reader = PdfReader(tmp_path / "登记表.pdf")
    assert out["pages"] == len(reader.pages) == 1
    page = reader.pages[0]
    assert page.mediabox.width > page.mediabox.height  # landscape
    text = page.extract_text()
    for words in ("测试支部2026年党费收缴登记表", "（截至2026年12月01日）", "填报单位（盖章）：测试支部",
                  "各月实交金额及交纳日期", "张建国", "25.00", "03-05", "123.46", "05-25", "免交",
                  "低保", "0.20", "合计", "收缴人（签字）", "支部书记（签字）", "填表日期：2026年12月01日",
                  "第 1 页　共 1 页", "注①"):
        assert words in text, words


def test_a_long_ledger_runs_over_pages_with_the_header_on_each(db, branch_id, book, tmp_path):
    with db.session() as s:
        for i in range(60):
            mid = member(s, branch_id, f"党员{i:02d}", sort_order=10 + i)
            dues.set_base(s, mid, 2026, "3000", today=TODAY)
    out = export(db, branch_id, tmp_path / "登记表.pdf")
    pages = [p.extract_text() for p in PdfReader(tmp_path / "登记表.pdf").pages]
    assert out["pages"] == len(pages) >= 4
    assert all("各月实交金额及交纳日期" in p for p in pages)
    assert all(f"共 {len(pages)} 页" in p for p in pages)
    assert "合计" in pages[-1] and "收缴人" in pages[-1]
    assert sum(p.count("党员") for p in pages) >= 60


def test_the_notice_shows_totals_and_never_an_id_number(db, branch_id, book, tmp_path):
    out = export(db, branch_id, tmp_path / "公示.pdf", notice=True)
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "公示.pdf").pages)
    assert out["kind"] == "公示"
    for words in ("测试支部2026年度党费收缴情况公示", "张建国", "300.00", "75.00", "合计（4人）",
                  "免交", "8月转出", "收缴率", "测试支部（盖章）", "2026年12月01日"):
        assert words in text, words
    assert ID not in text and ID[:6] not in text and "住院" not in text  # no reasons either
    owed, paid = 30000 + 98768 + 9000 + 240, 7500 + 24692 + 9000 + 120
    assert f"{(paid * 1000 + owed // 2) // owed / 10:.1f}%" in text


def test_wrong_names_and_empty_years_are_refused(db, branch_id, book, tmp_path):
    with pytest.raises(InputError, match=".pdf"):
        export(db, branch_id, tmp_path / "公示.xlsx", notice=True)
    with pytest.raises(InputError, match=".xlsx 或 .pdf"):
        export(db, branch_id, tmp_path / "登记表.docx")
    with db.session() as s:
        with pytest.raises(InputError, match="没有要交党费的党员"):
            export_ledger(s, branch_id, 2024, tmp_path / "x.pdf", today=TODAY)
    assert not list(tmp_path.glob("*.docx")) and not (tmp_path / "x.pdf").exists()


def _reason(tag: str, n: int) -> str:
    """A long 减免 reason whose every sentence can be found again: 甲001…, 甲002…"""
    return "".join(f"{tag}{i:03d}号长期住院治疗家庭困难，" for i in range(1, n + 1))


def _text_below(page, floor: float) -> list[str]:
    """Texts drawn lower than `floor` points from the bottom of the page."""
    low = []
    page.extract_text(visitor_text=lambda text, cm, tm, _f, _s: low.append(text)
                      if text.strip() and tm[5] * cm[3] + cm[5] < floor else None)
    return low


def test_a_600_character_note_runs_onto_another_page_whole(db, branch_id, book, tmp_path):
    """A member whose 减免依据 (two reductions, 600 characters and more) fills the notes, and
    a dozen more like it: the notes run onto further pages, every sentence printed, nothing
    below the page number, the signature line at the very end."""
    with db.session() as s:
        reasons = {}
        for i in range(13):
            mid = member(s, branch_id, f"困难{i:02d}", sort_order=20 + i)
            dues.set_base(s, mid, 2026, "3000", today=TODAY)
            tag = "甲乙丙丁戊己庚辛壬癸子丑寅"[i]
            reasons[mid] = (_reason(tag, 22), _reason(tag + "续", 20))
            dues.add_reduction(s, mid, "2026-01", "2026-03", "5.00", date(2026, 1, 2),
                               reasons[mid][0], today=TODAY)
            dues.add_reduction(s, mid, "2026-04", None, None, date(2026, 3, 20),
                               reasons[mid][1], today=TODAY)
        first = dues.member_year(s, next(iter(reasons)), 2026, TODAY)
    assert len(first.reduction) >= 600  # the ledger's note for that member
    out = export(db, branch_id, tmp_path / "登记表.pdf")
    reader = PdfReader(tmp_path / "登记表.pdf")
    pages = [p.extract_text() for p in reader.pages]
    assert out["pages"] == len(pages) >= 3
    flat = re.sub(r"\s+", "", "".join(pages))
    for one, two in reasons.values():
        assert re.sub(r"\s+", "", one) in flat and re.sub(r"\s+", "", two) in flat
    assert "收缴人（签字）" in pages[-1] and all("收缴人（签字）" not in p for p in pages[:-1])
    assert "合计" in "".join(pages[:-1])  # the totals stay with the rows; the notes go on
    assert all(f"共 {len(pages)} 页" in p for p in pages)
    for page in reader.pages:
        assert _text_below(page, 10) == []  # nothing under the page number (16 pt up)


def test_a_remark_too_long_for_its_cell_is_printed_whole_under_the_table(tmp_path):
    from app.export.dues_ledger_pdf import write_ledger_pdf
    from app.export.dues_sheets import Ledger, LedgerMonth, LedgerRow, Money

    note = _reason("备", 38)[:600]  # 600 characters in the 备注 cell of one member
    assert len(note) == 600
    months = [LedgerMonth(Money(2500), [date(2026, m, 5)]) for m in range(1, 13)]
    row = LedgerRow(1, "张建国", Money(500000), "0.5%", Money(2500), months, Money(30000),
                    Money(30000), Money(0), note)
    totals = LedgerRow(0, "合计", Money(None), "", Money(2500), months, Money(30000),
                       Money(30000), Money(0), "1人")
    ledger = Ledger("测试支部", 2026, TODAY, None, [row], totals, ["说明：测试"], "李秀兰")
    pages = write_ledger_pdf(ledger, tmp_path / "登记表.pdf")
    reader = PdfReader(tmp_path / "登记表.pdf")
    flat = re.sub(r"\s+", "", "".join(p.extract_text() for p in reader.pages))
    assert pages == len(reader.pages)
    assert "1.张建国的备注：" + note in flat and "（全文见表下）" in flat
    for page in reader.pages:
        assert _text_below(page, 10) == []
