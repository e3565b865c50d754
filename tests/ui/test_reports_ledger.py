"""报表's 年终台账: the year's plan and summary written in their dialog (Esc with edits asks
first), the ledger book made as a PDF and as a workbook through the worker, and 设置's 学习活动室
and 学习点 saved for part 1."""

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from app.prefs import Prefs
from app.services import branches
from app.services.yearend.year_notes import year_notes
from app.ui import files, messages
from app.ui.app import build_window, make_application
from app.ui.dialogs.year_notes_dialog import YearNotesDialog
from tests.unit.ledger_book_data import YEAR, build_year


@pytest.fixture
def window(qtbot, db, branch_id):
    build_year(db, branch_id)
    make_application()
    prefs = Prefs()
    prefs.branch_id = branch_id
    w = build_window(db, prefs)
    w.ctx.tasks.synchronous = True
    qtbot.addWidget(w)
    w.show()
    return w


@pytest.fixture
def box(window, said):
    window.navigate("reports")
    ledger = window.page("reports").ledger
    ledger.show_done = lambda text, path: said.append(("done", text))
    ledger.year.setValue(YEAR)
    return ledger


def test_the_book_is_made_as_a_pdf_and_announced(box, said, tmp_path, monkeypatch):
    target = tmp_path / "台账"  # typed without the suffix: .pdf is added
    monkeypatch.setattr(files, "save_file", lambda *a, **k: target)
    box.pdf_button.click()
    written = tmp_path / "台账.pdf"
    assert box.last_output == written and written.exists()
    pages = PdfReader(written).pages
    assert "支部工作台账" in pages[0].extract_text()
    assert said[-1][0] == "done" and f"共 {len(pages)} 页" in said[-1][1]


def test_the_book_is_made_as_a_workbook(box, said, tmp_path, monkeypatch):
    monkeypatch.setattr(files, "save_file", lambda *a, **k: tmp_path / "台账.xlsx")
    box.xlsx_button.click()
    book = load_workbook(tmp_path / "台账.xlsx", read_only=True)
    assert book.sheetnames[:3] == ["封面", "目录", "一、党支部基本情况"] and len(book.sheetnames) == 11
    assert said[-1][0] == "done"


def test_the_plan_and_summary_are_written_in_their_dialog(window, db, branch_id, qtbot, said):
    dialog = YearNotesDialog(window.ctx, YEAR, window)
    qtbot.addWidget(dialog)
    assert dialog.plan.toPlainText() == "全年每月集中学习一次。"  # what was saved before
    dialog.plan.setPlainText("一、学习。\n二、走访。")
    dialog.summary.setPlainText("全年完成。")
    dialog.save_button.click()
    with db.session() as s:
        notes = year_notes(s, branch_id, YEAR)
    assert (notes.plan, notes.summary) == ("一、学习。\n二、走访。", "全年完成。")


def test_closing_the_dialog_with_edits_asks_first(window, db, branch_id, qtbot, monkeypatch):
    asked = []
    monkeypatch.setattr(messages, "ask_unsaved", lambda _p: asked.append(1) or "discard")
    dialog = YearNotesDialog(window.ctx, YEAR, window)
    qtbot.addWidget(dialog)
    dialog.show()  # the fields as shown are what "unsaved" compares with
    dialog.summary.setPlainText("改了一半")
    dialog.reject()
    assert asked == [1]
    with db.session() as s:
        assert year_notes(s, branch_id, YEAR).summary == "全年开展主题党日十二次。"


def test_settings_keep_the_room_and_study_points(window, db, branch_id, said):
    window.navigate("settings")
    page = window.page("settings")
    page.refresh()
    assert page.activity_room.text() == "老干部活动室"
    assert page.study_points.text() == "北关村、东街社区"
    page.study_points.setText("北关村，西街社区 ")
    page.save_branch()
    with db.session() as s:
        info = branches.get_branch(s, branch_id)
    assert info.study_points == "北关村\n西街社区" and info.activity_room == "老干部活动室"
