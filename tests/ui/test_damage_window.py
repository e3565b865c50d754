"""The window after damage: the newest good backup or an explicit 「从空白开始」, never a silent
empty database; the data-safety panel says when the clock looks wrong (issue 16)."""

import os
import sqlite3
from datetime import datetime, timedelta

from app.prefs import Prefs
from app.storage import backup, integrity
from app.services.members import MemberInput, add_member
from app.ui import style
from app.ui.app import make_application
from app.ui.context import AppContext
from app.ui.pages.data_safety_panel import DataSafetyPanel
from app.ui.startup_safety import open_for_window
from tests.db_helpers import member_count


def _damage(path):
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    with open(path, "r+b") as f:
        f.seek(4096 * 2)
        f.write(os.urandom(4096 * 4))


def _filled(db, branch_id, with_backup=True):
    with db.session() as s:
        for i in range(120):
            add_member(s, branch_id, MemberInput(name=f"党员{i}", address="地址" * 40))
    made = backup.make_backup(db.path) if with_backup else None
    db.dispose()
    _damage(db.path)
    return made


def test_leaving_at_the_first_question_then_the_next_start_offers_the_backup(
        qtbot, db, branch_id, said):
    make_application()
    good = _filled(db, branch_id)
    said.answers = [False]  # 退出程序 at the first start after the damage
    assert open_for_window(db.path) == (None, 1)
    assert not db.path.exists() and integrity.marker_path(db.path).exists()
    listing = sorted(db.path.parent.rglob("*"))
    said.answers = [None]  # the next start: asked again; Esc leaves, nothing is created
    assert open_for_window(db.path) == (None, 1)
    assert sorted(db.path.parent.rglob("*")) == listing
    (kind, text), (options, cancel) = said[-1], said.buttons[-1]
    assert kind == "choose" and options == ["用这份备份恢复", "从空白开始"] and cancel == "退出程序"
    assert str(good) in text and "损坏的文件没有删除" in text
    said.answers = ["restore"]
    opened, status = open_for_window(db.path)
    try:
        assert status == 0 and member_count(db.path) == 120
        assert not integrity.marker_path(db.path).exists()
    finally:
        opened.dispose()


def test_without_a_backup_starting_empty_is_asked_in_so_many_words(qtbot, db, branch_id, said):
    make_application()
    _filled(db, branch_id, with_backup=False)
    said.answers = [False]
    assert open_for_window(db.path) == (None, 1)
    assert said[0][0] == "ask" and said.buttons[0] == (["从空白开始"], "退出程序")
    assert not db.path.exists()
    said.answers = ["empty"]
    opened, status = open_for_window(db.path)
    try:
        assert status == 0 and member_count(db.path) == 0
        assert said.buttons[-1][0] == ["从空白开始"]  # no backup to offer: only the explicit choice
        assert not integrity.marker_path(db.path).exists()
        assert list(db.path.parent.glob(db.path.name + ".损坏-*"))  # kept
    finally:
        opened.dispose()


def test_the_data_safety_panel_says_the_clock_looks_wrong(qtbot, db, branch_id):
    make_application()
    with db.session() as s:
        add_member(s, branch_id, MemberInput(name="张建国"))
    ahead = datetime.now() + timedelta(days=400)
    backup.make_backup(db.path, now=ahead)
    ctx = AppContext(db, Prefs(), branch_id)
    panel = DataSafetyPanel(ctx)
    qtbot.addWidget(panel)
    panel.resize(style.px(900), style.px(760))
    panel.show()
    assert (f"电脑的日期可能不对：有一份备份的日期是 {ahead.year}年{ahead.month}月{ahead.day}日"
            in panel.status.text())
