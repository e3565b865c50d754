"""The 党费 page: the year's table model read without a view, a quarter recorded by keys in the
real page (and found in SQLite), more than 6 months only with the branch's consent, 冲正, the
欠缴 list in words, the bases import previewed then applied, the prints, and the home page's
flag leading to the 欠缴 list."""

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from app.models import Branch, DuesBase, DuesPayment, Member
from app.name_search import search_key
from app.prefs import Prefs
from app.services import dues
from app.services.dues.rule import month_number
from app.ui import messages
from app.ui.app import make_application
from app.ui.context import AppContext
from app.ui.table_models.dues_models import (
    AFTER_MONTHS, FIRST_MONTH_COLUMN, DuesYearModel, month_mark,
)
from tests.unit.dues_data import member

TODAY = date.today()
YEAR = TODAY.year


def _member(s, branch_id, name, **kw) -> int:
    mid = member(s, branch_id, name, **kw)
    s.get(Member, mid).search_key = search_key(name)
    return mid


@pytest.fixture
def book(db, branch_id):
    """张建国 pays nothing yet; 李明 paid January to March; 王芳 on 低保; 赵群众 is no member."""
    with db.session() as s:
        s.get_one(Branch, branch_id).secretary = "李秀兰"
        ids = {n: _member(s, branch_id, n, sort_order=i) for i, n in
               enumerate(("张建国", "李明", "王芳"))}
        ids["赵群众"] = _member(s, branch_id, "赵群众", is_party_member=False, sort_order=9)
        dues.set_base(s, ids["张建国"], YEAR, "5000.00")
        dues.set_base(s, ids["李明"], YEAR, "5000.01")
        dues.set_base(s, ids["王芳"], YEAR, None, special="低保")
        dues.record_payment(s, ids["李明"], (month_number(YEAR, 1), month_number(YEAR, 3)),
                            "150.00", date(YEAR, 1, 5), collector="李秀兰")
    return ids


@pytest.fixture
def said(monkeypatch):
    log = []
    monkeypatch.setattr(messages, "info", lambda _p, text, title="": log.append(("info", text)))
    monkeypatch.setattr(messages, "error", lambda _p, text, title="": log.append(("error", text)))
    return log


@pytest.fixture
def page(qtbot, db, branch_id, book, said):
    from app.ui.pages.dues import DuesPage

    make_application()
    ctx = AppContext(db, Prefs(), branch_id)
    ctx.tasks.synchronous = True
    p = DuesPage(ctx)
    qtbot.addWidget(p)
    p.resize(1300, 700)
    p.show()
    p.refresh()
    return p


def payments(db, member_id):
    with db.session() as s:
        return [(p.first_month, p.last_month, p.amount_fen, p.how, p.collector,
                 p.over_six_confirmed)
                for p in s.scalars(select(DuesPayment).where(DuesPayment.member_id == member_id)
                                   .order_by(DuesPayment.id))]


def test_the_year_model_reads_the_service_without_a_view(db, branch_id, book):
    make_application()
    with db.session() as s:
        table = dues.dues_year(s, branch_id, YEAR)
    model = DuesYearModel()
    model.set_year(table)
    assert model.rowCount() == 3 + 1  # 赵群众 owes nothing; the 合计 row last
    names = [model.text(r, 0) for r in range(model.rowCount())]
    assert names == ["张建国", "李明", "王芳", "合计 3 人"]
    zhang, li, wang = (model.item(r) for r in range(3))
    assert model.text(0, 1) == "5000.00" and model.text(0, 2) == "25.00"
    assert model.text(1, 2) == "50.00"  # the whole base at 1 % above the line
    assert model.text(2, 1) == "低保" and model.text(2, 2) == "0.20"
    jan = FIRST_MONTH_COLUMN
    assert model.text(1, jan) == model.text(1, jan + 2) == "✓"
    assert model.text(0, jan) == "欠"
    if TODAY.month < 12:
        assert model.text(0, jan + 11) == "·"  # December not due yet
    assert model.text(0, AFTER_MONTHS) == f"{25 * TODAY.month}.00"
    assert model.text(1, AFTER_MONTHS + 1) == "150.00"
    assert model.text(3, AFTER_MONTHS + 1) == "150.00"  # the 合计 of 实交
    assert model.text(3, jan) == "1人"  # who paid January
    if TODAY.month >= 6:
        assert model.text(0, AFTER_MONTHS + 3).startswith("▲")  # 6 months and more, in words
        assert model.data(model.index(0, AFTER_MONTHS + 3), Qt.ItemDataRole.FontRole).bold()
    assert "应交 25.00 元" in model.tip(0, jan) and "未交" in model.tip(0, jan)
    assert f"{YEAR}-01-05 交" in model.tip(1, jan)
    assert model.member_id(3) is None and model.row_of(book["李明"]) == 1
    assert zhang.member_id == book["张建国"] and li.paid_fen == 15000 and wang.rate == "低保"


def test_month_marks_say_each_state_in_a_word():
    from app.services.dues import MonthCell

    cell = MonthCell(True, True, 2500, 2500, (date(2026, 3, 5),), True, False, False)
    assert month_mark(cell) == "✓"
    assert month_mark(cell._replace(covered=False, paid_fen=0)) == "欠"
    assert month_mark(cell._replace(covered=False, paid_fen=0, due=False)) == "·"
    assert month_mark(cell._replace(reduced=True)) == "✓减"
    assert month_mark(cell._replace(reduced=True, waived=True, covered=False)) == "免"
    assert month_mark(cell._replace(owes=False, covered=False)) == "—"


def test_a_quarter_is_recorded_by_keys_and_lands_in_sqlite(qtbot, page, db, book):
    """Type the name in 查找, Enter opens 登记交费 at the first unpaid month with its amount,
    3 for three months, Enter saves: one entry of 75.00 for January to March."""
    page.year_panel.find.setFocus()
    qtbot.keyClicks(page.year_panel.find, "zjg")
    assert page.year_panel.selected() == book["张建国"]
    seen = {}

    def fill():
        dialog = QApplication.activeModalWidget()
        seen["title"] = dialog.windowTitle()
        seen["start"] = (dialog.first.text(), dialog.amount.text(), dialog.collector.text())
        qtbot.keyClicks(dialog.count, "3")
        seen["owed"] = (dialog.amount.text(), dialog.last_label.text())
        qtbot.keyClick(dialog.count, Qt.Key.Key_Return)

    QTimer.singleShot(50, fill)
    qtbot.keyClick(page.year_panel.find, Qt.Key.Key_Return)
    assert seen["title"].startswith("登记交费 — 张建国")
    assert seen["start"] == (f"{YEAR}-01", "25.00", "李秀兰")  # the secretary collects
    assert seen["owed"] == ("75.00", f"至 {YEAR}年03月")
    assert payments(db, book["张建国"]) == [(f"{YEAR}-01", f"{YEAR}-03", 7500, "本人交",
                                           "李秀兰", False)]
    assert page.ctx.prefs.dues_collector == "李秀兰"
    assert page.year_panel.model.text(0, FIRST_MONTH_COLUMN + 2) == "✓"  # the grid refreshed


def test_more_than_six_months_needs_the_branchs_consent(qtbot, page, db, book, monkeypatch):
    from app.ui.dialogs.dues_dialogs import PaymentDialog

    asked = []
    answer = iter((False, True))
    monkeypatch.setattr(messages, "ask", lambda _p, text, **_k: asked.append(text) or next(answer))
    dialog = PaymentDialog(page.ctx, book["张建国"], YEAR, page, months=8)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.amount.text() == "200.00" and "保存时会请您确认" in dialog.owed_label.text()
    dialog.save_button.click()  # 返回修改: nothing written, the form stays open
    assert "超过 6 个月" in asked[0] and "--confirm" not in asked[0]
    assert payments(db, book["张建国"]) == [] and dialog.isVisible()
    dialog.save_button.click()  # 支部同意，登记
    saved = payments(db, book["张建国"])
    assert saved == [(f"{YEAR}-01", f"{YEAR}-08", 20000, "本人交", "李秀兰", True)]


def test_a_wrong_amount_is_said_above_the_buttons_and_nothing_is_saved(qtbot, page, db, book):
    from app.ui.dialogs.dues_dialogs import PaymentDialog

    dialog = PaymentDialog(page.ctx, book["张建国"], YEAR, page)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.amount.clear()
    qtbot.keyClicks(dialog.amount, "25.005")
    dialog.save_button.click()
    assert "超过两位小数" in dialog.problems.text() and payments(db, book["张建国"]) == []
    dialog.amount.clear()
    qtbot.keyClicks(dialog.amount, "30")
    assert "多 5.00 元" in dialog.owed_label.text()  # shown, never corrected
    dialog.save_button.click()
    assert payments(db, book["张建国"])[0][2] == 3000


def test_reverse_a_payment_keeps_it_and_adds_the_opposite(qtbot, page, db, book, said):
    from app.ui.dialogs.dues_dialogs import ReverseDialog

    page.show_tab("payments")
    panel = page.payments
    assert panel.model.rowCount() == 1 and panel.model.rows[0][2] == "李明"
    dialog = ReverseDialog(page.ctx, panel.model.key(0), page)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.save_button.click()
    assert "请写明冲正的原因" in dialog.problems.text()
    dialog.reason.setText("登记错了人")  # typed through the input method: not a key press
    dialog.save_button.click()
    assert [p[2] for p in payments(db, book["李明"])] == [15000, -15000]
    page.refresh()
    assert "冲正第" in panel.model.rows[0][7] and "已冲正" in panel.model.rows[1][7]
    panel.table.selectRow(1)
    panel.reverse()  # the reversed one cannot be reversed again
    assert said and "不能再冲正" in said[-1][1]


def test_the_behind_list_names_six_months_in_words(page, book):
    if TODAY.month < 6:
        pytest.skip("needs six months of the year gone")
    page.show_tab("behind")
    model = page.behind_panel.model
    rows = {model.rows[r][1]: model.rows[r] for r in range(model.rowCount())}
    assert rows["张建国"][0] == "▲ 满6个月，支部需处理" and rows["张建国"][3] == f"{TODAY.month} 个月"
    assert "▲" in page.tabs.tabText(2) and "人满6个月" in page.tabs.tabText(2)


def test_bases_import_previews_then_writes(qtbot, page, db, book, tmp_path):
    import openpyxl

    from app.ui.dialogs.dues_import import BasesImportFlow

    path = tmp_path / "基数.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "基本离退休费"])
    for row in (["张建国", 4380], ["李明", 5200.5], ["不在册", 3000], ["王芳", -1]):
        ws.append(row)
    wb.save(path)
    flow = BasesImportFlow(page.ctx, page, YEAR + 1)
    flow.path = path
    flow.preview()
    dialog = flow.dialog
    rows = dialog.model.rows
    assert [r[2] for r in rows] == ["新增", "新增", "✖ 跳过", "✖ 跳过"]
    assert "确认导入（新增 2 人" in dialog.confirm_button.text()
    with db.session() as s:
        assert s.scalar(select(DuesBase).where(DuesBase.year == YEAR + 1)) is None
    dialog.confirm_button.click()
    with db.session() as s:
        bases = dict(s.execute(select(DuesBase.member_id, DuesBase.base_fen)
                               .where(DuesBase.year == YEAR + 1)).all())
    assert bases == {book["张建国"]: 438000, book["李明"]: 520050}
    assert flow.result.added == 2


def test_the_ledger_is_previewed_and_saved_as_xlsx(page, tmp_path, monkeypatch):
    from app.ui.dialogs.pdf_preview import PdfPreviewDialog
    from app.ui.pages import dues_print

    shown = []
    monkeypatch.setattr(PdfPreviewDialog, "exec", lambda self: shown.append(self) or 0)
    dues_print.preview_ledger(page, page.ctx, YEAR)
    dues_print.preview_ledger(page, page.ctx, YEAR, notice=True)
    assert [d.title for d in shown] == ["党费收缴登记表", "党费收缴情况公示"]
    assert all(d.page_count >= 1 and d.pdf_path.exists() for d in shown)
    monkeypatch.setattr(messages, "choose", lambda *a, **k: None)
    dues_print.save_ledger_xlsx(page, page.ctx, YEAR, tmp_path / "登记表.xlsx")
    import openpyxl

    ws = openpyxl.load_workbook(tmp_path / "登记表.xlsx").active
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "张建国" in texts and "李明" in texts


def test_the_home_page_flags_six_months_and_leads_to_the_behind_list(qtbot, demo_db):
    from app.ui.app import build_window

    make_application()
    w = build_window(demo_db, Prefs())
    qtbot.addWidget(w)
    w.show()
    w.navigate("home")
    home = w.page("home")
    with demo_db.session() as s:
        behind = dues.members_behind(s, w.ctx.branch_id)
    flagged = [b for b in behind if b.flagged]
    qtbot.waitUntil(home.dues.isVisible, timeout=10_000)  # the home page counts in the worker
    assert behind
    assert f"欠缴（连续3个月以上未交）：{len(behind)} 人" in home.dues.body.text()
    if flagged:
        assert home.dues_flag.text().startswith(f"▲ {len(flagged)} 人连续6个月以上未交党费")
    from PySide6.QtWidgets import QPushButton

    next(b for b in home.dues.findChildren(QPushButton) if b.text() == "看欠缴名单").click()
    page = w.page("dues")
    assert w.current_key() == "dues" and page.tabs.currentWidget() is page.behind_panel
    assert page.behind_panel.model.rowCount() == len(behind)


def _rows_fully_visible(table) -> int:
    height = table.viewport().height()
    model = table.model()
    return sum(1 for r in range(model.rowCount())
               if table.visualRect(model.index(r, 0)).top() >= 0
               and table.visualRect(model.index(r, 0)).bottom() < height)


@pytest.mark.parametrize(("scale", "at_least"), [(100, 14), (150, 8)])
def test_the_year_grid_shows_enough_members_on_a_1366_laptop(qtbot, demo_db, scale, at_least):
    """A maximised window on 1366 × 768 (1366 × 688 inside): the controls above the grid take
    one line each (year and prints, the figures, the tabs, find and the actions), so 14
    members show at 100 % and 8 at 150 % (once 4 did)."""
    from app.ui.app import build_window

    make_application()
    prefs = Prefs()
    prefs.font_scale = scale
    window = build_window(demo_db, prefs)
    qtbot.addWidget(window)
    window.resize(1366, 688)
    window.show()
    window.navigate("dues")
    panel = window.page("dues").year_panel
    assert panel.model.rowCount() > 20  # the demo branch fills more than the screen
    qtbot.waitUntil(lambda: _rows_fully_visible(panel.table) >= at_least, timeout=2000)
    bottom = panel.table.mapTo(window, QPoint(0, panel.table.height())).y()
    assert bottom <= window.height()  # the grid itself in the window, not below a scroll
    assert panel.pay_button.isVisible() and panel.find.isVisible()
    assert panel.table.horizontalHeader().toolTip().startswith("✓已交")
    if scale == 100:  # the legend stays in sight where it fits beside the buttons
        assert panel.legend.isVisible()


def test_the_branch_rounding_is_chosen_in_settings_and_changes_the_months(qtbot, db, branch_id,
                                                                         book, said):
    from app.ui.pages.settings import SettingsPage

    make_application()
    ctx = AppContext(db, Prefs(), branch_id)
    settings = SettingsPage(ctx)
    qtbot.addWidget(settings)
    settings.refresh()
    assert settings.dues_rounding.currentData() == "分"
    settings.dues_rounding.setCurrentIndex(settings.dues_rounding.findData("元"))
    settings.save_branch()
    assert said[-1] == ("info", "支部信息已保存。")
    with db.session() as s:
        assert dues.rounding_of(s, branch_id) == "元"
        dues.set_base(s, book["张建国"], YEAR, "3123.00", note="财务科更正")
        row = next(r for r in dues.dues_year(s, branch_id, YEAR).rows
                   if r.member_id == book["张建国"])
    assert row.monthly_fen == 1600  # 3,123.00 × 0.5 % = 15.62, up to the 元
