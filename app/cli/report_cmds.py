"""`zhibu export-quarter` and `zhibu merge-quarter` (spec/cli.md, spec/quarterly-report.md).

Handlers import what they need inside themselves (app/cli/__init__.py says why).
"""

from __future__ import annotations

from pathlib import Path

from app.cli import emit
from app.errors import InputError


def register(sub) -> None:
    p = sub.add_parser("export-quarter", help="导出支部季度工作情况统计表（Excel）")
    p.add_argument("--year", type=int, required=True, help="年份，如 2026")
    p.add_argument("--quarter", type=int, required=True, help="季度：1、2、3 或 4")
    p.add_argument("-o", "--output", required=True, help="保存为（.xlsx）")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--branch", help="支部名称（数据库里只有一个支部时可省略）")
    which.add_argument("--all-branches", action="store_true",
                       help="数据库里的全部支部合成一个报表（第一页“汇总”是各支部和合计）")
    p.add_argument("--full-id", action="store_true", help="写出完整身份证号（默认部分隐藏）")
    p.add_argument("--form-authority", metavar="制表机关",
                   help="“汇总”右上角的制表机关（默认用程序“设置”里填的）")
    _unit_option(p)
    p.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    p.set_defaults(func=_export)
    m = sub.add_parser("merge-quarter", help="汇总多个支部的季度报表（乡镇/街道、县用）")
    m.add_argument("files", nargs="+", metavar="FILE",
                   help="各支部的季度报表，或各乡镇用本命令做的汇总表（.xlsx）")
    m.add_argument("-o", "--output", required=True, help="保存为（.xlsx，不能是要汇总的文件之一）")
    m.add_argument("--form-authority", metavar="制表机关",
                   help="“汇总”右上角的制表机关（默认用程序“设置”里填的）")
    _unit_option(m)
    m.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    m.set_defaults(func=_merge)


def _unit_option(parser) -> None:
    parser.add_argument("--unit", metavar="填报单位",
                        help="汇总表的填报单位，如“城关镇老干部服务站”（默认用“设置”里填的）")


def _unit(args) -> str | None:
    """--unit as given (None: the one set in 设置)."""
    if args.unit is None:
        return None
    unit = " ".join(args.unit.split())
    if len(unit) > 60:
        raise InputError(f"--unit 太长（{len(unit)} 个字），请不超过 60 个字")
    return unit


def _maker() -> str:
    from app.prefs import Prefs

    return Prefs.load().user_name


def _check_output(path: str) -> Path:
    out = Path(path)
    if out.suffix.lower() != ".xlsx":
        raise InputError(f"输出文件应以 .xlsx 结尾：{path}")
    if not out.parent.exists():
        raise InputError(f"保存位置的文件夹不存在：{out.parent}")
    return out


def _export(args, db) -> int:
    from app.services.quarterly import branch_by_name, export_quarter

    if args.quarter not in (1, 2, 3, 4):
        raise InputError(f"--quarter 应为 1、2、3 或 4，而不是 {args.quarter}")
    if not 1900 <= args.year <= 2200:
        raise InputError(f"--year 不像年份：{args.year}")
    out = _check_output(args.output)
    if args.all_branches:
        return _export_all(args, db, out)
    with db.session() as s:
        report = export_quarter(s, branch_by_name(s, args.branch), args.year, args.quarter, out,
                                full_id=args.full_id, authority=_authority(args))
    emit(args, {"output": str(out), "branch": report.branch, "year": args.year,
                "quarter": args.quarter, "figures": dict(report.figures.items())},
         f"已导出“{report.title}”：{out}")
    return 0


def _authority(args) -> str | None:
    text = " ".join((args.form_authority or "").split())
    if len(text) > 60:
        raise InputError(f"--form-authority 太长（{len(text)} 个字），请不超过 60 个字")
    return text or None


def _export_all(args, db, out: Path) -> int:
    from app.services.roster import branches
    from app.services.township import export_all_branches

    with db.session() as s:
        names = [name for _id, name in branches(s)]
        if not names:
            raise InputError("数据库里还没有支部，请先导入花名册或生成演示数据。")
        export_all_branches(s, args.year, args.quarter, out, full_id=args.full_id,
                            authority=_authority(args), unit=_unit(args) or "", maker=_maker())
    emit(args, {"output": str(out), "branches": names, "year": args.year,
                "quarter": args.quarter},
         f"已把 {len(names)} 个支部的 {args.year}年第{args.quarter}季度报表合成一个文件：{out}")
    return 0


def _merge(args, db) -> int:
    from app.services.township import merge_quarters

    out = _check_output(args.output)
    result = merge_quarters([Path(f) for f in args.files], out, unit=_unit(args),
                            authority=_authority(args), maker=_maker())
    emit(args, result, f"已汇总 {len(result['branches'])} 个支部的 {result['year']}年第"
                       f"{result['quarter']}季度报表：{out}")
    return 0
