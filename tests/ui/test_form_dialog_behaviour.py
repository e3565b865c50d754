"""No edit is lost and no key surprises: Esc, the window's × and 取消 ask 保存 / 不保存 / 继续编辑
when something was typed (and only then); Enter presses 保存 except inside a multi-line text; the
mouse wheel never changes a combo box, spin box or date without the keyboard focus."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QApplication, QComboBox, QDateEdit, QDoubleSpinBox, QScrollArea, QVBoxLayout, QWidget,
)
from sqlalchemy import select

from app.models import Member
from app.prefs import Prefs
from app.ui import messages
from app.ui.app import build_window, make_application
from app.ui.dialogs.member_dialog import MemberDialog


@pytest.fixture
def window(qtbot, db, branch_id):
    make_application()
    w = build_window(db, Prefs())
    qtbot.addWidget(w)
    w.show()
    return w


@pytest.fixture
def answers(monkeypatch):
    """The unsaved-changes question answered from a list; each question asked is recorded."""
    asked, queue = [], []

    def answer(parent):
        asked.append(parent.windowTitle())
        return queue.pop(0)

    monkeypatch.setattr(messages, "ask_unsaved", answer)
    return asked, queue


def _names(db):
    with db.session() as s:
        return list(s.scalars(select(Member.name).order_by(Member.id)))


def _new_member(window, qtbot):
    dialog = MemberDialog(window.ctx, None, window)  # the window's child: closed with it
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _close(dialog, how, qtbot):
    if how == "Esc":
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    elif how == "×":
        dialog.close()
    else:
        next(b for b in dialog.findChildren(type(dialog.default_button()))
             if b.text() == "取消").click()


@pytest.mark.parametrize("how", ["Esc", "×", "取消"])
def test_closing_without_changes_asks_nothing(window, qtbot, answers, how):
    asked, _queue = answers
    dialog = _new_member(window, qtbot)
    _close(dialog, how, qtbot)
    assert not dialog.isVisible() and asked == []


@pytest.mark.parametrize("how", ["Esc", "×", "取消"])
def test_keep_editing_leaves_the_dialog_open_with_the_edits(window, qtbot, db, answers, how):
    asked, queue = answers
    dialog = _new_member(window, qtbot)
    dialog.form.edits["name"].setText("赵德明")
    dialog.form.edits["health_notes"].setPlainText("腿脚不便")
    queue.append("keep")
    _close(dialog, how, qtbot)
    assert asked == ["新增党员"]
    assert dialog.isVisible()
    assert dialog.form.edits["name"].text() == "赵德明"
    assert dialog.form.edits["health_notes"].toPlainText() == "腿脚不便"
    assert _names(db) == []
    dialog.done(0)


@pytest.mark.parametrize("how", ["Esc", "×", "取消"])
def test_save_in_the_question_saves_and_closes(window, qtbot, db, answers, how):
    asked, queue = answers
    dialog = _new_member(window, qtbot)
    dialog.form.edits["name"].setText("赵德明")
    queue.append("save")
    _close(dialog, how, qtbot)
    assert asked == ["新增党员"]
    assert not dialog.isVisible() and dialog.result() == dialog.DialogCode.Accepted
    assert _names(db) == ["赵德明"]


@pytest.mark.parametrize("how", ["Esc", "×", "取消"])
def test_dont_save_discards_and_closes(window, qtbot, db, answers, how):
    _asked, queue = answers
    dialog = _new_member(window, qtbot)
    dialog.form.edits["name"].setText("赵德明")
    queue.append("discard")
    _close(dialog, how, qtbot)
    assert not dialog.isVisible() and dialog.result() == dialog.DialogCode.Rejected
    assert _names(db) == []


def test_save_refused_by_the_form_keeps_the_dialog_open_with_the_reason(window, qtbot, db,
                                                                        answers):
    _asked, queue = answers
    dialog = _new_member(window, qtbot)
    dialog.form.edits["birth_date"].setText("不是日期")  # changed, but cannot be saved
    queue.append("save")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.problems.isVisible()
    assert "出生年月" in dialog.problems.text()
    assert _names(db) == []
    dialog.done(0)


def test_an_existing_member_asks_only_after_a_change(window, qtbot, db, answers):
    asked, queue = answers
    with db.session() as s:
        from app.services import members

        mid = members.add_member(s, window.ctx.branch_id, members.MemberInput(name="钱学文"))
    dialog = MemberDialog(window.ctx, mid, window)
    dialog.show()
    dialog.form.edits["needs_care"].setChecked(True)
    dialog.form.edits["needs_care"].setChecked(False)  # back as it was: nothing to lose
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked == [] and not dialog.isVisible()
    dialog = MemberDialog(window.ctx, mid, window)
    dialog.show()
    dialog.form.edits["visit_interval_days"].setValue(45)
    queue.append("discard")
    dialog.close()
    assert len(asked) == 1 and asked[0].startswith("党员信息")


def test_enter_in_a_field_presses_save(window, qtbot, db, answers):
    dialog = _new_member(window, qtbot)
    name = dialog.form.edits["name"]
    name.setFocus()
    name.setText("孙立平")  # QTest cannot type Chinese characters; the key below is real
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert _names(db) == ["孙立平"]


def test_enter_in_a_multi_line_text_starts_a_new_line(window, qtbot, db, answers):
    dialog = _new_member(window, qtbot)
    dialog.form.edits["name"].setText("孙立平")
    notes = dialog.form.edits["notes"]
    notes.setFocus()
    notes.insertPlainText("第一行")
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    notes.insertPlainText("第二行")
    assert dialog.isVisible() and notes.toPlainText() == "第一行\n第二行"
    assert _names(db) == []
    dialog.done(0)


def test_enter_is_save_not_cancel_in_every_form(window, qtbot):
    """The default button is the primary one (保存 / 确定 / 下一步), never 取消 or 以后再说."""
    from app.ui.dialogs.user_name_dialog import UserNameDialog

    for dialog in (MemberDialog(window.ctx, None, window), UserNameDialog(window)):
        dialog.show()
        assert dialog.default_button().text() in ("保存", "确定")
        dialog.done(0)


def _wheel(widget, steps: int = -3) -> None:
    """A real-looking wheel turn over the middle of `widget` (negative: towards the user)."""
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * steps), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_wheel_over_the_settings_study_day_scrolls_the_page_and_keeps_the_day(window, qtbot):
    window.resize(1000, 420)  # short: the settings page has to scroll
    window.navigate("settings")
    page = window.page("settings")
    day = page.study_day
    day.setValue(5)
    scroll = page.findChild(QScrollArea)
    QApplication.processEvents()
    assert scroll.verticalScrollBar().maximum() > 0
    assert day.focusPolicy() == Qt.FocusPolicy.StrongFocus  # a wheel does not give focus
    scroll.ensureWidgetVisible(day)
    before = scroll.verticalScrollBar().value()
    window.nav.setFocus()
    _wheel(day, +3)  # away from the user: Qt would count the day up, or scroll up
    _wheel(day, -3)
    _wheel(day, -3)
    assert day.value() == 5
    assert scroll.verticalScrollBar().value() != before  # the page moved instead
    day.setFocus()
    QApplication.processEvents()
    assert day.hasFocus()
    _wheel(day, +1)  # with the focus the wheel does change it: the guard is not a blanket ban
    assert day.value() == 6


def test_wheel_leaves_unfocused_combo_spin_and_date_alone(qtbot):
    make_application()
    page = QWidget()
    layout = QVBoxLayout(page)
    combo = QComboBox()
    combo.addItems(["一", "二", "三"])
    combo.setCurrentIndex(1)
    spin = QDoubleSpinBox()
    spin.setValue(2.0)
    when = QDateEdit()
    start = when.date()
    for w in (combo, spin, when):
        layout.addWidget(w)
    scroll = QScrollArea()
    scroll.setWidget(page)
    qtbot.addWidget(scroll)
    scroll.show()
    for w in (combo, spin, when):
        assert w.focusPolicy() == Qt.FocusPolicy.StrongFocus
        _wheel(w, -1)
        _wheel(spin.lineEdit() if w is spin else w, -1)  # also over the text part of a spin box
    assert combo.currentIndex() == 1 and spin.value() == 2.0 and when.date() == start


@pytest.mark.parametrize("label, expected", [("保存", "save"), ("不保存", "discard"),
                                             ("继续编辑", "keep")])
def test_the_question_itself_offers_save_dont_save_keep_editing(qtbot, label, expected):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    make_application()
    seen = []

    def press():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append((box.text(), sorted(b.text() for b in box.buttons())))
        next(b for b in box.buttons() if b.text() == label).click()

    QTimer.singleShot(50, press)
    assert messages.ask_unsaved(None) == expected
    assert seen == [("有未保存的修改，要保存吗？", sorted(["保存", "不保存", "继续编辑"]))]


def test_enter_in_the_visitor_box_of_a_visit_saves_the_visit(qtbot, demo_db):
    from app.models import Visit
    from app.ui.dialogs.visit_dialog import VisitDialog

    make_application()
    from app.vocab import STATUS_ACTIVE

    w = build_window(demo_db, Prefs())
    qtbot.addWidget(w)
    w.show()
    with demo_db.session() as s:
        member_id = s.scalar(select(Member.id).where(Member.branch_id == w.ctx.branch_id,
                                                     Member.status == STATUS_ACTIVE))
        before = len(s.scalars(select(Visit.id)).all())
    dialog = VisitDialog(w.ctx, member_id, w)
    dialog.show()
    next(iter(dialog.purpose_boxes.values())).setChecked(True)
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    dialog.visitor.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.visitor)  # an editable combo
    qtbot.keyClick(dialog.visitor, Qt.Key.Key_Return)
    assert not dialog.isVisible(), dialog.problems.text()
    with demo_db.session() as s:
        assert len(s.scalars(select(Visit.id)).all()) == before + 1
