"""`zhibu backup`, `zhibu restore`, `zhibu check`, `zhibu start-empty` (spec/cli.md), and
handing a branch over.

Handlers import what they need inside themselves (app/cli/__init__.py says why).
"""

from __future__ import annotations

from pathlib import Path

from app.cli import emit
from app.errors import InputError, WorkError


def register(sub) -> None:
    p = sub.add_parser("backup", help="备份数据库（SQLite 在线备份，备份后校验）")
    p.add_argument("-o", "--output", help="备份到这个文件或文件夹（默认：数据库旁的 backups 文件夹）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    p.set_defaults(func=_backup)
    p = sub.add_parser("restore", help="用一份备份替换数据库（先把当前数据库另存一份备份）")
    p.add_argument("file", help="备份文件")
    p.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    p.set_defaults(func=_restore, open_options={"replacing": True})
    p = sub.add_parser("check", help="检查数据库是否完好（完整性与外键）；完好时退出码为 0")
    p.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    p.set_defaults(func=_check, open_options={"must_exist": True})
    p = sub.add_parser("start-empty", help="数据库损坏或丢失后，明确选择新建一个空的数据库（损坏的文件和备份都保留）")
    p.set_defaults(func=_start_empty, open_options={"start_empty": True})
    p = sub.add_parser("handover", help="把支部数据（数据库和设置）打包成一个移交文件")
    p.add_argument("-o", "--output", required=True, help="移交文件（.zhibu）")
    p.set_defaults(func=_handover)
    p = sub.add_parser("take-over", help="打开上一任书记的移交文件（先备份当前数据库）")
    p.add_argument("file", help="移交文件（.zhibu）")
    p.set_defaults(func=_take_over)


def _size(path: Path) -> str:
    return f"{path.stat().st_size / 2**20:.1f} MB"


def _backup(args, db) -> int:
    from app.storage import backup

    if args.output:
        target = Path(args.output)
        made = (backup.backup_to_folder(db.path, target) if target.is_dir()
                else backup.copy_database(db.path, target))
    else:
        made = backup.make_backup(db.path, reason="手动")
    warning = backup.clock_warning(db.path)
    emit(args, {"file": str(made), "bytes": made.stat().st_size, "check": "ok",
                "clock_warning": warning or None},
         f"已备份并校验：{made}（{_size(made)}）" + (f"\n{warning}" if warning else ""))
    return 0


def _refuse_if_read_only(db) -> None:
    if db.read_only:
        from app.storage.instance_lock import taken_message

        raise WorkError(taken_message(db.path, db.lock.holder()))


def _restore(args, db) -> int:
    from app.storage import restore

    source = Path(args.file)
    if not source.is_file():
        raise InputError(f"找不到备份文件 {source}")
    _refuse_if_read_only(db)
    db.engine.dispose()
    kept, preview = restore.restore_backup(db.path, source)
    from app.storage import integrity

    integrity.clear_marker(db.path)  # the choice after a damage is made
    when = f"{preview.last_change:%Y-%m-%d %H:%M}" if preview.last_change else "不详"
    emit(args, {"restored_from": str(source), "previous_saved_as": str(kept) if kept else None,
                "branches": preview.branches, "members": preview.members,
                "last_change": preview.last_change},
         f"已从 {source} 恢复：{'、'.join(preview.branches) or '（无支部）'}，"
         f"{preview.members} 名党员，最后修改于 {when}。"
         + (f"\n恢复前的数据已另存为：{kept}" if kept else ""))
    return 0


def _check(args, db) -> int:
    from app.storage import integrity

    report = integrity.full_check(db.path)
    emit(args, {"file": str(db.path), "ok": report.sound, "problems": report.problems},
         report.text())
    return 0 if report.sound else 1


def _start_empty(args, db) -> int:
    """open_database(start_empty=True) has made the new database; say what was kept."""
    from app.storage import backup

    kept = sorted(p for p in db.path.parent.glob(db.path.name + ".损坏-*")
                  if not p.name.endswith(("-wal", "-shm", "-journal")))
    newest = next(iter(backup.list_backups(db.path)), None)
    print(f"已新建一个空的数据库：{db.path}。"
          + (f"\n损坏的文件仍保存在：{kept[-1]}" if kept else "")
          + (f"\n备份都还在 {newest.path.parent}，需要时可以用 zhibu restore 恢复。" if newest else ""))
    return 0


def _handover(args, db) -> int:
    from app.services import handover

    made = handover.pack(db, Path(args.output))
    print(f"已打包移交文件：{made}（{_size(made)}）。请把它交给下一任书记，"
          "在支部工作台“设置”里点“打开移交文件”。")
    return 0


def _take_over(args, db) -> int:
    from app.services import handover

    _refuse_if_read_only(db)
    db.engine.dispose()
    result = handover.open_handover(db, Path(args.file))
    print(f"已打开移交文件：{'、'.join(result.branches)}，{result.members} 名党员。"
          + (f"\n原来的数据已另存为：{result.previous}" if result.previous else ""))
    return 0
