"""`zhibu appraisal …`: the annual democratic appraisal of members from the command line
(spec/org-life.md).

    zhibu appraisal start --year Y --date D [--note 文字]
    zhibu appraisal ballots --year Y -o FILE.pdf
    zhibu appraisal count --year Y --issued N --returned N
    zhibu appraisal votes --year Y --member NAME_OR_ID --votes 优秀=3,合格=40[,基本合格=…]
    zhibu appraisal grade --year Y --member NAME_OR_ID --grade 优秀|合格|基本合格|不合格
    zhibu appraisal follow-up --year Y --member NAME_OR_ID --text 文字
    zhibu appraisal tally --year Y [-o FILE.pdf] [--json]
    zhibu appraisal update --year Y
A refusal (votes not adding up, 优秀 past the one-third cap, a probationary member graded …)
exits 2 with the Chinese sentence and the numbers. Handlers import their use cases inside
themselves (app/cli/__init__.py says why).
"""

from __future__ import annotations

import re
from pathlib import Path

from app.cli import emit
from app.errors import InputError
from app.vocab import APPRAISAL_GRADES
from app.cli.options import branch_option, day_option

# A handler imports the use cases it needs inside itself: start-up time of every command
# (app/cli/__init__.py).

_BRANCH = "支部名称（数据库里只有一个支部时可省略）"
_GRADES = "|".join(APPRAISAL_GRADES)


def register(sub) -> None:
    p = sub.add_parser("appraisal", help="民主评议党员：开始评议、测评票、计票、评定等次、统计表")
    a = p.add_subparsers(dest="appraisal_command", metavar="评议子命令", parser_class=type(p))
    a.required = True
    s = _add(a, "start", "开始本年度民主评议（按评议当天的花名册确定参评人员）", _start)
    s.add_argument("--date", required=True, metavar="D", help="评议日期，如 2026-12-10")
    s.add_argument("--note", default="", help="说明（可不填）")
    b = _add(a, "ballots", "打印测评票（PDF）", _ballots)
    b.add_argument("-o", "--output", required=True, help="保存为（.pdf）")
    c = _add(a, "count", "填写发出和收回的选票张数", _count)
    c.add_argument("--issued", required=True, type=int, metavar="N", help="发出选票张数")
    c.add_argument("--returned", required=True, type=int, metavar="N", help="收回选票张数")
    v = _add(a, "votes", "录入一名党员的得票数（合计要等于收回的选票张数）", _votes)
    _member(v)
    which = v.add_mutually_exclusive_group(required=True)
    which.add_argument("--votes", metavar="优秀=3,合格=40",
                       help=f"各等次的票数，用逗号隔开；没写的等次算 0（等次：{'、'.join(APPRAISAL_GRADES)}）")
    which.add_argument("--clear", action="store_true", help="清空这名党员已录入的票数")
    g = _add(a, "grade", "支部委员会评定一名党员的等次（优秀不超过参评正式党员的三分之一）", _grade)
    _member(g)
    g.add_argument("--grade", required=True, metavar=_GRADES, help="评定等次；写“无”则清空")
    f = _add(a, "follow-up", "记录对评为不合格（或基本合格）党员的组织处置", _follow_up)
    _member(f)
    f.add_argument("--text", required=True, help="处置情况，如 支部书记谈话，限期三个月改正")
    t = _add(a, "tally", "计票结果和评定等次（加 -o 打印统计表 PDF）", _tally)
    t.add_argument("-o", "--output", help="把统计表保存为（.pdf）")
    _add(a, "update", "按评议当天的花名册更新参评名单（开始评议后新加入或改为正式党员的）", _update)


def _add(a, name: str, text: str, func):
    p = a.add_parser(name, help=text)
    p.add_argument("--year", required=True, type=int, help="评议的年度，如 2026")
    p.add_argument("--branch", help=_BRANCH)
    p.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    p.set_defaults(func=func)
    return p


def _member(p) -> None:
    p.add_argument("--member", required=True, metavar="NAME_OR_ID", help="党员姓名或编号")



def _who(session, args, branch_id: int) -> int:
    from app.cli.care_cmds import find_member

    return find_member(session, args.member, branch_id)


_PAIR = re.compile(r"^(.+?)[=＝:：](\d+)$")


def parse_votes(text: str) -> dict[str, int]:
    """"优秀=3,合格=40" (also with ，、； between and ＝ ： in them) → {"优秀": 3, "合格": 40}."""
    votes: dict[str, int] = {}
    for part in re.split(r"[,，、;；]+", text):
        part = "".join(part.split())
        if not part:
            continue
        pair = _PAIR.match(part)
        if pair is None:
            raise InputError(f"--votes 的“{part}”看不懂：应写成 优秀=3,合格=40,基本合格=2,不合格=0")
        grade, number = pair.group(1), int(pair.group(2))
        if grade in votes:
            raise InputError(f"--votes 里“{grade}”写了两次")
        votes[grade] = number
    if not votes:
        raise InputError("--votes 不能为空：应写成 优秀=3,合格=40")
    return votes



def _start(args, db) -> int:
    from app.services.orglife import appraisal

    held_on = _day(args.date)
    with db.session() as s:
        branch_id = _branch(s, args)
        info = appraisal.start_appraisal(
            s, branch_id, args.year, held_on,
            excluded=appraisal.excluded_members(s, branch_id, args.year), note=args.note)
    text = (f"已开始{info.branch}{info.year}年度民主评议党员（{held_on:%Y-%m-%d}）："
            f"参评正式党员 {len(info.graded)} 人（优秀最多 {info.cap} 人），"
            f"预备党员 {len(info.probationary)} 人参加评议不评等次")
    if info.excluded:
        text += "，未参加：" + "、".join(f"{p.name}（{p.reason}）" for p in info.excluded)
    emit(args, info.to_json(), text + "。")
    return 0


def _ballots(args, db) -> int:
    from app.services.orglife.appraisal_print import print_ballots

    with db.session() as s:
        result = print_ballots(s, _branch(s, args), args.year, Path(args.output))
    emit(args, result, f"已生成{args.year}年度民主评议党员测评票：{result['output']}"
                       f"（{result['members']} 人，共 {result['pages']} 页）")
    return 0


def _count(args, db) -> int:
    from app.services.orglife.appraisal_votes import set_ballots

    with db.session() as s:
        info = set_ballots(s, _branch(s, args), args.year, args.issued, args.returned)
    emit(args, {"year": info.year, "issued": info.ballots_issued,
                "returned": info.ballots_returned},
         f"{info.year}年度民主评议：发出选票 {info.ballots_issued} 张，收回 {info.ballots_returned} 张。")
    return 0


def _votes(args, db) -> int:
    from app.services.orglife.appraisal_votes import record_votes

    votes = None if args.clear else parse_votes(args.votes)
    with db.session() as s:
        branch_id = _branch(s, args)
        p = record_votes(s, branch_id, args.year, _who(s, args, branch_id), votes)
    text = (f"已清空{p.name}的票数。" if p.votes is None else
            f"{p.name}：" + "，".join(f"{g} {n} 票" for g, n in zip(APPRAISAL_GRADES, p.votes))
            + f"，合计 {p.total} 票。")
    emit(args, p.to_json(), text)
    return 0


def _grade(args, db) -> int:
    from app.services.orglife.appraisal import appraisal_of
    from app.services.orglife.appraisal_votes import set_grade

    grade = None if args.grade.strip() in ("无", "清空", "") else args.grade.strip()
    with db.session() as s:
        branch_id = _branch(s, args)
        p = set_grade(s, branch_id, args.year, _who(s, args, branch_id), grade)
        info = appraisal_of(s, branch_id, args.year)
    data = {**p.to_json(), "counts": info.counts, "excellent_cap": info.cap,
            "full_members": len(info.graded), "ungraded": len(info.ungraded)}
    counts = "，".join(f"{g} {n} 人" for g, n in info.counts.items())
    emit(args, data, f"{p.name}：{p.grade or '已清空等次'}。目前{counts}，"
                     f"尚未评定 {len(info.ungraded)} 人（优秀最多 {info.cap} 人）。")
    return 0


def _follow_up(args, db) -> int:
    from app.services.orglife.appraisal_votes import set_follow_up

    with db.session() as s:
        branch_id = _branch(s, args)
        p = set_follow_up(s, branch_id, args.year, _who(s, args, branch_id), args.text)
    emit(args, p.to_json(), f"已记录对{p.name}的组织处置：{p.follow_up or '（已清空）'}")
    return 0


def _tally(args, db) -> int:
    from app.services.orglife.appraisal import appraisal_of
    from app.services.orglife.appraisal_print import print_tally

    with db.session() as s:
        branch_id = _branch(s, args)
        info = appraisal_of(s, branch_id, args.year)
        if info is None:
            raise InputError(f"{args.year}年的民主评议党员还没有开始：请先用 zhibu appraisal start "
                             f"--year {args.year} --date 评议日期")
        printed = print_tally(s, branch_id, args.year, Path(args.output)) if args.output else None
    data = info.to_json()
    if printed:
        data["output"], data["pages"] = printed["output"], printed["pages"]
    emit(args, data, _tally_text(info, printed))
    return 0


def _tally_text(info, printed: dict | None) -> str:
    issued = info.ballots_issued if info.ballots_issued is not None else "未填"
    returned = info.ballots_returned if info.ballots_returned is not None else "未填"
    lines = [f"{info.branch}{info.year}年度民主评议党员（{info.held_on:%Y-%m-%d}）：发出选票 {issued} 张，"
             f"收回 {returned} 张；参评正式党员 {len(info.graded)} 人，优秀最多 {info.cap} 人",
             "序号　姓名　　优秀　合格　基本合格　不合格　合计　评定等次"]
    for i, p in enumerate(info.graded, start=1):
        votes = "　".join(str(n) for n in p.votes) + f"　{p.total}" if p.votes else "（未录入票数）"
        lines.append(f"{i}　{p.name}　{votes}　{p.grade or '未评定'}")
    lines.append("评定结果：" + "，".join(f"{g} {n} 人" for g, n in info.counts.items())
                 + f"，尚未评定 {len(info.ungraded)} 人")
    if info.probationary:
        lines.append("预备党员（不评定等次）：" + "、".join(p.name for p in info.probationary))
    if info.excluded:
        lines.append("未参加：" + "、".join(f"{p.name}（{p.reason}）" for p in info.excluded))
    for p in info.failed:
        lines.append(f"不合格：{p.name}，组织处置：{p.follow_up or '还没有记录'}")
    if printed:
        lines.append(f"统计表已保存：{printed['output']}（共 {printed['pages']} 页）")
    return "\n".join(lines)


def _update(args, db) -> int:
    from app.services.orglife.appraisal import update_participants

    with db.session() as s:
        info = update_participants(s, _branch(s, args), args.year)
    emit(args, info.to_json(), f"已按花名册更新{info.year}年度民主评议名单：参评正式党员 "
                               f"{len(info.graded)} 人，预备党员 {len(info.probationary)} 人，"
                               f"未参加 {len(info.excluded)} 人。")
    return 0


def _branch(session, args) -> int:
    return branch_option(session, args,
                         f"appraisal {args.appraisal_command} --year {args.year}")


def _day(text: str):
    return day_option(text, "--date", "2026-12-10")
