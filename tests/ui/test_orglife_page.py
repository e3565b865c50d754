"""组织生活 → 会议记录: the frequency table (missing this quarter in red words), the year's
meetings, 填写会议记录 with the attendance shown read only, 打印会议记录 into the preview,
会议种类, the event form's 组织生活会 + 民主评议 tick, and the home page's tile leading here."""

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from pypdf import PdfReader

from app.models import Branch, Member
from app.prefs import Prefs
from app.services import study
from app.services.orglife import minutes as mn
from app.ui.app import make_application
from app.ui.context import AppContext

TODAY = date.today()
KIND_ROW = {"支部党员大会": 0, "支委会": 1, "党小组会": 2, "党课": 3, "主题党日": 4}


@pytest.fixture
def ids(db):
    with db.session() as s:
        b = Branch(name="测试支部", secretary="李秀兰")
        s.add(b)
        s.flush()
        members = {}
        for order, name in enumerate(("张德顺", "王建国", "赵桂兰"), 1):
            m = Member(branch_id=b.id, sort_order=order, name=name,
                       mobility="卧床" if name == "张德顺" else "行动自如")
            s.add(m)
            s.flush()
            members[name] = m.id
        first_month = (TODAY.month - 1) // 3 * 3 + 1  # a study day each month of the quarter
        study_days = [study.create_event(s, b.id, study.EventInput(
            "集中学习日", date(TODAY.year, m, 1), "09:00"), allow_duplicate=True)
            for m in range(first_month, TODAY.month + 1)]
        zhiwei = study.create_event(s, b.id, study.EventInput("支委会", TODAY, "15:00", "研究走访"))
        study.record_attendance(s, zhiwei, members["王建国"], "出席")
        study.record_attendance(s, zhiwei, members["张德顺"], "送学上门")
        study.record_attendance(s, zhiwei, members["赵桂兰"], "请假", "生病")
        off = study.create_event(s, b.id, study.EventInput("党课", TODAY - timedelta(days=1)
                                                           if TODAY.day > 1 else TODAY))
        study.cancel_event(s, off)
        return {"branch": b.id, "zhiwei": zhiwei, "study_days": study_days, "cancelled": off,
                "members": members}


@pytest.fixture
def panel(qtbot, db, ids):
    make_application()
    ctx = AppContext(db, Prefs(), ids["branch"])
    ctx.tasks.synchronous = True
    from app.ui.pages.orglife import OrgLifePage

    page = OrgLifePage(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    page.refresh()
    return page.panels["meetings"]


def cell(model, row, col, role=Qt.ItemDataRole.DisplayRole):
    return model.data(model.index(row, col), role)


def test_the_check_says_what_is_missing_this_quarter_in_red_words(panel):
    m = panel.check_model
    assert m.rowCount() == 7 and cell(m, 0, 0) == "支部党员大会"
    assert cell(m, 0, 4) == "▲ 缺本季度"
    assert cell(m, 0, 4, Qt.ItemDataRole.ToolTipRole) == "本季度还没有召开支部党员大会"
    brush = cell(m, 0, 4, Qt.ItemDataRole.ForegroundRole)
    assert isinstance(brush, QBrush) and brush.color().name() == "#a3150c"
    assert "本月" not in cell(m, 1, 4)  # the 支委会 held today (earlier months may lack one)
    assert cell(m, 4, 4) == "✔ 已开或已安排"  # 主题党日: none of this quarter's months lacks one
    assert cell(m, 4, 4, Qt.ItemDataRole.ForegroundRole) is None
    assert cell(m, 3, 2) == "0 / 4"  # the cancelled 党课 does not count
    assert panel.summary.text().startswith("▲ 本季度还缺")


def test_the_years_meetings_are_listed_with_the_state_of_their_minutes(panel, ids):
    m = panel.model
    rows = {m.key(r): r for r in range(m.rowCount())}
    assert set(rows) == {ids["zhiwei"], *ids["study_days"], ids["cancelled"]}
    zhiwei = rows[ids["zhiwei"]]
    assert cell(m, zhiwei, 2) == "支委会" and cell(m, zhiwei, 11) == "未填写"
    assert cell(m, zhiwei, 7) == "1" and cell(m, zhiwei, 8) == "1" and cell(m, zhiwei, 9) == "1"
    assert cell(m, rows[ids["cancelled"]], 11) == "已取消"
    assert panel.selected_id() == ids["zhiwei"]  # the latest held, ready for its minutes
    panel.show_box.setCurrentIndex(1)  # 只看组织生活会议
    assert ids["study_days"][0] not in [m.key(r) for r in range(m.rowCount())]


def test_minutes_form_shows_the_attendance_read_only_and_saves(panel, ids, db):
    from app.ui.dialogs.minutes_dialog import MinutesDialog

    dialog = MinutesDialog(panel.ctx, ids["zhiwei"], panel)
    assert dialog.host.text() == "李秀兰"  # the secretary, before the first save
    assert dialog.attendance.isReadOnly()
    assert "出席：王建国" in dialog.attendance.toPlainText()
    assert "送学上门（在家参学，计入实到）：张德顺" in dialog.attendance.toPlainText()
    assert "请假：赵桂兰（生病）" in dialog.attendance.toPlainText()
    assert dialog.counts.text().startswith("应到 3 人，出席 1 人，送学上门 1 人，请假 1 人")
    dialog.recorder.setText("王振华")
    dialog.content.setPlainText("议定重阳节走访安排。")
    dialog.decisions.setPlainText("重阳节前走访全部行动不便的党员。")
    dialog.save_button.click()
    assert dialog.result() == 1
    with db.session() as s:
        saved = mn.read_minutes(s, ids["zhiwei"])
    assert saved.saved and saved.fields.recorder == "王振华"
    assert saved.fields.decisions == "重阳节前走访全部行动不便的党员。"


def test_a_refused_field_stays_in_the_form_with_the_reason(panel, ids):
    from app.ui.dialogs.minutes_dialog import MinutesDialog

    dialog = MinutesDialog(panel.ctx, ids["zhiwei"], panel)
    dialog.start.setText("下午")
    dialog.save_button.click()
    assert dialog.result() == 0 and "时间" in dialog.problems.text()


def test_the_button_opens_the_chosen_meetings_form_and_the_list_follows(panel, ids, db,
                                                                        monkeypatch):
    from app.ui.dialogs.minutes_dialog import MinutesDialog

    opened = []

    def fill(dialog):
        opened.append(dialog.event_id)
        with db.session() as s:
            dialog.apply(s)
        return 1

    monkeypatch.setattr(MinutesDialog, "exec", fill)
    panel.write_button.click()
    assert opened == [ids["zhiwei"]]
    row = panel.model.row_of(ids["zhiwei"])
    assert cell(panel.model, row, 11) == "已填写" and cell(panel.model, row, 4) == "李秀兰"


def test_a_cancelled_meeting_takes_no_minutes(panel, ids, said):
    panel.table.selectRow(panel.model.row_of(ids["cancelled"]))
    panel.write_minutes()
    assert said and said[-1][0] == "info" and "已取消" in said[-1][1]


def test_print_minutes_shows_the_preview_with_the_sign_in_sheet_after(panel, ids, monkeypatch):
    from app.ui import files
    from app.ui.dialogs.pdf_preview import PdfPreviewDialog

    shown = []
    monkeypatch.setattr(PdfPreviewDialog, "exec", lambda self: shown.append(self) or 0)
    panel.print_button.click()
    assert len(shown) == 1
    preview = shown[0]
    assert preview.pdf_path.parent == files.private_temp_dir()
    assert preview.pdf_path.name == f"会议记录_测试支部_{TODAY:%Y-%m-%d}_支委会.pdf"
    pages = [p.extract_text() for p in PdfReader(preview.pdf_path).pages]
    assert "支委会会议记录" in pages[0] and "赵桂兰（生病）" in pages[0]
    assert "学习活动签到表" in pages[-1]
    preview.close()


def test_switching_a_kind_off_shows_it_as_not_held(panel):
    from app.ui.dialogs.minutes_dialog import KindsDialog

    dialog = KindsDialog(panel.ctx, panel)
    dialog.held["党小组会"].setChecked(False)
    dialog.save_button.click()
    panel.refresh()
    assert cell(panel.check_model, KIND_ROW["党小组会"], 4) == "本支部不开展"
    assert cell(panel.check_model, KIND_ROW["党小组会"], 3) == "—"


def test_the_event_form_offers_the_appraisal_only_for_a_life_meeting(panel, db):
    from app.ui.dialogs.event_dialog import EventDialog

    dialog = EventDialog(panel.ctx, None, study.EventInput("支委会", TODAY), panel)
    dialog.show()
    assert not dialog.with_appraisal.isVisible()
    dialog.kind.setCurrentIndex(dialog.kind.findData("组织生活会"))
    assert dialog.with_appraisal.isVisible()
    dialog.with_appraisal.setChecked(True)
    dialog.save()
    with db.session() as s:
        assert study.event_input(s, dialog.event_id).with_appraisal is True


def test_the_home_page_lists_what_is_missing_and_leads_to_the_tab(qtbot, db, ids):
    from app.ui.app import build_window

    make_application()
    prefs = Prefs()
    prefs.branch_id = ids["branch"]
    w = build_window(db, prefs)
    qtbot.addWidget(w)
    w.show()
    w.navigate("home")
    home = w.page("home")
    qtbot.waitUntil(home.orglife.isVisible, timeout=10_000)  # counted in the worker
    assert "▲ 本季度还没有召开支部党员大会" in home.orglife.body.text()
    lines = home.orglife.body.text().splitlines()
    assert not any("支委会" in line and "本月" in line for line in lines)  # held today
    next(b for b in home.orglife.findChildren(type(home.study_button))).click()
    assert w.current_key() == "orglife"
    page = w.page("orglife")
    assert page.tabs.currentWidget() is page.panels["meetings"]
