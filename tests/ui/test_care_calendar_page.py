"""The 关怀日历 tab of 走访关怀: the month's 政治生日 and birthdays, the 50-year list, the festival
list with done / not done (and 记录节日慰问 ticking 节日慰问), the 困难党员 register's dialog and
its prints through run_op; and the due list's 为什么该走访 column."""

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from pypdf import PdfReader
from sqlalchemy import select

from app.models import HardshipRecord
from app.prefs import Prefs
from app.ui.app import make_application
from app.ui.context import AppContext
from tests.unit.care_data import member, visit

TODAY = date.today()


@pytest.fixture
def page(qtbot, db, branch_id):
    from app.ui.pages.care import CarePage

    year = TODAY.year
    with db.session() as s:
        a = member(s, branch_id, "张德顺", "卧床", birth_date=date(year - 90, TODAY.month, 1),
                   party_join_date=date(year - 50, TODAY.month, 1), party_join_month_only=True,
                   address="城关镇东街12号", sort_order=1)
        visit(s, a, TODAY - timedelta(days=3))
        member(s, branch_id, "赵桂兰", "行动不便", birth_date=date(year - 70, 1, 1),
               party_join_date=date(year - 40, TODAY.month, 1), sort_order=2)
        member(s, branch_id, "王建国", "行动自如", birth_date=date(year - 60, 1, 1), sort_order=3,
               living="独居")
    make_application()
    ctx = AppContext(db, Prefs(), branch_id)
    ctx.tasks.synchronous = True
    p = CarePage(ctx)
    qtbot.addWidget(p)
    p.show()
    p.show_tab("calendar")
    p.refresh()
    return p


def test_the_months_party_birthdays_and_marked_birthdays(page):
    days = page.calendar.days
    assert [days.party.rows[r][1] for r in range(days.party.rowCount())] == ["赵桂兰", "张德顺"]
    assert days.party.rows[1][0] == f"{TODAY.month}月（日不详）" and days.party.rows[1][2] == "50 周年"
    assert [days.births.rows[r][1:3] for r in range(days.births.rowCount())] == [
        ("张德顺", "★ 90岁整寿")]
    assert page.calendar.month_box.isVisible()


def test_the_fifty_year_list_flags_a_month_only_date(page):
    page.calendar.show_inner("fifty")
    fifty = page.calendar.fifty
    listed = [fifty.model.rows[r] for r in range(fifty.model.rowCount())]
    if TODAY.month <= 7:  # joined in this month 50 years ago: on this year's list
        assert [r[0] for r in listed] == ["张德顺"]
        if TODAY.month == 7:
            assert "请核对档案" in listed[0][5]
    else:
        assert listed == []
    assert not page.calendar.month_box.isVisible()  # only the 政治生日 tab is by month


def test_the_festival_list_and_recording_a_festival_visit(page, qtbot, db, monkeypatch):
    from app.ui.dialogs.visit_dialog import VisitDialog

    page.calendar.show_inner("festivals")
    fest = page.calendar.festivals
    fest.festival.setCurrentIndex(fest.festival.findData(("七一", TODAY.year)))
    rows = [fest.model.rows[r] for r in range(fest.model.rowCount())]
    # homebound both; 王建国 lives alone but is not on the care list, and is 60
    assert [(r[0], r[1]) for r in rows] == [("✘ 未慰问", "张德顺"), ("✘ 未慰问", "赵桂兰")]
    assert "应慰问 2 人" in fest.counts.text() and "✘ 未慰问 2 人" in fest.counts.text()
    assert f"{TODAY.year}年06月15日至07月15日" in fest.rule.text()
    assert "事由含“节日慰问”" in fest.rule.text()
    ticked = {}

    def fake_exec(dialog):
        ticked["purposes"] = [p for p, b in dialog.purpose_boxes.items() if b.isChecked()]
        ticked["dirty"] = dialog.has_unsaved_changes()
        return 0

    monkeypatch.setattr(VisitDialog, "exec", fake_exec)
    fest.table.selectRow(0)
    qtbot.mouseClick(fest.visit_button, Qt.MouseButton.LeftButton)
    assert ticked["purposes"] == ["节日慰问"] and ticked["dirty"] is False


def test_registering_a_hardship_member_and_printing_the_register(page, qtbot, db, monkeypatch,
                                                                 said):
    from app.ui.dialogs import hardship_dialog, pdf_preview

    page.calendar.show_inner("hardship")
    tab = page.calendar.hardship

    def fill(dialog):
        assert "城关镇东街12号" in dialog.roster.text()  # from the roster, not typed
        dialog.situation.setPlainText("老伴长期卧床，医药费负担重")
        dialog.measures.setPlainText("春节上门慰问")
        dialog.posted.set_value(TODAY)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(hardship_dialog.HardshipDialog, "exec", fill)
    tab.add()
    with db.session() as s:
        got = s.scalars(select(HardshipRecord)).one()
        assert (got.year, got.situation, got.posted_on) == (TODAY.year, "老伴长期卧床，医药费负担重",
                                                            TODAY)
    assert tab.model.rowCount() == 1 and tab.model.rows[0][0] == "张德顺"
    shown = {}
    monkeypatch.setattr(pdf_preview.PdfPreviewDialog, "exec",
                        lambda d: shown.update(path=d.pdf_path) or 0)
    tab.preview()
    text = PdfReader(shown["path"]).pages[0].extract_text()
    assert "困难党员登记表" in text and "老伴长期卧床" in text
    monkeypatch.setattr("app.ui.messages.choose", lambda *a, **k: None)
    out = shown["path"].parent / "register.xlsx"
    tab.save_xlsx(out)
    assert out.exists() and tab.last_output == out


def test_the_due_list_says_why_each_is_due(page):
    page.show_tab("due")
    page.refresh()
    model = page.due.model
    from app.ui.table_models.care_models import WHY_COLUMN

    rows = {model.rows[r][2]: model.rows[r] for r in range(model.rowCount())}
    assert rows["赵桂兰"][WHY_COLUMN] == "在关怀名单上，还没有走访过"
    assert rows["王建国"][1] == "◆ 须联系" and "独居" in rows["王建国"][WHY_COLUMN]
    assert "◆ 须联系 1 人" in page.due.summary.text()
