"""`zhibu care-calendar` and `zhibu hardship …`: the care calendar (党内关怀) from the command line.

    zhibu care-calendar --year Y [--month M] [--json]
    zhibu hardship list --year Y [--json]
    zhibu hardship add --member NAME_OR_ID --year Y --situation 困难状况及原因
                       [--measures 帮扶措施] [--posted 公示日期] [--notes 备注]
    zhibu hardship edit ID [--situation …] [--measures …] [--posted …] [--notes …]
    zhibu hardship remove ID
    zhibu hardship print --year Y -o FILE.pdf|FILE.xlsx

The same use cases as the 关怀日历 tab (app/services/care_calendar). Bad input exits 2 with a
Chinese sentence naming the option. Handlers import their use cases inside themselves
(app/cli/__init__.py says why).
"""

from __future__ import annotations

from pathlib import Path

from app.cli import emit
from app.errors import InputError
from app.cli.options import branch_option as _branch, day_option as _day

_BRANCH = "支部名称（数据库里只有一个支部时可省略）"


def register(sub) -> None:
    c = sub.add_parser("care-calendar", help="关怀日历：政治生日、整寿生日、光荣在党50年、节日慰问名单")
    c.add_argument("--year", type=int, required=True, help="年度，如 2026")
    c.add_argument("--month", type=int, help="月份 1–12（省略时列出全年的政治生日和整寿生日）")
    _common(c)
    c.set_defaults(func=_calendar)
    p = sub.add_parser("hardship", help="困难党员登记：列出、登记、修改、打印")
    h = p.add_subparsers(dest="hardship_command", metavar="困难党员子命令", parser_class=type(p))
    h.required = True
    ls = h.add_parser("list", help="列出一年的困难党员登记")
    ls.add_argument("--year", type=int, required=True, help="年度")
    _common(ls)
    ls.set_defaults(func=_list)
    add = h.add_parser("add", help="把一位党员列入一年的困难党员登记")
    add.add_argument("--member", required=True, metavar="NAME_OR_ID", help="党员姓名或编号")
    add.add_argument("--year", type=int, required=True, help="年度")
    _fields(add, required=True)
    _common(add)
    add.set_defaults(func=_add)
    edit = h.add_parser("edit", help="修改一条困难党员登记（写出要改的项）")
    edit.add_argument("record", type=int, metavar="登记编号", help="hardship list 列出的编号")
    _fields(edit, required=False)
    _common(edit)
    edit.set_defaults(func=_edit)
    rm = h.add_parser("remove", help="删除一条登记错了的困难党员登记（修改记录里留有原样）")
    rm.add_argument("record", type=int, metavar="登记编号", help="hardship list 列出的编号")
    _common(rm)
    rm.set_defaults(func=_remove)
    pr = h.add_parser("print", help="打印困难党员登记表（A4 横向 PDF 或 .xlsx）")
    pr.add_argument("--year", type=int, required=True, help="年度")
    pr.add_argument("-o", "--output", required=True, help="保存为（.pdf 或 .xlsx）")
    _common(pr)
    pr.set_defaults(func=_print)


def _common(parser) -> None:
    parser.add_argument("--branch", help=_BRANCH)
    parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")


def _fields(parser, required: bool) -> None:
    parser.add_argument("--situation", required=required, help="困难状况及原因")
    parser.add_argument("--measures", help="帮扶措施")
    parser.add_argument("--posted", metavar="D", help="公示日期，如 2026-12-01")
    parser.add_argument("--notes", help="备注")



def _calendar(args, db) -> int:
    from app.services.care_calendar.calendar import calendar_json, care_calendar

    if args.month is not None and not 1 <= args.month <= 12:
        raise InputError(f"--month 应为 1 到 12，而不是 {args.month}")
    with db.session() as s:
        branch_id = _branch(s, args, f"care-calendar --year {args.year}")
        cal = care_calendar(s, branch_id, args.year, args.month)
    emit(args, calendar_json(cal), _calendar_text(cal))
    return 0


def _calendar_text(cal) -> str:
    when = f"{cal.year}年{cal.month}月" if cal.month else f"{cal.year}年"
    lines = [f"【政治生日】{when}：{len(cal.party_birthdays)} 人"]
    lines += [f"  {p.day_text}  {p.name}  入党 {p.years} 周年（{p.joined_text}入党）"
              for p in cal.party_birthdays]
    lines.append(f"【整寿生日（逢十、85岁、90岁以上）】{when}：{len(cal.birthdays)} 人")
    lines += [f"  {b.day_text}  {b.name}  {b.word}" for b in cal.birthdays]
    lines.append(f"【光荣在党50年】{cal.year}年7月1日前党龄满50年、今年上报：{len(cal.fifty_this_year)} 人"
                 f"（往年已满 {len(cal.fifty_already)} 人）")
    lines += [f"  {f.name}  {f.joined_text}入党" + (f"（{f.note}）" if f.note else "")
              for f in cal.fifty_this_year]
    for fl in cal.festivals:
        lines.append(f"【{fl.window.name}慰问】{fl.window.text}：应慰问 {fl.members} 人，"
                     f"已慰问 {fl.visited} 人，未慰问 {fl.missing} 人")
        lines += [f"  {r.done_text}  {r.name}（{r.reason_text}）" for r in fl.rows if not r.done]
    lines.append(f"【困难党员】{cal.year}年：{len(cal.hardship)} 人")
    lines += [f"  {h.name}：{h.situation}" for h in cal.hardship]
    return "\n".join(lines)


def _row_json(h) -> dict:
    return {"record_id": h.record_id, "member_id": h.member_id, "year": h.year, "name": h.name,
            "gender": h.gender, "age": h.age, "joined": h.joined_text, "address": h.address,
            "situation": h.situation, "measures": h.measures,
            "posted_on": f"{h.posted_on:%Y-%m-%d}" if h.posted_on else None, "notes": h.notes}


def _list(args, db) -> int:
    from app.services.care_calendar.hardship import hardship_rows

    with db.session() as s:
        rows = hardship_rows(s, _branch(s, args, f"hardship list --year {args.year}"), args.year)
    text = [f"{args.year}年困难党员登记：{len(rows)} 人"]
    text += [f"  [{h.record_id}] {h.name}（{h.gender}，{h.age if h.age is not None else '?'}岁）"
             f"{h.situation}；帮扶：{h.measures or '未填'}；公示：{h.posted_text or '未公示'}"
             for h in rows]
    emit(args, {"year": args.year, "rows": [_row_json(h) for h in rows]}, "\n".join(text))
    return 0


def _add(args, db) -> int:
    from app.cli.care_cmds import find_member
    from app.services.care_calendar import hardship

    with db.session() as s:
        branch_id = _branch(s, args, f"hardship add --member {args.member} --year {args.year}")
        data = hardship.HardshipInput(find_member(s, args.member, branch_id), args.year,
                                      args.situation, args.measures or "",
                                      _day(args.posted, "--posted"), args.notes or "")
        record_id = hardship.add_hardship(s, branch_id, data)
        row = next(h for h in hardship.hardship_rows(s, branch_id, args.year)
                   if h.record_id == record_id)
    emit(args, _row_json(row), f"已登记：{row.name}列入{args.year}年困难党员（登记编号 {record_id}）。")
    return 0


def _edit(args, db) -> int:
    from app.services.care_calendar import hardship

    with db.session() as s:
        branch_id = _branch(s, args, f"hardship edit {args.record}")
        data = hardship.hardship_input(s, args.record)
        for key, value in (("situation", args.situation), ("measures", args.measures),
                           ("notes", args.notes)):
            if value is not None:
                setattr(data, key, value)
        if args.posted is not None:
            data.posted_on = _day(args.posted, "--posted")
        hardship.update_hardship(s, branch_id, args.record, data)
        row = next(h for h in hardship.hardship_rows(s, branch_id, data.year)
                   if h.record_id == args.record)
    emit(args, _row_json(row), f"已修改：{row.name}{row.year}年的困难党员登记。")
    return 0


def _remove(args, db) -> int:
    from app.services.care_calendar import hardship

    with db.session() as s:
        branch_id = _branch(s, args, f"hardship remove {args.record}")
        hardship.hardship_input(s, args.record)  # says so when there is no such entry
        hardship.remove_hardship(s, branch_id, args.record)
    emit(args, {"removed": args.record}, f"已删除登记编号 {args.record}。")
    return 0


def _print(args, db) -> int:
    from app.services.care_calendar.hardship import print_hardship

    out = Path(args.output)
    with db.session() as s:
        branch_id = _branch(s, args, f"hardship print --year {args.year} -o {out.name}")
        result = print_hardship(s, branch_id, args.year, out)
    pages = f"，共 {result['pages']} 页" if result["pages"] else ""
    emit(args, result, f"已生成{args.year}年困难党员登记表：{out}（{result['members']} 人{pages}）")
    return 0
