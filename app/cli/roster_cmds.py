"""Roster subcommands that are not import/export: listing members from the command line."""

from __future__ import annotations

from app.cli import emit
from app.services import roster


def register(sub) -> None:
    p = sub.add_parser("members", help="列出党员（可按姓名或拼音首字母查找）")
    p.add_argument("search", nargs="?", default="", help="姓名、拼音首字母、电话或身份证号的一部分")
    p.add_argument("--all", action="store_true", help="包括去世、转出、暂离的人员")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=_members)


def _members(args, db) -> int:
    flt = roster.RosterFilter(text=args.search, statuses=() if args.all else ("在册",))
    with db.session() as s:
        ids = roster.member_ids(s, flt)
        rows = roster.roster_rows(s, ids)
    data = [dict(zip(roster.ROSTER_COLUMNS, rows[i])) for i in ids]
    text = "\n".join("  ".join(str(v) for v in rows[i][:8]) for i in ids) or "没有找到符合条件的党员。"
    emit(args, {"count": len(ids), "members": data}, text)
    return 0
