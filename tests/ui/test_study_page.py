"""The 学习活动 page: ticking attendance by click and by keys 1–4 with ↑/↓, 全部出席 then the
exceptions, leave reasons, the new-event form asking about a second event of the same kind
that day, cancel and undo, printing the sign-in sheet, 连续缺席 → the visit list."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pypdf import PdfReader
from sqlalchemy import select

from app.models import Attendance, Branch, Member, StudyEvent
from app.prefs import Prefs
from app.services import study
from app.ui.app import make_application
from app.ui.context import AppContext
from app.ui.table_models.attendance_model import MARK_COLUMNS, REASON_COLUMN

DAY = date(2026, 5, 5)
COL = {mark: col for col, mark in MARK_COLUMNS.items()}
NAMES = ["张德顺", "王建国", "赵桂兰", "李秀英"]


@pytest.fixture
def ids(db):
    with db.session() as s:
        b = Branch(name="测试支部")
        s.add(b)
        s.flush()
        members = {}
        for order, name in enumerate(NAMES, 1):
            m = Member(branch_id=b.id, sort_order=order, name=name,
                       mobility="卧床" if name == "张德顺" else "行动自如")
            s.add(m)
            s.flush()
            members[name] = m.id
        # 李秀英 joined after the event: she is not on its list
        s.get(Member, members["李秀英"]).joined_date = date(2026, 6, 1)
        event = study.create_event(s, b.id, study.EventInput("集中学习日", DAY, "09:00", "学党章"))
        return {"branch": b.id, "event": event, "members": members}


@pytest.fixture
def page(qtbot, db, ids):
    make_application()
    ctx = AppContext(db, Prefs(), ids["branch"])
    ctx.tasks.synchronous = True
    from app.ui.pages.study import StudyPage

    p = StudyPage(ctx)
    qtbot.addWidget(p)
    p.resize(1280, 800)
    p.show()
    p.refresh()
    return p


def stored(db, event_id):
    with db.session() as s:
        return {name: (mark, reason) for name, mark, reason in s.execute(
            select(Member.name, Attendance.mark, Attendance.reason)
            .join(Member, Member.id == Attendance.member_id)
            .where(Attendance.event_id == event_id))}


def click_cell(qtbot, table, row, col):
    rect = table.visualRect(table.model().index(row, col))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_opening_an_event_lists_that_days_roster_with_the_door_suggested(page, ids, db):
    page.open_with(event_id=ids["event"])
    panel = page.attendance
    assert page.tabs.currentWidget() is panel
    assert [r.name for r in panel.model.rows] == ["张德顺", "王建国", "赵桂兰"]
    index = panel.model.index(0, COL["送学上门"])
    assert panel.model.data(index) == "送学上门？"  # a suggestion, not yet saved
    assert stored(db, ids["event"]) == {}
    assert panel.counts.text() == "应到 3　出席 0　请假 0　缺席 0　送学上门 0　未登记 3"


def test_each_click_is_saved_and_the_counts_follow(page, ids, db, qtbot):
    page.open_with(event_id=ids["event"])
    panel = page.attendance
    click_cell(qtbot, panel.table, 1, COL["出席"])
    assert stored(db, ids["event"]) == {"王建国": ("出席", "")}
    assert panel.model.data(panel.model.index(1, COL["出席"])) == "✔ 出席"
    click_cell(qtbot, panel.table, 1, COL["缺席"])  # changing one's mind
    assert stored(db, ids["event"]) == {"王建国": ("缺席", "")}
    assert panel.model.data(panel.model.index(1, COL["出席"])) == "出席"
    assert "缺席 1" in panel.counts.text() and "未登记 2" in panel.counts.text()


def test_keys_one_to_four_mark_and_move_down_arrows_move(page, ids, db, qtbot):
    page.open_with(event_id=ids["event"])
    table = page.attendance.table
    assert table.currentIndex().row() == 0
    qtbot.keyClick(table, Qt.Key.Key_4)  # 张德顺 送学上门, then the next row
    assert table.currentIndex().row() == 1
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_2)  # 赵桂兰 请假 (the last row: it stays there)
    assert table.currentIndex().row() == 2
    qtbot.keyClick(table, Qt.Key.Key_Up)
    assert table.currentIndex().row() == 1
    qtbot.keyClick(table, Qt.Key.Key_1)  # 王建国 出席
    assert stored(db, ids["event"]) == {"张德顺": ("送学上门", ""), "王建国": ("出席", ""),
                                        "赵桂兰": ("请假", "")}
    assert table.currentIndex().row() == 2
    qtbot.keyClick(table, Qt.Key.Key_3)  # 赵桂兰 now 缺席
    assert stored(db, ids["event"])["赵桂兰"] == ("缺席", "")


def test_all_present_then_fix_the_exceptions(page, ids, db, qtbot):
    page.open_with(event_id=ids["event"])
    panel = page.attendance
    qtbot.mouseClick(panel.all_button, Qt.MouseButton.LeftButton)
    assert stored(db, ids["event"]) == {"张德顺": ("送学上门", ""), "王建国": ("出席", ""),
                                        "赵桂兰": ("出席", "")}
    assert "已把 3 位" in panel.note.text()
    panel.table.setCurrentIndex(panel.model.index(2, 1))
    qtbot.keyClick(panel.table, Qt.Key.Key_2)
    assert panel.choose_reason(2, "住院")
    assert stored(db, ids["event"])["赵桂兰"] == ("请假", "住院")
    assert panel.model.data(panel.model.index(2, REASON_COLUMN)) == "住院"
    assert panel.counts.text() == "应到 3　出席 1　请假 1　缺席 0　送学上门 1　未登记 0"
    qtbot.mouseClick(panel.all_button, Qt.MouseButton.LeftButton)  # fills nobody now
    assert stored(db, ids["event"])["赵桂兰"] == ("请假", "住院")


def test_a_leave_without_reason_asks_for_one_in_its_cell(page, ids, qtbot):
    page.open_with(event_id=ids["event"])
    panel = page.attendance
    click_cell(qtbot, panel.table, 2, COL["请假"])
    assert panel.model.data(panel.model.index(2, REASON_COLUMN)) == "原因？按 5–8"


def test_new_event_on_a_day_that_has_one_asks_first(page, ids, db, said):
    from app.ui.dialogs.event_dialog import EventDialog

    said.answers = [False, True]
    dialog = EventDialog(page.ctx)
    dialog.when.setText("2026-05-05")
    dialog.topic.setText("再学一次")
    dialog.save()  # "不保存"
    with db.session() as s:
        assert len(s.scalars(select(StudyEvent.id)).all()) == 1
    dialog.save()  # "仍然保存"
    with db.session() as s:
        assert len(s.scalars(select(StudyEvent.id)).all()) == 2
    assert dialog.result() == dialog.DialogCode.Accepted


def test_bad_time_in_the_form_is_named_and_not_saved(page, db):
    from app.ui.dialogs.event_dialog import EventDialog

    dialog = EventDialog(page.ctx)
    dialog.start.setText("九点")
    dialog.save()
    assert "时间：“九点”不是时间" in dialog.problems.text()
    with db.session() as s:
        assert len(s.scalars(select(StudyEvent.id)).all()) == 1


def test_cancel_asks_keeps_the_event_and_can_be_undone(page, ids, db, qtbot, said):
    events = page.events
    events.refresh()
    with db.session() as s:
        study.record_attendance(s, ids["event"], ids["members"]["王建国"], "出席")
    events.refresh()
    qtbot.mouseClick(events.cancel_button, Qt.MouseButton.LeftButton)
    assert said[-1][0] == "ask" and "已登记的 1 人出勤记录会保留" in said[-1][1]
    with db.session() as s:
        assert s.get(StudyEvent, ids["event"]).cancelled
    assert events.cancel_button.text() == "恢复活动" and not events.attend_button.isEnabled()
    assert events.model.values(0)[-1] == "已取消"
    qtbot.mouseClick(events.cancel_button, Qt.MouseButton.LeftButton)
    with db.session() as s:
        assert not s.get(StudyEvent, ids["event"]).cancelled
    assert stored(db, ids["event"]) == {"王建国": ("出席", "")}


def test_print_sign_in_sheet_opens_the_preview_then_saves_as(page, ids, tmp_path, monkeypatch,
                                                              said):
    """打印签到表 makes the PDF in the program's private temporary folder and shows it in the
    print preview; 另存为 there proposes a name that says whose and which day."""
    from PySide6.QtWidgets import QFileDialog

    from app.ui import files
    from app.ui.dialogs.pdf_preview import PdfPreviewDialog

    shown = []
    monkeypatch.setattr(PdfPreviewDialog, "exec", lambda self: shown.append(self) or 0)
    page.events.refresh()
    page.events.print_button.click()
    assert len(shown) == 1
    preview = shown[0]
    assert preview.page_count == 1 and len(preview.page_labels) == 1
    assert preview.pdf_path.parent == files.private_temp_dir()
    assert preview.pdf_path.name == "签到表_测试支部_2026-05-05_集中学习日.pdf"
    text = PdfReader(preview.pdf_path).pages[0].extract_text()
    assert "张德顺" in text and "赵桂兰" in text and "李秀英" not in text

    asked = []
    out = tmp_path / "给镇里"
    monkeypatch.setattr(files, "documents_folder", lambda: tmp_path)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda _parent, _title, start, *a, **k: asked.append(start)
                        or (str(out), ""))
    preview.save_as()
    assert asked == [str(tmp_path / "签到表_测试支部_2026-05-05_集中学习日.pdf")]
    assert "张德顺" in PdfReader(tmp_path / "给镇里.pdf").pages[0].extract_text()
    assert page.ctx.prefs.folders["signin_sheet"] == str(tmp_path)
    preview.close()


def test_year_of_study_days_from_the_dialog(page, ids, db, said):
    from app.ui.dialogs.event_dialog import YearDialog

    dialog = YearDialog(page.ctx)
    dialog.year.setValue(2026)
    dialog.skip.setChecked(True)
    assert "4月7日" in dialog.preview.text() and "（其中 6 个顺延）" in dialog.preview.text()
    dialog.create()
    with db.session() as s:
        assert len(s.scalars(select(StudyEvent.id)).all()) == 12  # May had one already
    assert "已生成 11 次" in said[-1][1] and "5月已有" in said[-1][1]


def test_missing_tab_puts_a_member_on_the_visit_list(page, ids, db, qtbot):
    with db.session() as s:
        for n, day in enumerate((date(2026, 3, 5), date(2026, 4, 5)), 1):
            e = study.create_event(s, ids["branch"], study.EventInput("党课", day))
            study.mark_all_present(s, e)
            study.record_attendance(s, e, ids["members"]["赵桂兰"], "缺席")
        study.mark_all_present(s, ids["event"])
        study.record_attendance(s, ids["event"], ids["members"]["赵桂兰"], "请假", "外出")
    page.show_tab("missing")
    panel = page.missing
    assert [r.name for r in panel.model.items] == ["赵桂兰"]
    click_cell(qtbot, panel.table, 0, 6)
    with db.session() as s:
        m = s.get(Member, ids["members"]["赵桂兰"])
        assert (m.needs_care, m.care_reason) == (True, "连续缺席学习3次")
    assert panel.model.rows[0][-1] == "✔ 已在走访名单"


def test_member_tab_shows_their_record(page, ids, db, qtbot):
    from app.ui.dialogs.member_study_tab import MemberStudyTab

    with db.session() as s:
        study.record_attendance(s, ids["event"], ids["members"]["赵桂兰"], "请假", "生病")
    tab = MemberStudyTab(page.ctx, ids["members"]["赵桂兰"])
    qtbot.addWidget(tab)
    assert tab.model.rows == [("2026-05-05", "集中学习日", "学党章", "请假", "生病")]
    assert "请假 1" in tab.summary.text() and "还没有出席过" in tab.summary.text()


def test_figures_tab_counts_each_member(page, ids, db):
    with db.session() as s:
        study.mark_all_present(s, ids["event"])
    page.show_tab("figures")
    panel = page.figures
    panel.start.setText("2026-01-01")
    panel.end.setText("2026-12-31")
    panel.refresh()
    rows = {r[1]: r for r in panel.model.rows}
    assert rows["王建国"][3:] == ("1", "1", "0", "0", "0", "0", "100%", "100%", "2026-05-05")
    assert rows["张德顺"][9:] == ("0%", "100%", "—")
    assert rows["李秀英"][3] == "0" and rows["李秀英"][9] == "—"


def test_in_the_main_window_navigate_opens_the_attendance_and_a_key_saves(qtbot, db, ids):
    from app.ui.app import build_window

    make_application()
    w = build_window(db, Prefs())
    w.ctx.tasks.synchronous = True
    qtbot.addWidget(w)
    w.show()
    w.navigate("study", event_id=ids["event"])
    panel = w.page("study").attendance
    assert w.page("study").tabs.currentWidget() is panel
    qtbot.keyClick(panel.table, Qt.Key.Key_1)
    qtbot.keyClick(panel.table, Qt.Key.Key_1)
    assert stored(db, ids["event"]) == {"张德顺": ("出席", ""), "王建国": ("出席", "")}
    assert panel.table.currentIndex().row() == 2


def test_a_cancelled_event_shows_its_list_but_takes_no_clicks(page, ids, db, qtbot):
    with db.session() as s:
        study.cancel_event(s, ids["event"])
    page.open_with(event_id=ids["event"])
    panel = page.attendance
    assert "已取消" in panel.title.text() and not panel.all_button.isEnabled()
    click_cell(qtbot, panel.table, 1, COL["出席"])
    assert stored(db, ids["event"]) == {}
    assert "已取消" in panel.note.text()


def test_key_two_saves_the_leave_and_moves_on_and_five_to_eight_give_the_reason(
        page, ids, db, qtbot):
    page.open_with(event_id=ids["event"])
    panel = page.attendance
    panel.table.setCurrentIndex(panel.model.index(1, 1))
    qtbot.keyClick(panel.table, Qt.Key.Key_2)
    assert stored(db, ids["event"]) == {"王建国": ("请假", "")}
    assert panel.table.currentIndex().row() == 2  # nothing waits for a reason
    qtbot.keyClick(panel.table, Qt.Key.Key_Up)
    qtbot.keyClick(panel.table, Qt.Key.Key_7)  # 7 外出 on the row just marked
    assert stored(db, ids["event"]) == {"王建国": ("请假", "外出")}
    assert panel.table.currentIndex().row() == 2
    qtbot.keyClick(panel.table, Qt.Key.Key_5)  # 5 on an unmarked row: 请假, 生病
    assert stored(db, ids["event"])["赵桂兰"] == ("请假", "生病")
    panel.table.setCurrentIndex(panel.model.index(1, 1))
    qtbot.keyClick(panel.table, Qt.Key.Key_2)  # 2 again keeps the reason already chosen
    assert stored(db, ids["event"])["王建国"] == ("请假", "外出")


def test_clicking_leave_shows_the_reasons_without_taking_the_keys(page, ids, db, qtbot):
    page.open_with(event_id=ids["event"])
    panel = page.attendance
    click_cell(qtbot, panel.table, 2, COL["请假"])
    assert stored(db, ids["event"]) == {"赵桂兰": ("请假", "")}
    assert panel.picker.isVisible() and panel.picker.row == 2  # under the clicked row
    assert [b.text() for b in panel.reasons] == ["5 生病", "6 住院", "7 外出", "8 其他"]
    assert all(b.focusPolicy() == Qt.FocusPolicy.NoFocus for b in panel.reasons)
    assert QApplication.activePopupWidget() is None and QApplication.activeModalWidget() is None
    qtbot.mouseClick(panel.reasons[1], Qt.MouseButton.LeftButton)
    assert stored(db, ids["event"]) == {"赵桂兰": ("请假", "住院")}
    assert not panel.picker.isVisible()
    click_cell(qtbot, panel.table, 2, REASON_COLUMN)  # the reason cell opens it again
    assert panel.picker.isVisible()
    panel.table.setCurrentIndex(panel.model.index(0, 1))  # another row: it goes away
    assert not panel.picker.isVisible()
    qtbot.keyClicks(panel.table, "13")  # the next keys still land on the table
    assert stored(db, ids["event"]) == {"张德顺": ("出席", ""), "王建国": ("缺席", ""),
                                        "赵桂兰": ("请假", "住院")}


def test_space_jumps_to_the_next_unrecorded_member(page, ids, db, qtbot):
    page.open_with(event_id=ids["event"])
    panel = page.attendance
    qtbot.keyClick(panel.table, Qt.Key.Key_1)  # 张德顺, then on to 王建国
    qtbot.keyClick(panel.table, Qt.Key.Key_Down)
    qtbot.keyClick(panel.table, Qt.Key.Key_3)  # 赵桂兰; the cursor stays on the last row
    assert panel.counts.text().endswith("未登记 1")
    qtbot.keyClick(panel.table, Qt.Key.Key_Space)  # round to the top: 王建国 is the only one
    assert panel.table.currentIndex().row() == 1
    qtbot.keyClick(panel.table, Qt.Key.Key_2)
    assert panel.counts.text().endswith("未登记 0")
    qtbot.keyClick(panel.table, Qt.Key.Key_N)
    assert panel.note.text() == "所有人都已登记。"
