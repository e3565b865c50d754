"""`zhibu print-visits`: the home-visit checklists (spec/visit-checklist.md) as a PDF;
`zhibu route-order`: the order of villages a round of visits walks, set once per branch.

Handlers import what they need inside themselves (app/cli/__init__.py says why).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select

from app.cli import emit
from app.errors import InputError
from app.models import Member


def register(sub) -> None:
    p = sub.add_parser("print-visits", help="打印走访登记表（PDF）：该走访的党员，或指定的党员")
    p.add_argument("--due", action="store_true", help="该走访和已逾期的党员")
    p.add_argument("--member", action="append", default=[], metavar="NAME_OR_ID",
                   help="党员姓名或编号（可写多次）")
    p.add_argument("-o", "--output", required=True, help="保存为（.pdf）")
    p.add_argument("--branch", help="支部名称（数据库里只有一个支部时可省略）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    p.set_defaults(func=_print_visits)
    r = sub.add_parser("route-order", help="查看或设置走访路线的村（社区）顺序")
    r.add_argument("--set", nargs="+", metavar="村或社区",
                   help="按走访先后写出村（社区）名，用空格或逗号隔开；没写到的按拼音排在后面")
    r.add_argument("--reset", action="store_true", help="不再自定顺序，全部按拼音排")
    r.add_argument("--branch", help="支部名称（数据库里只有一个支部时可省略）")
    r.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    r.set_defaults(func=_route_order)


def find_member(session, text: str, branch_id: int | None = None) -> int:
    """A member by id number (digits) or by exact name; refuses a name two people share."""
    text = (text or "").strip()
    if not text:
        raise InputError("--member 不能为空")
    stmt = select(Member.id, Member.name, Member.community, Member.status)
    if branch_id is not None:
        stmt = stmt.where(Member.branch_id == branch_id)
    if text.isdigit():
        row = session.execute(stmt.where(Member.id == int(text))).first()
        if row:
            return row.id
    rows = session.execute(stmt.where(Member.name == text)).all()
    if not rows:
        raise InputError(f"找不到党员“{text}”（请写全名，或写编号）")
    if len(rows) > 1:
        who = "、".join(f"编号 {r.id}（{r.community or '未填村/社区'}，{r.status}）" for r in rows)
        raise InputError(f"有 {len(rows)} 位党员叫“{text}”：{who}。请改用编号。")
    return rows[0].id


def _which_branch(session, args, example: str) -> int | None:
    """The --branch (or the only branch). With several and none named: None when the command
    can do without (members named), else a message whose suggestion the command accepts."""
    from app.services.branches import branch_named, branch_names

    branch_id = branch_named(session, args.branch)
    if branch_id is None and (getattr(args, "due", True) or not getattr(args, "member", None)):
        names = [n for _i, n in branch_names(session)]
        first = f'"{names[0]}"' if " " in names[0] else names[0]
        raise InputError(f"数据库里有 {len(names)} 个支部：{'、'.join(names)}。请用 --branch 指明"
                         f"是哪一个支部，例如：zhibu {example} --branch {first}")
    return branch_id


def _print_visits(args, db) -> int:
    from app.services import care
    from app.services.checklist_data import left_out_note

    if not args.due and not args.member:
        raise InputError("请写 --due（该走访的党员）或 --member 姓名（可写多次）")
    out = Path(args.output)
    if out.suffix.lower() != ".pdf":
        raise InputError(f"输出文件应以 .pdf 结尾：{args.output}")
    today = date.today()
    with db.session() as s:
        branch_id = _which_branch(s, args, f"print-visits --due -o {out.name}")
        ids: list[int] = []
        if args.due:
            ids += [r.member_id for r in care.members_due_for_visit(s, branch_id, today)]
        for text in args.member:
            ids.append(find_member(s, text, branch_id))
        ids = list(dict.fromkeys(ids))
        if not ids:
            emit(args, {"output": None, "members": 0, "pages": 0, "left_out": []},
                 "现在没有该走访的党员，没有生成文件。")
            return 0
        result = care.print_visits(s, ids, out, today)
    note = left_out_note(result["left_out"])
    emit(args, result, f"已生成走访登记表：{out}（{result['members']} 人，共 {result['pages']} 页）"
                       + (f"\n{note}" if note else ""))
    return 0


def _route_order(args, db) -> int:
    from app.services import route_order

    if args.set and args.reset:
        raise InputError("--set 和 --reset 只能写一个")
    with db.session() as s:
        branch_id = _which_branch(s, args, "route-order --set 北岗村 河湾村")
        if args.set or args.reset:
            names = [n for text in (args.set or []) for n in text.replace("，", ",").split(",")]
            route_order.set_route_order(s, branch_id, names)
        saved = route_order.stored_order(s, [branch_id])
        villages = route_order.route_order(s, branch_id)
    numbered = "\n".join(f"{i}. {v}" + ("（按拼音）" if saved and v not in saved else "")
                         for i, v in enumerate(villages, 1))
    how = "先按设定的顺序，其余按拼音" if saved else "按拼音排（还没有设定顺序）"
    emit(args, {"branch_id": branch_id, "order": villages, "set": saved},
         f"走访路线顺序：{how}\n{numbered or '（还没有填村/社区的党员）'}")
    return 0
