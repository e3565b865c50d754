"""设置 → 数据安全: back up to a USB stick in one click, restore from a backup after seeing what
it holds, check the database, hand over; a failing service gives a message and the window stays."""

import sqlite3

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QFileDialog

from app.errors import WorkError
from app.prefs import Prefs
from app.storage import backup
from app.services.members import MemberInput, add_member
from app.ui import style
from app.ui.app import build_window, make_application
from app.ui.context import AppContext
from app.ui.pages import data_safety_panel as dsp
from app.ui.pages.data_safety_panel import DataSafetyPanel


def _names(path):
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return sorted(r[0] for r in con.execute("SELECT name FROM member"))
    finally:
        con.close()


@pytest.fixture
def panel(qtbot, db, branch_id):
    make_application()
    with db.session() as s:
        add_member(s, branch_id, MemberInput(name="张建国"))
    backup.make_backup(db.path)
    with db.session() as s:
        add_member(s, branch_id, MemberInput(name="后来加的"))
    ctx = AppContext(db, Prefs(), branch_id)
    ctx.tasks.synchronous = True
    p = DataSafetyPanel(ctx)
    qtbot.addWidget(p)
    p.resize(style.px(900), style.px(760))
    p.show()
    return p


def _select(p, row):
    p.table.selectionModel().select(p.model.index(row, 0), QItemSelectionModel.SelectionFlag.Rows
                                    | QItemSelectionModel.SelectionFlag.ClearAndSelect)


def test_choosing_a_backup_shows_what_it_holds_and_restore_asks_first(panel, said, db, qtbot):
    assert panel.model.rowCount() == 1 and not panel.restore_button.isEnabled()
    _select(panel, 0)
    assert "测试支部" in panel.preview.text() and "党员：1 人" in panel.preview.text()
    qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    assert said[0][0] == "ask" and "1 人" in said[0][1]
    assert said[-1][0] == "info" and "恢复前" in said[-1][1]
    assert _names(db.path) == ["张建国"]
    assert panel.model.rowCount() == 2  # the copy taken before restoring is listed


def test_saying_no_changes_nothing(panel, said, db, qtbot):
    said.answer = False
    _select(panel, 0)
    qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    assert _names(db.path) == ["后来加的", "张建国"]


def test_one_click_backup_to_a_usb_stick(panel, said, tmp_path, qtbot, monkeypatch):
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(usb))
    qtbot.mouseClick(panel.backup_button, Qt.MouseButton.LeftButton)
    [made] = list(usb.glob("*.sqlite3"))
    assert _names(made) == ["后来加的", "张建国"]
    assert said[-1][0] == "info" and str(made) in said[-1][1]


@pytest.mark.parametrize("exc", [WorkError("无法写入备份：磁盘已满"), RuntimeError("boom")])
def test_a_failing_service_gives_a_message_and_the_panel_stays(panel, said, tmp_path, qtbot,
                                                               monkeypatch, exc):
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))

    def fail(*_a, **_k):
        raise exc

    monkeypatch.setattr(backup, "backup_to_folder", fail)
    qtbot.mouseClick(panel.backup_button, Qt.MouseButton.LeftButton)
    kind, text = said[-1]
    assert kind == "error" and ("磁盘已满" in text if isinstance(exc, WorkError) else "没有完成" in text)
    assert panel.isVisible() and panel.model.rowCount() == 1


def test_check_database_says_it_is_sound(panel, said, qtbot):
    button = next(b for b in panel.findChildren(type(panel.backup_button)) if b.text() == "检查数据库")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert said == [("info", "数据库完好，没有发现问题。")]


def test_handover_pack_and_open_through_the_buttons(panel, said, tmp_path, monkeypatch, db):
    target = tmp_path / "移交"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    panel.pack_handover()
    made = tmp_path / "移交.zhibu"
    assert made.exists() and "移交文件已做好" in said[-1][1]
    with db.session() as s:
        add_member(s, panel.ctx.branch_id, MemberInput(name="移交后加的"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(made), ""))
    panel.open_handover()
    assert any(k == "ask" and "2 名党员" in t for k, t in said)
    assert _names(db.path) == ["后来加的", "张建国"]


def test_the_window_survives_an_exception_from_a_service(qtbot, demo_db, said, monkeypatch):
    make_application()
    w = build_window(demo_db, Prefs())
    w.ctx.tasks.synchronous = True
    qtbot.addWidget(w)
    w.show()
    p = DataSafetyPanel(w.ctx)
    qtbot.addWidget(p)
    monkeypatch.setattr(dsp.integrity, "check_database",
                        lambda *_a: (_ for _ in ()).throw(OSError(28, "No space left")))
    p.check_database()
    assert said and said[-1][0] == "error"
    assert w.isVisible()
    w.navigate("roster")  # and carries on
    assert w.current_key() == "roster"


@pytest.mark.parametrize("scale", [100, 150])
def test_screenshot(qtbot, panel, scale):
    style.apply(make_application(), scale)
    p = DataSafetyPanel(panel.ctx)
    qtbot.addWidget(p)
    p.resize(style.px(900), style.px(780))
    p.show()
    _select(p, 0)
    qtbot.wait(20)
    import os

    os.makedirs("/tmp/shots/safety", exist_ok=True)
    assert p.grab().save(f"/tmp/shots/safety/panel-{scale}.png")
    style.apply(make_application(), 100)


def test_a_failed_automatic_backup_is_shown_in_words(qtbot, db, branch_id, monkeypatch):
    from app.ui.auto_backup import AutoBackup

    make_application()
    ctx = AppContext(db, Prefs(), branch_id)
    ctx.tasks.synchronous = True
    auto = AutoBackup(ctx)

    def full(*_a, **_k):
        raise WorkError("无法写入备份：磁盘已满")

    monkeypatch.setattr(backup, "maybe_backup", full)
    auto.tick()
    p = DataSafetyPanel(ctx)
    qtbot.addWidget(p)
    assert "上次自动备份没有成功" in p.status.text() and "磁盘已满" in p.status.text()
