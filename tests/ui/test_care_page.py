"""The 走访关怀 page: the due list says its state in words, a visit typed from the paper form is
saved with its hand-outs delivered, a future date is refused, the checklist is made in a task and
previewed, a pairing with oneself is refused, and the member's own tab lists the visits."""

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from pypdf import PdfReader
from sqlalchemy import select

from app.models import Handout, Material, Visit
from app.prefs import Prefs
from app.ui.app import make_application
from app.ui.context import AppContext
from tests.unit.care_data import member, visit

TODAY = date.today()


@pytest.fixture
def page(qtbot, db, branch_id):
    from app.ui.pages.care import CarePage

    with db.session() as s:
        a = member(s, branch_id, "张德顺", "卧床", community="河湾村", sort_order=1)
        visit(s, a, TODAY - timedelta(days=45))
        b = member(s, branch_id, "赵桂兰", "行动不便", community="东关社区", sort_order=2)
        visit(s, b, TODAY - timedelta(days=3))
        member(s, branch_id, "王建国", "行动自如", sort_order=3)
        m = Material(branch_id=branch_id, title="银潮", kind="期刊", period="2026年第11期")
        s.add(m)
        s.flush()
        s.add(Handout(material_id=m.id, member_id=a, issued_date=TODAY - timedelta(days=2),
                      method="送学上门", status="待送达"))
    make_application()
    ctx = AppContext(db, Prefs(), branch_id)
    ctx.tasks.synchronous = True
    p = CarePage(ctx)
    qtbot.addWidget(p)
    p.show()
    p.refresh()
    return p


def test_the_due_list_names_each_state_in_words_and_symbols(page):
    model = page.due.model
    assert [model.rows[r][2] for r in range(model.rowCount())] == ["张德顺"]
    assert model.rows[0][1] == "▲ 已逾期 15 天"
    page.due.show_box.setCurrentIndex(2)  # 全部关怀对象
    assert [model.rows[r][1] for r in range(model.rowCount())] == ["▲ 已逾期 15 天", "○ 未到期"]
    assert page.status.text() == "▲ 1 人已逾期未走访"


def test_recording_a_visit_from_the_paper_form(page, qtbot, db, monkeypatch, said):
    from app.ui.dialogs.visit_dialog import VisitDialog

    seen = {}

    def fill(dialog):
        seen["title"] = dialog.windowTitle()
        dialog.visitor.setEditText("王振华")
        dialog.kind.setCurrentIndex(dialog.kind.findData("支委"))
        dialog._all_delivered()
        dialog.content_boxes["了解身体状况"].setChecked(True)
        dialog.health.setPlainText("血压偏高")
        dialog.mood.setPlainText("精神好")
        dialog.requests.setPlainText("想要大字版读本")
        dialog.follow_up.setPlainText("向老干部局申请大字版")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(VisitDialog, "exec", fill)
    page.due.table.selectRow(0)
    qtbot.mouseClick(page.due.record_button, Qt.MouseButton.LeftButton)
    assert seen["title"] == "记录走访 — 张德顺"
    with db.session() as s:
        v = s.scalars(select(Visit).order_by(Visit.id.desc())).first()
        assert (v.date, v.visitor_name, v.visitor_kind) == (TODAY, "王振华", "支委")
        assert v.purposes == "送学上门"
        assert (v.health, v.mood, v.requests) == ("血压偏高", "精神好", "想要大字版读本")
        assert v.notes == "走访内容：送达学习资料、了解身体状况"
        h = s.scalars(select(Handout)).one()
        assert (h.status, h.visit_id, h.delivered_date) == ("已送达", v.id, TODAY)
    assert page.due.model.rowCount() == 0  # no longer due
    assert page.status.text() == "✔ 没有逾期未走访的党员"


def test_a_visit_dated_tomorrow_is_refused_in_the_dialog(page, db, qtbot):
    from app.ui.dialogs.visit_dialog import VisitDialog

    dialog = VisitDialog(page.ctx, page.due.model.key(0), page)
    qtbot.addWidget(dialog)
    dialog.when.set_value(TODAY + timedelta(days=1))
    dialog.visitor.setEditText("李秀兰")
    dialog.purpose_boxes["谈心谈话"].setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "在今天之后" in dialog.problems.text()
    with db.session() as s:
        assert len(s.scalars(select(Visit)).all()) == 2


def test_printing_the_checklist_for_ticked_members_previews_it(page, qtbot, monkeypatch):
    from app.ui.dialogs import checklist_dialog

    shown = {}

    def fake_exec(dialog):
        shown.update(path=dialog.pdf_path, previews=len(dialog.page_labels))
        return 1

    monkeypatch.setattr(checklist_dialog.ChecklistDialog, "exec", fake_exec)
    page.due.show_box.setCurrentIndex(2)
    page.due.table.clicked.emit(page.due.model.index(0, 0))
    page.due.table.clicked.emit(page.due.model.index(1, 0))
    assert page.due.print_button.text() == "打印走访清单（2 人）"
    qtbot.mouseClick(page.due.print_button, Qt.MouseButton.LeftButton)
    reader = PdfReader(shown["path"])
    assert len(reader.pages) == 3 and shown["previews"] == 3
    # the member pages in the route sheet's order: 东关社区 (dong) before 河湾村 (he)
    assert "赵桂兰" in reader.pages[1].extract_text()
    assert "张德顺" in reader.pages[2].extract_text()


def test_pairing_a_member_with_themselves_is_refused(page, qtbot, said):
    from app.ui.dialogs.care_dialogs import PairingDialog

    dialog = PairingDialog(page.ctx, helped_id=page.due.model.key(0), parent=page)
    qtbot.addWidget(dialog)
    dialog.helper.setCurrentIndex(dialog.helped.currentIndex())
    assert "卧床" in dialog.warning.text()
    dialog.save()
    assert "不能让党员和自己结对" in dialog.problems.text()


def test_the_member_tab_lists_that_members_visits(page, qtbot):
    from app.ui.dialogs.member_care_tab import MemberCareTab

    tab = MemberCareTab(page.ctx, page.due.model.key(0))
    qtbot.addWidget(tab)
    assert tab.visits.rowCount() == 1
    assert "每 30 天走访一次" in tab.summary.text() and "已逾期" in tab.summary.text()


def test_changing_the_interval_and_adding_someone_to_the_list(page, qtbot, db, monkeypatch):
    from app.models import Member
    from app.ui.dialogs import care_dialogs

    def interval_exec(dialog):
        dialog.days.setValue(60)
        dialog.save()
        return dialog.result()

    def add_exec(dialog):
        dialog.member.setCurrentIndex(dialog.member.findText("王建国", Qt.MatchFlag.MatchStartsWith))
        dialog.reason.setEditText("独居")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(care_dialogs.IntervalDialog, "exec", interval_exec)
    monkeypatch.setattr(care_dialogs.AddToCareDialog, "exec", add_exec)
    page.due.table.selectRow(0)
    page.due.change_interval()
    page.due.add_to_care()
    with db.session() as s:
        rows = {m.name: (m.visit_interval_days, m.needs_care, m.care_reason)
                for m in s.query(Member)}
    assert rows["张德顺"][0] == 60
    assert rows["王建国"][1:] == (True, "独居")
    page.due.show_box.setCurrentIndex(2)
    states = {page.due.model.rows[r][2]: page.due.model.rows[r][1]
              for r in range(page.due.model.rowCount())}
    assert states["王建国"] == "▲ 从未走访"
    assert states["张德顺"] == "○ 未到期"  # 45 days after the visit, now due at 60


def test_the_checklist_window_previews_prints_and_saves_a_copy(page, qtbot, tmp_path, said):
    from PySide6.QtPrintSupport import QPrinter
    from pypdf import PdfReader

    from app.services import care
    from app.ui.dialogs import checklist_dialog

    pdf = tmp_path / "round.pdf"
    with page.ctx.db.session() as s:
        result = care.print_visits(s, list(page.due.model.keys), pdf, TODAY)
    dialog = checklist_dialog.ChecklistDialog(pdf, result["members"], result["pages"], page)
    qtbot.addWidget(dialog)
    assert len(dialog.page_labels) == 2
    # the preview is the page drawn, not a blank: it has dark pixels (the printed text)
    image = dialog.page_labels[0].pixmap().toImage()
    dark = sum(1 for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)
               if image.pixelColor(x, y).lightness() < 100)
    assert dark > 200
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_to(printer)
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == result["pages"]
    dialog.save_to(tmp_path / "copy")
    assert (tmp_path / "copy.pdf").read_bytes() == pdf.read_bytes()
    assert said[-1] == ("info", f"已保存：{tmp_path / 'copy.pdf'}")
    pdf.unlink()  # nothing holds the file open (Windows could not replace it otherwise)


def test_a_file_that_cannot_be_drawn_gets_a_message_not_a_crash(page, qtbot, tmp_path):
    from app.ui.dialogs import checklist_dialog

    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    bare = checklist_dialog.ChecklistDialog(broken, 1, 1, page)
    qtbot.addWidget(bare)
    assert bare.page_labels == [] and bare.page_count == 0


def test_correcting_a_visit_from_the_visit_list(page, qtbot, db, monkeypatch):
    from app.ui.dialogs.visit_dialog import VisitDialog

    seen = {}

    def fix(dialog):
        seen["title"] = dialog.windowTitle()
        seen["visitor"] = dialog.visitor.currentText()
        dialog.health.setPlainText("好多了")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(VisitDialog, "exec", fix)
    page.show_tab("visits")
    panel = page.visits
    panel.table.selectRow(panel.model.row_of(next(k for k in panel.model.keys)))
    panel.edit_visit()
    assert seen["title"].startswith("修改走访 — ") and seen["visitor"] == "李秀兰"
    with db.session() as s:
        assert sorted(v.health for v in s.scalars(select(Visit))) == ["", "好多了"]
        assert len(s.scalars(select(Visit)).all()) == 2


def test_go_to_care_from_the_missing_tab_opens_the_due_tab(qtbot, demo_db):
    """去走访关怀 on 学习活动 → 连续缺席 opened 走访关怀 on the last-used 志愿者 tab; it opens 待走访,
    with or without a member chosen, and so do 首页's buttons."""
    from PySide6.QtWidgets import QPushButton

    from app.prefs import Prefs
    from app.ui.app import build_window, make_application

    make_application()
    w = build_window(demo_db, Prefs())
    qtbot.addWidget(w)
    w.show()
    care_page = w.page("care")
    for chosen in (False, True):
        w.navigate("care")
        care_page.show_tab("volunteers")
        w.navigate("study")
        study_page = w.page("study")
        study_page.show_tab("missing")
        panel = study_page.missing
        panel.refresh()
        if chosen:
            assert panel.model.rowCount() > 0
            panel.table.selectRow(0)
        else:
            panel.table.clearSelection()
            panel.table.setCurrentIndex(panel.model.index(-1, -1))
        panel.care_button.click()
        assert w.current_key() == "care"
        assert care_page.tabs.currentWidget() is care_page.due, chosen
    care_page.show_tab("volunteers")
    w.navigate("home")
    next(b for b in w.page("home").visits.findChildren(QPushButton)
         if b.text() == "去走访关怀").click()
    assert care_page.tabs.currentWidget() is care_page.due


def test_the_volunteer_form_refuses_a_short_phone_in_words(qtbot, db, branch_id):
    """A volunteer phone "1391234" was accepted; the form now says why and stays open."""
    from sqlalchemy import select

    from app.models import Volunteer
    from app.prefs import Prefs
    from app.ui.app import make_application
    from app.ui.context import AppContext
    from app.ui.dialogs.care_dialogs import VolunteerDialog

    make_application()
    dialog = VolunteerDialog(AppContext(db, Prefs(), branch_id))
    qtbot.addWidget(dialog)
    dialog.name.setText("王芳")
    dialog.phone.setText("1391234")
    dialog.save()
    assert "志愿者电话“1391234”" in dialog.problems.text() and "11 位" in dialog.problems.text()
    assert dialog.result() != VolunteerDialog.DialogCode.Accepted
    with db.session() as s:
        assert s.scalars(select(Volunteer)).all() == []
