"""`zhibu print-visits`: the home-visit checklists (spec/visit-checklist.md) as a PDF."""

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


def _print_visits(args, db) -> int:
    from app.services import care
    from app.services.quarterly import branch_by_name

    if not args.due and not args.member:
        raise InputError("请写 --due（该走访的党员）或 --member 姓名（可写多次）")
    out = Path(args.output)
    if out.suffix.lower() != ".pdf":
        raise InputError(f"输出文件应以 .pdf 结尾：{args.output}")
    today = date.today()
    with db.session() as s:
        branch_id = branch_by_name(s, args.branch)
        ids: list[int] = []
        if args.due:
            ids += [r.member_id for r in care.members_due_for_visit(s, branch_id, today)]
        for text in args.member:
            ids.append(find_member(s, text, branch_id))
        ids = list(dict.fromkeys(ids))
        if not ids:
            emit(args, {"output": None, "members": 0, "pages": 0},
                 "现在没有该走访的党员，没有生成文件。")
            return 0
        result = care.print_visits(s, ids, out, today)
    emit(args, result, f"已生成走访登记表：{out}（{result['members']} 人，共 {result['pages']} 页）")
    return 0
