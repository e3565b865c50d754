"""Before the main window: a damaged database (set aside, the newest good backup offered) and a
second copy of the program (told plainly; the first window is asked to come forward).

After damage (or with the database gone while backups holding members sit beside it) the window
never opens on a new empty database unless the user clicked 「从空白开始」: the alternative is the
newest good backup, or leaving (Esc leaves too)."""

from __future__ import annotations

from pathlib import Path

from app import APP_NAME, paths
from app.errors import UserError
from app.runtime import DatabaseDamaged, open_database
from app.storage import integrity
from app.storage.instance_lock import Holder, unwritable_message
from app.ui import messages
from app.ui.single_instance import ask_first_window_forward, tell_already_open


def open_for_window(db_path: Path | None):
    """The database for the window, or (None, exit status) when the window must not open."""
    choice = _offer_when_missing(db_path)
    if choice is None:
        return None, 1
    try:
        db = open_database(db_path, start_empty=choice == "empty")
    except DatabaseDamaged as exc:
        db = _offer_backup(db_path, exc)
        if db is None:
            return None, 1
    except UserError as exc:  # DatabaseMissing too: a restore chosen above that failed
        messages.error(None, str(exc), title=f"{APP_NAME}无法打开数据")
        return None, exc.exit_code
    if db.read_only and db.lock is not None and db.lock.unwritable:
        db.dispose()  # a read-only folder, not a second window: say so
        messages.error(None, unwritable_message(db.path), title=f"{APP_NAME}无法修改数据")
        return None, 1
    if db.read_only:
        holder = db.lock.holder() if db.lock else Holder()
        forward = ask_first_window_forward(db.path)
        db.dispose()
        tell_already_open(f"支部工作台已经打开了（{holder.text()}）。\n"
                          + ("已经把那个窗口调到最前面，请在那里继续工作。" if forward else
                             "请切换到那个窗口继续工作。")
                          + "\n同一份数据同时只能在一个窗口里修改，以免弄乱。",
                          title="支部工作台已经打开")
        return None, 0
    return db, 0


def _offer_when_missing(db_path: Path | None) -> str | None:
    """No database file after a damage, or beside backups holding members: ask before starting
    empty, so nobody sees an empty program and thinks the records are gone. "open" (nothing to
    ask, or restored), "empty" (the user chose to start empty) or None (leave)."""
    path = Path(db_path) if db_path else paths.default_db_path()
    missing = integrity.missing_database(path)
    if missing is None:
        return "open"
    options = [("用这份备份恢复", "restore")] if missing.offer else []
    options.append(("从空白开始", "empty"))
    choice = messages.choose(
        None, missing.message() + "\n\n" + ("要用这份备份恢复吗？" if missing.offer else "")
        + "选“从空白开始”将新建一个空的数据库，损坏的文件和备份都保留。",
        options, cancel="退出程序", title="找不到数据库")
    if choice != "restore":
        return choice
    try:
        integrity.restore_offer(path, missing.offer)
    except UserError as err:
        messages.error(None, str(err), title="恢复没有完成")
        return None
    return "open"


def _offer_backup(db_path: Path | None, exc: DatabaseDamaged):
    verdict = exc.verdict
    if verdict.offer is None:
        if not messages.ask(None, verdict.message() + "\n\n要新建一个空的数据库吗？"
                            "如有 U 盘上的备份，以后可以在“设置 → 数据安全”里恢复。",
                            yes="从空白开始", no="退出程序", title="数据库损坏"):
            return None
        return _reopen(db_path, start_empty=True)
    if not messages.ask(None, verdict.message() + "\n\n要用这份备份恢复吗？",
                        yes="用这份备份恢复", no="退出程序", title="数据库损坏"):
        return None
    try:
        integrity.restore_offer(verdict.report.path, verdict.offer)
    except UserError as err:
        messages.error(None, str(err), title="恢复没有完成")
        return None
    return _reopen(db_path)


def _reopen(db_path, start_empty: bool = False):
    try:
        return open_database(db_path, start_empty=start_empty)
    except UserError as err:
        messages.error(None, str(err), title=f"{APP_NAME}无法打开数据")
        return None
