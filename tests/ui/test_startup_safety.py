"""Before the window: a damaged database is replaced by the newest good backup when the user
agrees; a second copy of the program is told and the first window comes forward; the name is
asked once; backups happen by themselves while the window is open and on closing."""

import os
import sqlite3
import subprocess
import sys

import pytest

from app.prefs import Prefs
from app.storage import backup
from app.services.members import MemberInput, add_member
from app.ui.app import make_application
from app.ui.context import AppContext

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]


def _count(path):
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute("SELECT count(*) FROM member").fetchone()[0]
    finally:
        con.close()


def test_damaged_database_is_replaced_by_the_newest_good_backup(qtbot, db, branch_id, said):
    from app.ui.startup_safety import open_for_window

    make_application()
    with db.session() as s:
        for i in range(300):
            add_member(s, branch_id, MemberInput(name=f"党员{i}", address="地址" * 40))
    backup.make_backup(db.path)
    db.dispose()
    with open(db.path, "r+b") as f:
        f.seek(4096 * 3)
        f.write(os.urandom(4096 * 5))
    opened, status = open_for_window(db.path)
    try:
        assert status == 0 and opened is not None
        assert said[0][0] == "ask" and "损坏" in said[0][1] and "没有删除" in said[0][1]
        assert _count(db.path) == 300
        assert list(db.path.parent.glob("*.损坏-*"))
    finally:
        opened.dispose()


def test_second_copy_is_told_and_asks_the_first_window_forward(qtbot, db, said, monkeypatch):
    from app.ui import startup_safety
    from app.ui.single_instance import FrontRequests, request_path
    from app.ui.startup_safety import open_for_window

    make_application()
    monkeypatch.setattr(startup_safety, "tell_already_open",
                        lambda text, title="": said.append(("info", text)))
    db.dispose()
    code = ("import sys, time\nfrom app.storage.instance_lock import InstanceLock\n"
            "print(InstanceLock(sys.argv[1]).acquire(), flush=True)\ntime.sleep(60)")
    proc = subprocess.Popen([sys.executable, "-c", code, str(db.path)], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert proc.stdout.readline().strip() == "True"
        opened, status = open_for_window(db.path)
        assert (opened, status) == (None, 0)
        assert said[-1][0] == "info" and "已经打开" in said[-1][1] and "最前面" in said[-1][1]
        assert request_path(db.path).exists()
    finally:
        proc.kill()
        proc.wait()
    from PySide6.QtWidgets import QWidget

    first = QWidget()
    qtbot.addWidget(first)
    front = FrontRequests.__new__(FrontRequests)  # the first window's watcher, without waiting
    FrontRequests.__init__(front, first, db.path.with_name("other.sqlite3"))
    front.path = request_path(db.path)
    assert front.poll() and first.isVisible() and not request_path(db.path).exists()


def test_name_is_asked_once_and_remembered(qtbot, monkeypatch):
    from app.ui.dialogs import user_name_dialog as und

    make_application()
    prefs = Prefs()
    monkeypatch.setattr(und.UserNameDialog, "exec", lambda self: self.name.setText("王书记") or 1)
    assert und.ask_user_name(prefs) == "王书记"
    assert Prefs.load().user_name == "王书记"
    monkeypatch.setattr(und.UserNameDialog, "exec", lambda self: pytest.fail("asked twice"))
    assert und.ask_user_name(Prefs.load()) == "王书记"


def test_name_put_off_is_not_asked_at_every_start(qtbot, monkeypatch):
    from app.ui.dialogs import user_name_dialog as und

    make_application()
    monkeypatch.setattr(und.UserNameDialog, "exec", lambda self: 0)  # 以后再说
    assert und.ask_user_name(Prefs.load()) == ""
    assert Prefs.load().user_name_asked is True
    monkeypatch.setattr(und.UserNameDialog, "exec", lambda self: pytest.fail("asked again"))
    assert und.ask_user_name(Prefs.load()) == ""


def test_automatic_backup_while_open_and_on_closing(qtbot, db, branch_id):
    from app.ui.auto_backup import AutoBackup

    make_application()
    with db.session() as s:
        add_member(s, branch_id, MemberInput(name="张建国"))
    ctx = AppContext(db, Prefs(), branch_id)
    ctx.tasks.synchronous = True
    auto = AutoBackup(ctx)
    auto.tick()
    assert len(backup.list_backups(db.path)) == 1
    auto.tick()  # within 30 minutes: no second copy
    assert len(backup.list_backups(db.path)) == 1
    with db.session() as s:
        add_member(s, branch_id, MemberInput(name="李桂兰"))
    later = backup.list_backups(db.path)[0].made_at.timestamp() + 2
    for p in (db.path, db.path.with_name(db.path.name + "-wal")):
        if p.exists():
            os.utime(p, (later, later))
    auto.on_exit()  # on closing: any change is copied, however recent the last copy
    newest = backup.list_backups(db.path)
    assert len(newest) == 2 and _count(newest[0].path) == 2


def test_a_missing_database_with_backups_beside_it_offers_the_newest(qtbot, db, branch_id, said):
    from app.ui.startup_safety import open_for_window

    make_application()
    with db.session() as s:
        add_member(s, branch_id, MemberInput(name="张建国"))
    backup.make_backup(db.path)
    db.dispose()
    for p in db.path.parent.glob(db.path.name + "*"):
        if p.name != db.path.name + ".lock":
            p.rename(p.with_name("moved-" + p.name))
    opened, status = open_for_window(db.path)
    assert status == 0
    try:
        assert said[0][0] == "choose" and "没有找到数据库文件" in said[0][1]
        assert _count(db.path) == 1
    finally:
        opened.dispose()


def test_the_already_open_notice_stays_in_front_of_the_first_window(qtbot, monkeypatch):
    """The notice appeared behind the main window that came forward: it is kept on top, shown
    active, and answered with a Chinese button."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox, QWidget

    from app.ui import single_instance

    make_application()
    first = QWidget()  # the first program's window, brought forward while the notice shows
    qtbot.addWidget(first)
    seen = []

    def exec_(box):
        first.show()
        first.raise_()
        seen.append((box.isVisible(), bool(box.windowFlags() & Qt.WindowType.WindowStaysOnTopHint),
                     [b.text() for b in box.buttons()]))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    single_instance.tell_already_open("支部工作台已经打开了。", "支部工作台已经打开")
    assert seen == [(True, True, ["知道了"])]
