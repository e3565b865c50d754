"""The 支部自评 page: the total and stars on top, items grouped by area, program items read-only,
a hand score typed into its cell saved at once (and a refusal shown, nothing stored), and the
buttons' work — the 自评表, the checklist, the ranking — written through run_op."""

from datetime import date

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from app.models import Branch
from app.prefs import Prefs
from app.services.yearend.self_assessment import assessment_of
from app.ui.app import make_application
from app.ui.context import AppContext
from app.ui.table_models.assessment_model import NOTE, SCORE

YEAR = date.today().year - 1


@pytest.fixture
def page(qtbot, db, branch_id, said):
    from app.ui.pages.self_assessment import SelfAssessmentPage

    with db.session() as s:
        s.get_one(Branch, branch_id).secretary = "李秀兰"
    make_application()
    ctx = AppContext(db, Prefs(), branch_id)
    ctx.tasks.synchronous = True
    p = SelfAssessmentPage(ctx)
    qtbot.addWidget(p)
    p.resize(1200, 680)
    p.show()
    p.year_box.setValue(YEAR)
    p.refresh()
    return p


def row_of(page, code: str) -> int:
    return next(n for n in range(page.model.rowCount())
                if page.model.item_at(n) and page.model.item_at(n).code == code)


def test_items_are_grouped_by_area_and_program_items_are_read_only(page):
    m = page.model
    areas = [m.index(r, 1).data() for r in m.area_rows()]
    assert areas == ["组织设置好", "班子建设好", "党员队伍好", "学习活动好", "作用发挥好", "制度坚持好"]
    theme = row_of(page, "4.1")
    assert m.index(theme, 5).data() == "程序" and m.index(theme, 4).data() == "主题党日 0/12"
    assert not m.flags(m.index(theme, SCORE)) & Qt.ItemFlag.ItemIsEditable
    hand = row_of(page, "1.1")
    assert m.flags(m.index(hand, SCORE)) & Qt.ItemFlag.ItemIsEditable
    assert page.total.text().startswith("总分 5 / 100")  # no homebound member: 3.2 full


def test_a_score_typed_into_its_cell_is_saved_at_once(page, db, branch_id, qtbot):
    m = page.model
    hand = row_of(page, "1.1")
    assert m.setData(m.index(hand, SCORE), "4.5")
    qtbot.waitUntil(lambda: page.total.text().startswith("总分 9.5"))
    assert m.setData(m.index(row_of(page, "1.1"), NOTE), "按期换届，分工明确")
    qtbot.wait(10)
    with db.session() as s:
        item = next(i for i in assessment_of(s, branch_id, YEAR).items if i.code == "1.1")
    assert (item.score, item.evidence) == (45, "按期换届，分工明确")
    area = m.area_rows()[0]
    assert m.index(area, 3).data() == "4.5"  # the area's subtotal follows


def test_typing_keys_into_the_score_cell_edits_it(page, db, branch_id, qtbot):
    hand = row_of(page, "1.3")
    page.table.setCurrentIndex(page.model.index(hand, SCORE))
    page.table.setFocus()
    qtbot.keyClicks(page.table, "3")
    editor = page.table.focusWidget()
    qtbot.keyClicks(editor, ".5")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.total.text().startswith("总分 8.5"))
    with db.session() as s:
        assert next(i for i in assessment_of(s, branch_id, YEAR).items
                    if i.code == "1.3").score == 35


def test_a_refused_score_is_said_and_nothing_stored(page, said, db, branch_id, qtbot):
    m = page.model
    assert not m.setData(m.index(row_of(page, "1.1"), SCORE), "7")
    qtbot.waitUntil(lambda: any(kind == "info" for kind, _t in said))
    assert "0 到 5 分之间" in [t for kind, t in said if kind == "info"][-1]
    with db.session() as s:
        assert assessment_of(s, branch_id, YEAR).total == 50


def test_the_buttons_write_the_workbooks(page, tmp_path, qtbot, said):
    said.answers = [None, None, None]  # 完成: 关闭, not 打开文件
    out = tmp_path / "自评.xlsx"
    page.export_to(out, {"head": "张书记", "checker": "", "maker": "李秀兰"})
    assert load_workbook(out)["自评表"]["A3"].value.startswith("测试支部")
    checklist = tmp_path / "细则.xlsx"
    page.export_checklist_to(checklist)
    page.load_from(checklist)
    assert "（" in page.source.text() and "细则.xlsx" in page.source.text()
    ranking = tmp_path / "排名.xlsx"
    page.merge_to([out], ranking, {"unit": "城关镇", "head": "", "checker": "", "maker": ""})
    rows = list(load_workbook(ranking)["排名"].iter_rows(values_only=True))
    assert any(r[1] == "测试支部" and r[0] == 1 for r in rows)


def test_a_note_without_a_score_is_refused_with_a_sentence(page, said, qtbot):
    m = page.model
    assert not m.setData(m.index(row_of(page, "2.1"), NOTE), "班子团结")
    qtbot.waitUntil(lambda: any(kind == "info" for kind, _t in said))
    assert "请先填写编号 2.1 的得分" in [t for kind, t in said if kind == "info"][-1]


def test_after_a_score_the_cursor_moves_to_the_next_hand_item(page, qtbot):
    page.table.setCurrentIndex(page.model.index(row_of(page, "1.1"), SCORE))
    page.table.setFocus()
    qtbot.keyClicks(page.table, "4")
    qtbot.keyClick(page.table.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.total.text().startswith("总分 9"))
    current = page.table.currentIndex()
    assert page.model.item_at(current.row()).code == "1.3" and current.column() == SCORE
