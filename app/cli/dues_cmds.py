"""`zhibu dues …`: party dues from the command line (spec/dues.md).

    zhibu dues import-bases FILE [--year Y] [--dry-run] [--json]
    zhibu dues pay --member NAME_OR_ID --months 2026-01..2026-03 --amount 75.00 [--date D]
                   [--by 收缴人] [--how 亲属代交] [--confirm]
    zhibu dues ledger --year Y -o FILE.xlsx|FILE.pdf [--notice]
    zhibu dues owed [--as-of D] [--json]
    zhibu dues show --year Y [--as-of D] --json
and, to finish the work the window does: `dues base` (set or correct a base) and `dues reverse`
(冲正). Bad input exits 2 with a Chinese sentence naming the option or the row.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.cli import emit
from app.errors import InputError
from app.vocab import DUES_HOW, DUES_HOW_DEFAULT, DUES_ROUNDING_LABELS, DUES_SPECIALS
from app.cli.options import branch_option, day_option as _day

# A handler imports the use cases it needs inside itself: start-up time of every command
# (app/cli/__init__.py).

_BRANCH = "支部名称（数据库里只有一个支部时可省略）"


def register(sub) -> None:
    """`zhibu dues`: each subcommand's options in a function of its own, so one reads without
    the others; --help lists them in the order of the calls here."""
    p = sub.add_parser("dues", help="党费：缴费基数、收缴登记、登记表、欠缴名单")
    dues = p.add_subparsers(dest="dues_command", metavar="党费子命令", parser_class=type(p))
    dues.required = True
    _add_import_bases(dues)
    _add_pay(dues)
    _add_reverse(dues)
    _add_base(dues)
    _add_ledger(dues)
    _add_owed(dues)
    _add_show(dues)
    _add_rounding(dues)


def _add_import_bases(dues) -> None:
    """`dues import-bases FILE`: the finance office's sheet; --dry-run is the window's preview,
    --sheet names the sheet when the first one with a header is not the bases."""
    i = dues.add_parser("import-bases", help="从财务科的表格导入本年度缴费基数（先预览再确认）")
    i.add_argument("file", metavar="FILE", help="缴费基数表（.xlsx .xls .csv）：姓名或身份证号、基本离退休费")
    i.add_argument("--year", type=int, help="年度（默认今年）")
    i.add_argument("--sheet", help="工作表名称（省略时用第一张有表头的工作表）")
    i.add_argument("--dry-run", action="store_true", help="只预览，不写入")
    _common(i)
    i.set_defaults(func=_import_bases)


def _add_pay(dues) -> None:
    """`dues pay`: one payment, however many months it covers. The amount is recorded as
    typed (only compared with what is owed); --confirm is the branch's consent to more than
    6 months at once."""
    y = dues.add_parser("pay", help="登记一笔党费（一次交几个月也是一笔）")
    y.add_argument("--member", required=True, metavar="NAME_OR_ID", help="党员姓名或编号")
    y.add_argument("--months", required=True, metavar="2026-01..2026-03",
                   help="所交月份，如 2026-01..2026-03，或一个月 2026-05")
    y.add_argument("--amount", required=True, metavar="75.00", help="金额（元，最多两位小数）")
    y.add_argument("--date", metavar="D", help="交纳日期，如 2026-03-05（默认今天）")
    y.add_argument("--by", metavar="收缴人", help="收缴人（默认支部书记）")
    y.add_argument("--how", default=DUES_HOW_DEFAULT, metavar="方式",
                   help=f"交纳方式：{'、'.join(DUES_HOW)}（默认{DUES_HOW_DEFAULT}）")
    y.add_argument("--note", default="", help="备注")
    y.add_argument("--confirm", action="store_true", help="一次交超过 6 个月时，确认支部同意")
    _common(y)
    y.set_defaults(func=_pay)


def _add_reverse(dues) -> None:
    """`dues reverse N`: 冲正 adds the opposite entry and keeps the wrong one, so the history
    stays whole; a payment's number names it in any branch, hence no --branch."""
    r = dues.add_parser("reverse", help="冲正一笔登记错了的党费（原记录保留）")
    r.add_argument("payment", type=int, metavar="收款记录编号", help="要冲正的收款记录编号")
    r.add_argument("--reason", required=True, help="冲正的原因")
    r.add_argument("--date", metavar="D", help="冲正日期（默认今天）")
    _common(r, branch=False)
    r.set_defaults(func=_reverse)


def _add_base(dues) -> None:
    """`dues base`: set or correct one member's base for a year; --special (低保 …) stands in
    for an amount, and a correction needs its --note."""
    b = dues.add_parser("base", help="填写或更正一名党员的年度缴费基数")
    b.add_argument("--member", required=True, metavar="NAME_OR_ID", help="党员姓名或编号")
    b.add_argument("--year", type=int, help="年度（默认今年）")
    b.add_argument("--base", metavar="元", help="每月基本离退休费，如 4380.00")
    b.add_argument("--special", choices=DUES_SPECIALS, help="低保、救济或抚恤（每月 0.20 元）")
    b.add_argument("--note", default="", help="说明（更正时必填）")
    _common(b)
    b.set_defaults(func=_base)


def _add_ledger(dues) -> None:
    """`dues ledger`: the 登记表, .xlsx or .pdf by the file's name, or with --notice the 公示
    (PDF only: it is printed for the wall)."""
    g = dues.add_parser("ledger", help="党费收缴登记表（.xlsx 或 .pdf），或加 --notice 生成年度公示")
    g.add_argument("--year", type=int, required=True, help="年度")
    g.add_argument("-o", "--output", required=True, help="保存为（.xlsx 或 .pdf；公示只能 .pdf）")
    g.add_argument("--notice", action="store_true", help="生成年度党费收缴情况公示（PDF）")
    g.add_argument("--as-of", metavar="D", help="统计到哪一天（默认今天，或那一年的年底）")
    _common(g)
    g.set_defaults(func=_ledger)


def _add_owed(dues) -> None:
    """`dues owed`: the members 3 months or more behind (6 or more flagged for the branch to
    act); --as-of remakes the list as it stood on an earlier day."""
    o = dues.add_parser("owed", help="欠缴名单：连续 3 个月以上未交党费的党员")
    o.add_argument("--as-of", metavar="D", help="算到哪一天（默认今天）")
    _common(o)
    o.set_defaults(func=_owed)


def _add_show(dues) -> None:
    """`dues show`: a year's dues member by member (--json for another program to read)."""
    s = dues.add_parser("show", help="一年的党费：每名党员的应交、实交、欠交")
    s.add_argument("--year", type=int, required=True, help="年度")
    s.add_argument("--as-of", metavar="D", help="算到哪一天（默认今天）")
    _common(s)
    s.set_defaults(func=_show)


def _add_rounding(dues) -> None:
    """`dues rounding [分|角|元]`: how the branch rounds the monthly amount (shown without a
    value): half-up to the 分 by default, some units round up to the 角 or the 元."""
    r = dues.add_parser("rounding", help="党费月应交的取整方式：分（四舍五入，默认）、角或元（向上取整）")
    r.add_argument("value", nargs="?", metavar="分|角|元", help="新的取整方式（省略时只显示）")
    _common(r)
    r.set_defaults(func=_rounding)


def _common(parser, branch: bool = True) -> None:
    if branch:
        parser.add_argument("--branch", help=_BRANCH)
    parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")




def _year(args) -> int:
    return args.year or date.today().year


def _import_bases(args, db) -> int:
    from app.services.dues.bases_import import import_bases

    with db.session() as s:
        branch_id = _branch(s, args, f"import-bases {Path(args.file).name}")
        report = import_bases(s, Path(args.file), branch_id, _year(args), dry_run=args.dry_run,
                              sheet=args.sheet)
    emit(args, report.to_json(), report.text())
    return 0


def _member(s, args, example: str) -> int:
    from app.cli.care_cmds import find_member

    return find_member(s, args.member, _branch(s, args, example))


def _pay(args, db) -> int:
    from app.models import Branch, Member
    from app.money import yuan
    from app.services import dues
    from app.services.dues import rule

    paid_on = _day(args.date, "--date")
    if args.how not in DUES_HOW:
        raise InputError(f"--how “{args.how}”应为：{'、'.join(DUES_HOW)}")
    with db.session() as s:
        member_id = _member(s, args, f"pay --member {args.member} --months {args.months} "
                                     f"--amount {args.amount}")
        collector = args.by
        if collector is None:
            branch = s.get_one(Branch, s.get_one(Member, member_id).branch_id)
            collector = branch.secretary or db.user_name
        info = dues.record_payment(s, member_id, args.months, args.amount, paid_on, args.how,
                                   collector, args.note, confirmed=args.confirm)
        owed = dues.owed_between(s, member_id, info.first, info.last)
    data = info.to_json()
    data["owed"] = None if owed is None else yuan(owed)
    data["difference"] = None if owed is None else yuan(info.amount_fen - owed)
    text = (f"已登记：{info.name} {rule.months_cn(info.first, info.last)} {yuan(info.amount_fen)}元"
            f"（{info.paid_on:%Y-%m-%d}，{info.how}，收缴人 {info.collector or '未填'}），"
            f"收款记录 {info.id}。")
    if owed is None:
        text += "\n这几个月还没有缴费基数，无法核对应交金额。"
    elif owed != info.amount_fen:
        more = info.amount_fen - owed
        text += (f"\n这几个月应交 {yuan(owed)}元，{'多交' if more > 0 else '少交'} "
                 f"{yuan(abs(more))}元（照实登记，没有改动）。")
    emit(args, data, text)
    return 0


def _reverse(args, db) -> int:
    from app.money import yuan
    from app.services import dues

    with db.session() as s:
        info = dues.reverse_payment(s, args.payment, args.reason, _day(args.date, "--date"))
    emit(args, info.to_json(), f"已冲正收款记录 {args.payment}（{info.name}，{yuan(-info.amount_fen)}元），"
                               f"冲正记录 {info.id}；原记录保留。")
    return 0


def _base(args, db) -> int:
    from app.money import yuan
    from app.services import dues

    if args.base is None and args.special is None:
        raise InputError("请写 --base 每月基本离退休费，或 --special 低保/救济/抚恤")
    with db.session() as s:
        member_id = _member(s, args, f"base --member {args.member} --base 4380.00")
        info = dues.set_base(s, member_id, _year(args), args.base, args.special, args.note)
    data = {"member_id": info.member_id, "name": info.name, "year": info.year,
            "base": yuan(info.base_fen) or None, "special": info.special, "rate": info.rate,
            "monthly": yuan(info.monthly_fen) or None}
    emit(args, data, f"{info.name}{info.year}年缴费基数：{yuan(info.base_fen) or '未填'}"
                     f"{'（' + info.special + '）' if info.special else ''}，比例 {info.rate}，"
                     f"月应交 {yuan(info.monthly_fen)}元。")
    return 0


def _ledger(args, db) -> int:
    from app.services.dues.printing import export_ledger

    with db.session() as s:
        branch_id = _branch(s, args, f"ledger --year {args.year} -o {Path(args.output).name}")
        result = export_ledger(s, branch_id, args.year, Path(args.output), notice=args.notice,
                               as_of=_day(args.as_of, "--as-of"))
    what = "年度党费收缴情况公示" if args.notice else "党费收缴登记表"
    pages = f"，共 {result['pages']} 页" if result["pages"] else ""
    emit(args, result, f"已生成{args.year}年{what}：{result['output']}（{result['members']} 人{pages}）")
    return 0


def _owed(args, db) -> int:
    from app.money import yuan
    from app.services import dues
    from app.services.dues import rule

    as_of = _day(args.as_of, "--as-of") or date.today()
    with db.session() as s:
        branch_id = _branch(s, args, "owed")
        behind = dues.members_behind(s, branch_id, as_of)
    data = {"as_of": f"{as_of:%Y-%m-%d}", "members": [b.to_json() for b in behind]}
    if not behind:
        emit(args, data, f"截至{as_of:%Y-%m-%d}，没有连续 3 个月以上未交党费的党员。")
        return 0
    lines = [f"截至{as_of:%Y-%m-%d}，欠缴党费 {len(behind)} 人"
             f"（其中连续 6 个月以上 {sum(b.flagged for b in behind)} 人）："]
    for b in behind:
        amount = f"{yuan(b.amount_fen)}元" if b.amount_fen is not None else "金额待定（未填基数）"
        flag = "【连续6个月以上未交，支部需要处理】" if b.flagged else ""
        lines.append(f"  {b.name}：{rule.months_cn(b.first, b.last)}，{b.months} 个月，{amount}{flag}")
    emit(args, data, "\n".join(lines))
    return 0


def _show(args, db) -> int:
    from app.services import dues

    as_of = _day(args.as_of, "--as-of")
    with db.session() as s:
        branch_id = _branch(s, args, f"show --year {args.year} --json")
        data = dues.dues_show(s, branch_id, args.year, as_of)
    lines = [f"{args.year}年党费（截至{data['as_of']}），{len(data['members'])} 人：",
             "姓名　　基数　　比例　月应交　应交月数　应交　　实交　　欠交　　连续未交"]
    for m in data["members"]:
        lines.append(f"{m['name']}　{m['base'] or '未填'}　{m['rate'] or ''}　{m['monthly'] or ''}　"
                     f"{m['months_owed']}　{m['owed'] or '—'}　{m['paid']}　{m['outstanding'] or '—'}　"
                     f"{m['months_behind']}个月" + (f"　{m['reduction']}" if m["reduction"] else ""))
    emit(args, data, "\n".join(lines))
    return 0


def _rounding(args, db) -> int:
    from app.services import dues

    with db.session() as s:
        branch_id = _branch(s, args, f"rounding {args.value or ''}".strip())
        if args.value is not None:
            dues.set_rounding(s, branch_id, args.value.strip())
        rounding = dues.rounding_of(s, branch_id)
    emit(args, {"rounding": rounding, "label": DUES_ROUNDING_LABELS[rounding]},
         f"党费月应交：{DUES_ROUNDING_LABELS[rounding]}" + ("（已保存）" if args.value else ""))
    return 0


def _branch(session, args, example: str) -> int:
    return branch_option(session, args, f"dues {example}")
