"""Before the main window: a damaged database (set aside, the newest good backup offered) and a
second copy of the program (told plainly; the first window is asked to come forward)."""

from __future__ import annotations

from pathlib import Path

from app import APP_NAME
from app.errors import UserError
from app.runtime import DatabaseDamaged, open_database
from app.services import integrity
from app.services.instance_lock import Holder, unwritable_message
from app.ui import messages
from app.ui.single_instance import ask_first_window_forward, tell_already_open


def open_for_window(db_path: Path | None):
    """The database for the window, or (None, exit status) when the window must not open."""
    _offer_when_missing(db_path)
    try:
        db = open_database(db_path)
    except DatabaseDamaged as exc:
        db = _offer_backup(db_path, exc)
        if db is None:
            return None, 1
    except UserError as exc:
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


def _offer_when_missing(db_path: Path | None) -> None:
    """No database file, yet backups beside it (a file set aside earlier, or moved away): ask
    before starting empty, so nobody sees an empty program and thinks the records are gone."""
    from app import paths

    path = Path(db_path) if db_path else paths.default_db_path()
    if path.exists() or not path.parent.is_dir() or not (path.parent / "backups").is_dir():
        return
    offer = integrity.newest_good_backup(path)
    if offer is None:
        return
    if messages.ask(None, f"没有找到数据库文件 {path}，\n但找到了 {offer.made_at:%Y年%m月%d日 %H:%M} "
                          "的一份完好备份。\n\n要用这份备份恢复吗？（选“从空白开始”将新建一个空的数据库，"
                          "备份仍然保留。）", yes="用这份备份恢复", no="从空白开始",
                    title="找不到数据库"):
        try:
            integrity.restore_offer(path, offer)
        except UserError as err:
            messages.error(None, str(err), title="恢复没有完成")


def _offer_backup(db_path: Path | None, exc: DatabaseDamaged):
    verdict = exc.verdict
    if verdict.offer is None:
        messages.error(None, verdict.message() + "\n\n程序将用一个空的新数据库打开；"
                       "如有 U 盘上的备份，可以在“设置 → 数据安全”里恢复。",
                       title="数据库损坏")
        return _reopen(db_path)
    if not messages.ask(None, verdict.message() + "\n\n要用这份备份恢复吗？",
                        yes="用这份备份恢复", no="退出程序", title="数据库损坏"):
        return None
    try:
        integrity.restore_offer(verdict.report.path, verdict.offer)
    except UserError as err:
        messages.error(None, str(err), title="恢复没有完成")
        return None
    return _reopen(db_path)


def _reopen(db_path):
    try:
        return open_database(db_path)
    except UserError as err:
        messages.error(None, str(err), title=f"{APP_NAME}无法打开数据")
        return None
