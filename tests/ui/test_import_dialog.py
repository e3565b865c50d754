"""导入花名册 in the window: choose a file, read the report, confirm, see the roster refreshed;
a bad file gets a Chinese message and changes nothing; 导出花名册 writes the workbook."""

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton
from sqlalchemy import func, select

from app.models import Member
from app.prefs import Prefs
from app.ui.app import build_window, make_application
from app.ui.dialogs import import_dialog
from tests.unit.import_files import HEADER, WANG, ZHANG, person, write_xlsx

SHOTS = Path("/tmp/shots/import")
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def said(said):
    """The shared message stub (tests/ui/conftest.py), answering 取消 to every question."""
    said.answer = False
    return said


def _window(qtbot, db, scale=100):
    make_application()
    prefs = Prefs()
    prefs.font_scale = scale
    w = build_window(db, prefs)
    w.ctx.tasks.synchronous = True
    qtbot.addWidget(w)
    w.show()
    w.navigate("roster")
    return w


@pytest.fixture
def window(qtbot, db, branch_id):
    return _window(qtbot, db)


def _choose(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(path), "表格文件")))


def _roster_file(tmp_path):
    rows = [person(1, "张建国", idn=ZHANG), person(2, "王秀英", "女", "1941.02", WANG),
            person(3, "", "男", "1945.07"), person(4, "李明", birth="1945年7月", idn="4.10102E+17")]
    return write_xlsx(tmp_path / "城关镇花名册.xlsx", rows)


def _count(db):
    with db.session() as s:
        return s.scalar(select(func.count(Member.id)))


def test_choose_a_file_read_the_report_confirm_and_the_roster_refreshes(
        window, qtbot, db, tmp_path, monkeypatch, said):
    page = window.page("roster")
    _choose(monkeypatch, _roster_file(tmp_path))
    qtbot.mouseClick(next(b for b in page.findChildren(QPushButton)
                          if b.text() == "导入花名册…"), LEFT)
    flow = page._import_flow
    dialog = flow.dialog
    assert dialog is not None and dialog.isVisible()
    assert _count(db) == 0  # the preview wrote nothing
    assert dialog.skipped_model.rows == [(5, "没有姓名", dialog.skipped_model.rows[0][2])]
    assert [r[:2] for r in dialog.warnings_model.rows] == [(6, "身份证号")]
    assert "4.10102E+17" in dialog.warnings_model.rows[0][3]
    dialog.tabs.setCurrentIndex(1)  # the whole text of a long warning shows under the table
    assert dialog.detail.text().startswith("第 6 行") and "4.10102E+17" in dialog.detail.text()
    assert dialog.confirm_button.text() == "确认导入（新增 3 人，更新 0 人）"
    assert window.ctx.prefs.folders["import_source"] == str(tmp_path)
    qtbot.mouseClick(dialog.confirm_button, LEFT)
    assert _count(db) == 3
    assert flow.result.added == 3 and flow.result.backup
    assert page.count_label.text() == "共 3 人"
    assert said[-1][0] == "info" and "新增 3 人" in said[-1][1]


def test_cancel_in_the_report_writes_nothing(window, qtbot, db, tmp_path, monkeypatch, said):
    page = window.page("roster")
    _choose(monkeypatch, _roster_file(tmp_path))
    flow = import_dialog.open_import_dialog(window.ctx, page)
    qtbot.mouseClick(flow.dialog.cancel_button, LEFT)
    assert not flow.dialog.isVisible() and _count(db) == 0 and flow.result is None


def test_confirm_writes_the_preview_and_refuses_a_file_changed_since(
        window, db, tmp_path, monkeypatch, said):
    """确认导入 does not read the file again; a file saved anew after the preview is refused."""
    from app.services import importing

    reads = []
    real_read = importing.read_roster
    monkeypatch.setattr(importing, "read_roster",
                        lambda *a, **k: reads.append(a) or real_read(*a, **k))
    path = _roster_file(tmp_path)
    _choose(monkeypatch, path)
    flow = import_dialog.open_import_dialog(window.ctx, window.page("roster"))
    write_xlsx(path, [person(1, "张建国", idn=ZHANG, phone="13900000000")])  # saved in Excel
    flow.dialog.confirm_button.click()
    assert _count(db) == 0 and flow.result is None
    assert said[-1][0] == "error" and "文件在预览之后被改动过，请重新预览" in said[-1][1]
    assert len(reads) == 1
    flow = import_dialog.open_import_dialog(window.ctx, window.page("roster"))  # previewed anew
    flow.dialog.confirm_button.click()
    assert _count(db) == 1 and flow.result.added == 1 and len(reads) == 2


def test_a_bad_file_gets_a_chinese_message_and_changes_nothing(
        window, db, tmp_path, monkeypatch, said):
    bad = tmp_path / "花名册.xlsx"
    bad.write_bytes(b"%PDF-1.4")
    _choose(monkeypatch, bad)
    flow = import_dialog.open_import_dialog(window.ctx, window.page("roster"))
    assert flow.dialog is None and _count(db) == 0
    [(kind, text)] = said
    assert kind == "error" and "花名册.xlsx" in text and "PDF" in text


def test_choosing_no_file_does_nothing(window, monkeypatch, said):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: ("", "")))
    assert import_dialog.open_import_dialog(window.ctx, window.page("roster")) is None
    assert said == []


def test_nothing_to_import_disables_confirm(window, db, tmp_path, monkeypatch, said):
    path = _roster_file(tmp_path)
    _choose(monkeypatch, path)
    first = import_dialog.open_import_dialog(window.ctx, window.page("roster"))
    first.dialog.confirm_button.click()
    again = import_dialog.open_import_dialog(window.ctx, window.page("roster"))
    assert not again.dialog.confirm_button.isEnabled()
    assert again.dialog.confirm_button.text() == "没有需要导入的内容"


def test_export_button_writes_the_roster_with_masked_ids(
        window, db, tmp_path, monkeypatch, said):
    _choose(monkeypatch, _roster_file(tmp_path))
    flow = import_dialog.open_import_dialog(window.ctx, window.page("roster"))
    flow.dialog.confirm_button.click()
    target = tmp_path / "导出"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "Excel 表格 (*.xlsx)")))
    path = import_dialog.export_roster_interactive(window.ctx, window.page("roster"))
    assert path == tmp_path / "导出.xlsx"
    ws = load_workbook(path).active
    assert [ws.cell(r, 2).value for r in (4, 5, 6)] == ["张建国", "王秀英", "李明"]
    assert ws["F4"].value == "4101**********" + ZHANG[-4:]
    assert said[-1][0] == "info" and "3 人" in said[-1][1]


@pytest.mark.parametrize("scale", [100, 150])
def test_report_dialog_screenshots(qtbot, db, branch_id, tmp_path, monkeypatch, said, scale):
    w = _window(qtbot, db, scale)
    rows = [person(i, n, g, b, idn, health=h) for i, (n, g, b, idn, h) in enumerate([
        ("张建国", "男", "1938.05", ZHANG, "良好"), ("王秀英", "女", "1941.02", WANG, "卧床"),
        ("", "男", "1945.07", "", ""), ("李明", "男", "1938.13", "4.10102E+17", "住院"),
        ("赵德顺", "男", "1936.02", "", "行动不便"), ("张建国", "男", "1938.05", ZHANG, "良好"),
    ], 1)]
    path = write_xlsx(tmp_path / "城关镇老干部党支部花名册（2026年11月）.xlsx", rows,
                      header=[*HEADER, "党费"])
    book = load_workbook(path)
    book.create_sheet("填表说明").append(["出生年月按身份证填写"])
    book.save(path)
    _choose(monkeypatch, path)
    flow = import_dialog.open_import_dialog(w.ctx, w.page("roster"))
    dialog = flow.dialog
    dialog.tabs.setCurrentIndex(1)
    qtbot.wait(50)
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / f"report-{scale}.png"))
    dialog.tabs.setCurrentIndex(0)
    qtbot.wait(50)
    dialog.grab().save(str(SHOTS / f"report-skipped-{scale}.png"))
    assert dialog.confirm_button.isVisible()
    assert dialog.confirm_button.width() >= dialog.confirm_button.sizeHint().width()
    dialog.reject()


def test_the_import_runs_in_the_background_worker(window, qtbot, db, tmp_path, monkeypatch, said):
    window.ctx.tasks.synchronous = False
    _choose(monkeypatch, _roster_file(tmp_path))
    flow = import_dialog.open_import_dialog(window.ctx, window.page("roster"))
    qtbot.waitUntil(lambda: flow.dialog is not None, timeout=20_000)
    flow.dialog.confirm_button.click()
    qtbot.waitUntil(lambda: flow.result is not None, timeout=20_000)
    assert flow.result.added == 3 and _count(db) == 3
    assert window.page("roster").count_label.text() == "共 3 人"


def test_another_sheet_of_the_file_can_be_chosen_in_the_report(
        window, qtbot, db, tmp_path, monkeypatch, said):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "在职"
    book.active.append(["姓名", "性别", "出生年月"])
    book.active.append(["赵一", "男", "1970.01"])
    retired = book.create_sheet("离退休")
    retired.append(["姓名", "性别", "出生年月"])
    retired.append(["钱二", "男", "1940.01"])
    retired.append(["孙三", "女", "1941.01"])
    path = tmp_path / "两张表.xlsx"
    book.save(path)
    _choose(monkeypatch, path)
    book = load_workbook(path)
    book.create_sheet("说明").append(["没有表头的说明页"])
    book.save(path)
    flow = import_dialog.open_import_dialog(window.ctx, window.page("roster"))
    assert flow.dialog.report.sheet == "在职" and flow.dialog.sheet_box.count() == 3
    first = flow.dialog
    first.sheet_box.setCurrentText("说明")  # no header there: told so, the preview stays
    assert flow.dialog is first and first.sheet_box.currentText() == "在职"
    assert said[-1][0] == "error" and "说明" in said[-1][1]
    flow.dialog.sheet_box.setCurrentText("离退休")
    assert flow.dialog.report.sheet == "离退休" and flow.dialog.report.added == 2
    flow.dialog.confirm_button.click()
    with db.session() as s:
        assert sorted(s.scalars(select(Member.name))) == ["孙三", "钱二"]
