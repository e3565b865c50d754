"""`zhibu ledger-book` and `zhibu year-notes`: the year's ledger book (支部工作台账,
spec/year-end.md) and the plan and summary it prints in part 9.

    zhibu ledger-book --year Y -o FILE.pdf|FILE.xlsx [--unit 填报单位] [--branch 名称] [--json]
    zhibu year-notes --year Y [--plan TEXT | --plan-file F] [--summary TEXT | --summary-file F]
                     [--branch 名称] [--json]
`year-notes` without --plan or --summary shows what is written. Bad input exits 2 with a
Chinese sentence; nothing is stored then.
"""

from __future__ import annotations

from pathlib import Path

from app.cli import emit
from app.errors import InputError
from app.cli.options import branch_option as _branch

# A handler imports the use cases it needs inside itself: start-up time of every command
# (app/cli/__init__.py).

_BRANCH = "支部名称（数据库里只有一个支部时可省略）"


def register(sub) -> None:
    p = sub.add_parser("ledger-book", help="生成一年的支部工作台账（PDF 或 Excel，九个部分）")
    p.add_argument("--year", type=int, required=True, help="年度")
    p.add_argument("-o", "--output", required=True, help="保存为 .pdf 或 .xlsx 文件")
    p.add_argument("--unit", default="", help="封面上的填报单位（默认为支部名称）")
    p.add_argument("--branch", help=_BRANCH)
    p.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    p.set_defaults(func=_book)
    n = sub.add_parser("year-notes", help="填写或查看一年的工作计划和工作总结（台账第九部分）")
    n.add_argument("--year", type=int, required=True, help="年度")
    n.add_argument("--plan", help="年度工作计划（文字）")
    n.add_argument("--plan-file", help="从文本文件读入年度工作计划（UTF-8）")
    n.add_argument("--summary", help="年度工作总结（文字）")
    n.add_argument("--summary-file", help="从文本文件读入年度工作总结（UTF-8）")
    n.add_argument("--branch", help=_BRANCH)
    n.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    n.set_defaults(func=_notes)



def _book(args, db) -> int:
    from app.services.yearend.ledger_book import export_ledger_book

    with db.session() as s:
        branch_id = _branch(s, args, f"ledger-book --year {args.year} -o {Path(args.output).name}")
        result = export_ledger_book(s, branch_id, args.year, Path(args.output), unit=args.unit)
    pages = f"，共 {result['pages']} 页" if result["pages"] else "，封面、目录和九个部分各一个工作表"
    emit(args, result, f"已生成{result['branch']}{result['year']}年度工作台账：{result['output']}"
                       f"{pages}")
    return 0


def _text(value: str | None, file: str | None, option: str) -> str | None:
    if value is not None and file:
        raise InputError(f"--{option} 和 --{option}-file 只能用一个")
    if not file:
        return value
    try:
        return Path(file).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"读不了文件“{file}”（{exc.__class__.__name__}），请存为 UTF-8 文本再试") from None


def _notes(args, db) -> int:
    from app.services.yearend.year_notes import save_year_notes, year_notes

    plan = _text(args.plan, args.plan_file, "plan")
    summary = _text(args.summary, args.summary_file, "summary")
    with db.session() as s:
        branch_id = _branch(s, args, f"year-notes --year {args.year}")
        if plan is None and summary is None:
            notes = year_notes(s, branch_id, args.year)
            said = (f"{notes.year}年度工作计划：\n{notes.plan or '（未填写）'}\n\n"
                    f"{notes.year}年度工作总结：\n{notes.summary or '（未填写）'}")
        else:
            notes = save_year_notes(s, branch_id, args.year, plan, summary)
            saved = "、".join(w for w, t in (("工作计划", plan), ("工作总结", summary))
                             if t is not None)
            said = f"已保存{notes.year}年度{saved}。"
    emit(args, notes.to_json(), said)
    return 0
