"""The 评先评优 page: its table models read without a view, the buttons calling the use cases
through the forms (a 学习先进 selected, the city recommendation, a quiz entry), refusals shown
above the buttons with nothing stored, the print previewed, and the member dialog's tab."""

from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QApplication

from app.models import Branch
from app.prefs import Prefs
from app.services.yearend import contests as con
from app.services.yearend import honours as hon
from app.services.yearend.honour_figures import honours_of_member, honours_of_year
from app.ui.app import make_application
from app.ui.context import AppContext
from app.ui.table_models.honours_models import HonoursModel, StudyModelsModel
from tests.unit.dues_data import member

YEAR = date.today().year - 1  # a year wholly past, whatever day the tests run


@pytest.fixture
def year(db, branch_id):
    """王芳 and 李明 are 学习先进, 王芳 recommended; 张建国 优秀共产党员; the branch 五好支部;
    a quiz with 李明's 95.5."""
    with db.session() as s:
        s.get_one(Branch, branch_id).secretary = "李秀兰"
        ids = {n: member(s, branch_id, n, sort_order=i) for i, n in
               enumerate(("张建国", "李明", "王芳", "赵六"))}
        hon.add_study_model(s, branch_id, YEAR, ids["王芳"], "送学上门十余次")
        hon.add_study_model(s, branch_id, YEAR, ids["李明"], "带头学习")
        hon.recommend(s, branch_id, YEAR, ids["王芳"], "学习有恒心")
        hon.add_honour(s, branch_id, YEAR, "优秀共产党员", "县", ids["张建国"], "县委",
                       date(YEAR, 6, 28))
        hon.add_honour(s, branch_id, YEAR, "五好支部", "县", None, "县委老干部局")
        ids["quiz"] = con.add_contest(s, branch_id, "党史知识竞答", "知识竞答", YEAR,
                                      date(YEAR, 7, 18)).id
        con.add_entry(s, ids["quiz"], ids["李明"], result="一等奖", score="95.5")
    return ids


@pytest.fixture
def page(qtbot, db, branch_id, year, said):
    from app.ui.pages.honours import HonoursPage

    make_application()
    ctx = AppContext(db, Prefs(), branch_id)
    ctx.tasks.synchronous = True
    p = HonoursPage(ctx)
    qtbot.addWidget(p)
    p.resize(1200, 680)
    p.show()
    p.year_box.setValue(YEAR)
    p.refresh()
    return p


def test_the_models_read_the_services_without_a_view(db, branch_id, year):
    make_application()
    with db.session() as s:
        models = hon.study_models(s, branch_id, YEAR)
        honours = honours_of_year(s, branch_id, YEAR)
    study = StudyModelsModel()
    study.set_models(models, year["王芳"], "待评")
    assert study.rows == [("李明", "", "", "带头学习"),
                          ("王芳", "★ 已推荐（待评）", "", "送学上门十余次")]
    table = HonoursModel()
    table.set_honours(honours)
    assert [r[:3] for r in table.rows] == [("本支部", "五好支部", "县级"),
                                           ("张建国", "优秀共产党员", "县级"),
                                           ("李明", "学习先进", "支部"), ("王芳", "学习先进", "支部")]
    assert table.rows[1][4] == f"{YEAR}-06-28"


def test_the_page_shows_the_year(page):
    assert f"{YEAR}年：学习先进 2 人，推荐市十佳 王芳（待评），荣誉 4 项，竞赛活动 1 项" == \
        page.summary.text()
    assert page.study.model.rowCount() == 2 and "王芳（待评" in page.study.chosen.text()
    page.show_tab("honours")
    assert page.honours.model.rowCount() == 4
    page.honours.show_box.setCurrentIndex(2)  # 支部的荣誉
    assert [r[1] for r in page.honours.model.rows] == ["五好支部"]
    page.show_tab("contests")
    assert page.contests.model.rows[0][:2] == ("党史知识竞答", "知识竞答")
    page.contests.show_entries()
    assert page.tabs.currentWidget() is page.entries
    assert page.entries.model.rows[0][:4] == ("李明", "", "一等奖", "95.5")
    assert page.entries.table.isColumnHidden(1) and not page.entries.table.isColumnHidden(3)


def test_selecting_a_study_model_through_the_form_lands_in_sqlite(qtbot, page, db, branch_id,
                                                                  year, monkeypatch):
    from app.ui.dialogs.honour_dialogs import HonourDialog

    def fill(dialog):
        dialog.holder.setCurrentIndex(dialog.holder.findData(year["赵六"]))
        dialog.note.setPlainText("坚持读书看报")
        assert not dialog.name.isEnabled() and dialog.name.currentText() == "学习先进"
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(HonourDialog, "exec", fill)
    page.study.add()
    with db.session() as s:
        rows = hon.study_models(s, branch_id, YEAR)
    assert [(h.holder, h.note, h.conferred_by) for h in rows if h.holder == "赵六"] == [
        ("赵六", "坚持读书看报", "测试支部")]
    assert page.study.model.rowCount() == 3 and "学习先进 3 人" in page.summary.text()


def test_a_second_recommendation_is_refused_in_the_form_and_nothing_changes(
        qtbot, page, db, branch_id, year):
    from app.ui.dialogs.honour_dialogs import RecommendDialog

    dialog = RecommendDialog(page.ctx, YEAR, year["李明"], page)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.reasons.toPlainText() == "带头学习"  # the 学习先进's deeds offered
    dialog.member.setCurrentIndex(dialog.member.findData(year["王芳"]))
    assert dialog.reasons.toPlainText() == "送学上门十余次"  # untouched: follows the member
    dialog.member.setCurrentIndex(dialog.member.findData(year["李明"]))
    dialog.save_button.click()
    assert "每年只能推荐一人" in dialog.problems.text() and dialog.isVisible()
    with db.session() as s:
        assert hon.recommendation_of(s, branch_id, YEAR).name == "王芳"


def test_withdraw_then_elect_through_the_outcome_form(qtbot, page, db, branch_id, year, said):
    from app.ui.dialogs.honour_dialogs import OutcomeDialog

    dialog = OutcomeDialog(page.ctx, YEAR, page)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("当选"))
    dialog.save_button.click()
    with db.session() as s:
        assert hon.recommendation_of(s, branch_id, YEAR).outcome == "当选"
        assert "十佳学习型老干部" in [h.name for h in honours_of_member(s, year["王芳"])]
    again = OutcomeDialog(page.ctx, YEAR, page)
    qtbot.addWidget(again)
    again.show()
    again.withdraw()  # said answers 撤回推荐
    assert said[-1][0] == "ask" and "撤回对王芳" in said[-1][1]
    with db.session() as s:
        assert hon.recommendation_of(s, branch_id, YEAR) is None


def test_a_quiz_score_out_of_range_is_said_and_not_stored(qtbot, page, db, year):
    from app.ui.dialogs.honour_dialogs import EntryDialog

    dialog = EntryDialog(page.ctx, year["quiz"], None, page)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.member.setCurrentIndex(dialog.member.findData(year["王芳"]))
    dialog.score.setText("100.5")
    dialog.save_button.click()
    assert "分数应在 0 到 100 分之间" in dialog.problems.text()
    dialog.score.setText("99.5")
    dialog.save_button.click()
    with db.session() as s:
        assert [(e.name, e.score) for e in con.entries_of_contest(s, year["quiz"])] == [
            ("王芳", "99.5"), ("李明", "95.5")]


def test_removing_a_recommended_study_model_is_refused_in_words(page, db, branch_id, said):
    page.show_tab("study")
    row = next(i for i, r in enumerate(page.study.model.rows) if r[0] == "王芳")
    page.study.table.selectRow(row)
    page.study.remove()
    assert said[-1][0] == "error" and "请先撤回推荐" in said[-1][1]
    with db.session() as s:
        assert len(hon.study_models(s, branch_id, YEAR)) == 2


def test_the_print_is_previewed(page, monkeypatch):
    from app.ui.dialogs.pdf_preview import PdfPreviewDialog
    from app.ui.pages.honours_print import preview_honours

    shown = []
    monkeypatch.setattr(PdfPreviewDialog, "exec", lambda self: shown.append(self) or 0)
    preview_honours(page, page.ctx, YEAR)
    assert len(shown) == 1 and shown[0].title == "学习先进推荐表和荣誉名单"
    text = "".join(p.extract_text() for p in PdfReader(shown[0].pdf_path).pages)
    assert "学习先进推荐表" in text and "王芳" in text and "95.5" in text


def test_the_member_dialog_shows_the_members_honours_and_entries(qtbot, page, year):
    from app.ui.dialogs.member_dialog import MemberDialog

    dialog = MemberDialog(page.ctx, year["李明"], page)
    qtbot.addWidget(dialog)
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    tab = dialog.tabs.widget(titles.index("评先评优"))
    assert [r[:3] for r in tab.honours.rows] == [(f"{YEAR}年", "学习先进", "支部")]
    assert [r[1:] for r in tab.entries.rows] == [("党史知识竞答", "知识竞答", "", "一等奖", "95.5")]
    assert tab.summary.text() == f"荣誉 1 项；参加竞赛活动 1 次；学习先进：{YEAR}年。"
    QApplication.processEvents()
