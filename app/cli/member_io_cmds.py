"""`zhibu import-members` and `zhibu export-members` (spec/cli.md, spec/import.md).

Handlers import what they need inside themselves (app/cli/__init__.py says why).
"""

from __future__ import annotations

from pathlib import Path

from app.cli import emit


def register(sub) -> None:
    p = sub.add_parser("import-members", help="从 Excel / WPS 表格（.xlsx .xls .csv）导入花名册")
    p.add_argument("file", metavar="FILE", help="花名册文件")
    p.add_argument("--branch", help="导入到哪个支部（名称；不存在时新建；省略时用第一个支部）")
    p.add_argument("--sheet", help="工作表名称（省略时用第一张有表头的工作表）")
    p.add_argument("--dry-run", action="store_true", help="只预览导入报告，不写入任何数据")
    p.add_argument("--json", action="store_true", help="以 JSON 输出导入报告")
    p.set_defaults(func=_import)
    e = sub.add_parser("export-members", help="把花名册导出为可打印的 Excel 表格")
    e.add_argument("-o", "--output", required=True, help="保存为（.xlsx）")
    e.add_argument("--branch", help="支部名称（省略时用第一个支部）")
    e.add_argument("--all", action="store_true", help="包括去世、转出、暂离的人员")
    e.add_argument("--full-id", action="store_true", help="写出完整身份证号（默认隐去中间数字；会记入操作日志）")
    e.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    e.set_defaults(func=_export)


def _import(args, db) -> int:
    from app.services.importing import import_roster
    from app.services.roster import ensure_branch

    with db.session() as s:
        branch = ensure_branch(s, args.branch)
        report = import_roster(s, Path(args.file), branch.id, dry_run=args.dry_run,
                               sheet=args.sheet)
        if args.dry_run:
            s.rollback()  # not even a new branch is kept
    emit(args, report.to_json(), report.text())
    return 0


def _branch_id(s, name: str | None) -> int:
    from sqlalchemy import select

    from app.errors import InputError
    from app.models import Branch

    if name:
        found = s.scalar(select(Branch.id).where(Branch.name == name))
        if found is None:
            names = "、".join(s.scalars(select(Branch.name))) or "（还没有支部）"
            raise InputError(f"没有名为“{name}”的支部。现有支部：{names}")
        return found
    found = s.scalar(select(Branch.id).order_by(Branch.id).limit(1))
    if found is None:
        raise InputError("数据库里还没有支部，请先导入花名册或生成演示数据")
    return found


def _export(args, db) -> int:
    from app.services.roster import RosterFilter
    from app.services.roster_export import export_members

    with db.session() as s:
        flt = RosterFilter(statuses=() if args.all else ("在册",))
        result = export_members(s, _branch_id(s, args.branch), Path(args.output), flt,
                                full_ids=args.full_id)
    emit(args, {"output": str(result.path), "branch": result.branch, "members": result.count,
                "full_ids": result.full_ids},
         f"已导出“{result.branch}”花名册 {result.count} 人：{result.path}")
    return 0
