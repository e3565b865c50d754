"""`zhibu honours …` and `zhibu contest …`: 评先评优 from the command line (spec/year-end.md).

    zhibu honours list --year Y [--json]
    zhibu honours add --year Y (--member NAME_OR_ID | --for-branch) --name 优秀共产党员 --level 县
                      [--by 授予单位] [--date D] [--note 说明]
    zhibu honours recommend --year Y --member NAME_OR_ID [--date D] [--reason 推荐理由]
    zhibu honours print --year Y -o FILE.pdf
    zhibu contest add --name 名称 --kind 知识竞答 [--year Y] [--date D] [--organiser 主办单位]
    zhibu contest entry --contest ID_OR_NAME --member NAME_OR_ID [--title] [--result] [--score]
and, to finish what the window does: `honours withdraw`, `honours outcome`, `honours remove`,
`contest list`. `--name 学习先进` selects one of the branch's 学习先进 (级别 支部 by default).
Bad input exits 2 with a Chinese sentence; nothing is stored then.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from app.cli import emit
from app.errors import InputError
from app.vocab import CONTEST_KINDS, HONOUR_LEVELS, RECOMMENDATION_OUTCOMES, STUDY_MODEL
from app.cli.options import branch_option as _branch, day_option as _day

# A handler imports the use cases it needs inside itself: start-up time of every command
# (app/cli/__init__.py).

_BRANCH = "支部名称（数据库里只有一个支部时可省略）"


def register(sub) -> None:
    h = sub.add_parser("honours", help="评先评优：荣誉、学习先进、推荐市十佳学习型老干部、打印")
    honours = h.add_subparsers(dest="honours_command", metavar="评先评优子命令",
                               parser_class=type(h))
    honours.required = True
    _add_list(honours)
    _add_honour(honours)
    _add_recommend(honours)
    _add_print(honours)
    c = sub.add_parser("contest", help="竞赛活动：征文、演讲比赛、知识竞答及党员参加情况")
    contest = c.add_subparsers(dest="contest_command", metavar="竞赛活动子命令",
                               parser_class=type(c))
    contest.required = True
    _add_contest(contest)


def _common(parser, branch: bool = True) -> None:
    if branch:
        parser.add_argument("--branch", help=_BRANCH)
    parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")


def _add_list(honours) -> None:
    p = honours.add_parser("list", help="一年的荣誉、学习先进、推荐人选和竞赛活动")
    p.add_argument("--year", type=int, required=True, help="年度")
    _common(p)
    p.set_defaults(func=_list)


def _add_honour(honours) -> None:
    """`add` a member's honour (or the branch's, --for-branch); `remove` one typed wrongly."""
    a = honours.add_parser("add", help="登记一项荣誉（党员的，或 --for-branch 支部的）")
    a.add_argument("--year", type=int, required=True, help="年度")
    a.add_argument("--member", metavar="NAME_OR_ID", help="党员姓名或编号")
    a.add_argument("--for-branch", action="store_true", help="支部获得的荣誉（如 五好支部、示范点）")
    a.add_argument("--name", required=True, help="荣誉名称，如 优秀共产党员、学习先进、五好支部")
    a.add_argument("--level", metavar="级别", help=f"{'、'.join(HONOUR_LEVELS)}（学习先进默认支部）")
    a.add_argument("--by", default="", metavar="授予单位", help="授予单位，如 县委老干部局")
    a.add_argument("--date", metavar="D", help="授予日期，如 2026-06-28")
    a.add_argument("--note", default="", help="说明；学习先进写主要事迹")
    _common(a)
    a.set_defaults(func=_add)
    r = honours.add_parser("remove", help="删除一条登记错了的荣誉")
    r.add_argument("honour", type=int, metavar="荣誉记录编号")
    _common(r, branch=False)
    r.set_defaults(func=_remove)


def _add_recommend(honours) -> None:
    """`recommend` one of the year's 学习先进 to the city; `withdraw` it; `outcome` the city's
    decision."""
    r = honours.add_parser("recommend", help="推荐一名学习先进参评市“十佳学习型老干部”（每年一人）")
    r.add_argument("--year", type=int, required=True, help="年度")
    r.add_argument("--member", required=True, metavar="NAME_OR_ID", help="党员姓名或编号")
    r.add_argument("--date", metavar="D", help="推荐日期")
    r.add_argument("--reason", default="", help="推荐理由、主要事迹")
    _common(r)
    r.set_defaults(func=_recommend)
    w = honours.add_parser("withdraw", help="撤回当年的推荐")
    w.add_argument("--year", type=int, required=True, help="年度")
    _common(w)
    w.set_defaults(func=_withdraw)
    o = honours.add_parser("outcome", help="登记市里的评选结果（当选时记入该党员的荣誉）")
    o.add_argument("--year", type=int, required=True, help="年度")
    o.add_argument("--set", required=True, choices=RECOMMENDATION_OUTCOMES, help="评选结果")
    _common(o)
    o.set_defaults(func=_outcome)


def _add_print(honours) -> None:
    p = honours.add_parser("print", help="打印学习先进推荐表和荣誉、竞赛活动情况（PDF）")
    p.add_argument("--year", type=int, required=True, help="年度")
    p.add_argument("-o", "--output", required=True, help="保存为（.pdf）")
    _common(p)
    p.set_defaults(func=_print)


def _add_contest(contest) -> None:
    a = contest.add_parser("add", help="登记一项竞赛活动")
    a.add_argument("--name", required=True, help="活动名称")
    a.add_argument("--kind", required=True, choices=CONTEST_KINDS, help="类别")
    a.add_argument("--year", type=int, help="年度（默认为日期所在年，或今年）")
    a.add_argument("--date", metavar="D", help="举办日期")
    a.add_argument("--organiser", default="", help="主办单位，如 市委老干部局")
    a.add_argument("--full-marks", type=int, default=100, help="知识竞答的满分（默认 100）")
    a.add_argument("--note", default="", help="备注")
    _common(a)
    a.set_defaults(func=_contest_add)
    e = contest.add_parser("entry", help="登记一名党员参加竞赛活动（题目、结果、知识竞答的分数）")
    e.add_argument("--contest", required=True, metavar="ID_OR_NAME", help="活动编号或名称")
    e.add_argument("--year", type=int, help="年度（按名称找活动时，同名的用年度区分）")
    e.add_argument("--member", required=True, metavar="NAME_OR_ID", help="党员姓名或编号")
    e.add_argument("--title", default="", help="作品或演讲题目")
    e.add_argument("--result", default="", help="结果，如 一等奖、优秀奖、参与")
    e.add_argument("--score", help="知识竞答的分数，最多一位小数，如 95.5")
    e.add_argument("--note", default="", help="备注")
    _common(e)
    e.set_defaults(func=_contest_entry)
    s = contest.add_parser("list", help="一年的竞赛活动和参加情况")
    s.add_argument("--year", type=int, required=True, help="年度")
    _common(s)
    s.set_defaults(func=_contest_list)


# helpers -------------------------------------------------------------------------------------


def _member(session, args, branch_id: int) -> int:
    from app.cli.care_cmds import find_member

    return find_member(session, args.member, branch_id)


def find_contest(session, text: str, branch_id: int, year: int | None) -> int:
    """A contest by number, or by its exact name (and --year when two years share it)."""
    from app.models import Contest

    text = (text or "").strip()
    stmt = select(Contest.id, Contest.year).where(Contest.branch_id == branch_id)
    if text.isdigit() and session.execute(stmt.where(Contest.id == int(text))).first():
        return int(text)
    if year is not None:
        stmt = stmt.where(Contest.year == year)
    rows = session.execute(stmt.where(Contest.name == text)).all()
    if not rows:
        raise InputError(f"找不到竞赛活动“{text}”（请写活动全名或编号，可用 zhibu contest list 查看）")
    if len(rows) > 1:
        which = "、".join(f"编号 {r.id}（{r.year}年）" for r in rows)
        raise InputError(f"有 {len(rows)} 项活动叫“{text}”：{which}。请改用编号，或加 --year")
    return rows[0].id


# handlers ------------------------------------------------------------------------------------
def _list(args, db) -> int:
    from app.services.yearend.honour_figures import honours_year

    with db.session() as s:
        data = honours_year(s, _branch(s, args, f"honours list --year {args.year}"), args.year)
    emit(args, data, _list_text(data))
    return 0


def _list_text(data: dict) -> str:
    from app.services.yearend.honour_checks import level_text

    year, chosen = data["year"], data["recommended"]
    lines = [f"{data['branch']}{year}年评先评优：",
             f"学习先进（{len(data['study_models'])} 人）：{'、'.join(data['study_models']) or '还没有评选'}",
             "推荐参评市“十佳学习型老干部”：" + (f"{chosen['name']}（{chosen['outcome']}）" if chosen
                                             else "还没有推荐")]
    lines.append(f"荣誉（{len(data['honours'])} 项）：" + ("" if data["honours"] else "没有登记"))
    for h in data["honours"]:
        about = "，".join(t for t in (level_text(h["level"]), h["conferred_by"], h["date"]) if t)
        lines.append(f"  [{h['id']}] {h['holder']} {h['name']}（{about}）")
    counts = data["counts"]
    lines.append(f"竞赛活动（{counts['contests']} 项，{counts['entries']} 人次，"
                 f"获奖 {counts['prized']} 人次）：" + ("" if data["contests"] else "没有登记"))
    for c in data["contests"]:
        lines.append(f"  [{c['id']}] {c['name']}（{c['kind']}{'，' + c['date'] if c['date'] else ''}）："
                     f"{len(c['entries'])} 人")
    return "\n".join(lines)


def _add(args, db) -> int:
    from app.models import Branch
    from app.services.yearend import honours as hon

    if bool(args.member) == bool(args.for_branch):
        raise InputError("请写 --member 姓名（党员的荣誉）或 --for-branch（支部的荣誉），二者选一")
    level = args.level or ("支部" if args.name.strip() == STUDY_MODEL else None)
    if level is None:
        raise InputError(f"请写 --level 级别：{'、'.join(HONOUR_LEVELS)}")
    on = _day(args.date, "--date")
    with db.session() as s:
        branch_id = _branch(s, args, f"honours add --year {args.year} --name {args.name}")
        member_id = _member(s, args, branch_id) if args.member else None
        by = args.by
        if not by and args.name.strip() == STUDY_MODEL:  # the branch selects its 学习先进
            by = s.get_one(Branch, branch_id).name
        info = hon.add_honour(s, branch_id, args.year, args.name, level, member_id, by, on,
                              args.note)
    emit(args, info.to_json(), f"已登记：{info.holder}{info.year}年{info.level_text}“{info.name}”"
                               f"（荣誉记录 {info.id}）。")
    return 0


def _remove(args, db) -> int:
    from app.services.yearend import honours as hon

    with db.session() as s:
        info = hon.remove_honour(s, args.honour)
    emit(args, info.to_json(), f"已删除荣誉记录 {info.id}：{info.holder}{info.year}年“{info.name}”。")
    return 0


def _recommend(args, db) -> int:
    from app.services.yearend import honours as hon

    on = _day(args.date, "--date")
    with db.session() as s:
        branch_id = _branch(s, args, f"honours recommend --year {args.year} --member {args.member}")
        info = hon.recommend(s, branch_id, args.year, _member(s, args, branch_id), args.reason, on)
    emit(args, info.to_json(), f"已推荐{info.name}参评{info.year}年市“十佳学习型老干部”。")
    return 0


def _withdraw(args, db) -> int:
    from app.services.yearend import honours as hon

    with db.session() as s:
        info = hon.withdraw_recommendation(s, _branch(s, args, "honours withdraw"), args.year)
    emit(args, info.to_json(), f"已撤回对{info.name}的推荐（{info.year}年）。")
    return 0


def _outcome(args, db) -> int:
    from app.services.yearend import honours as hon

    with db.session() as s:
        info = hon.set_outcome(s, _branch(s, args, "honours outcome"), args.year, args.set)
    extra = "，已记入其荣誉" if info.outcome == "当选" else ""
    emit(args, info.to_json(), f"{info.name}{info.year}年市“十佳学习型老干部”评选结果：{info.outcome}{extra}。")
    return 0


def _print(args, db) -> int:
    from app.services.yearend.honours_print import export_honours

    with db.session() as s:
        branch_id = _branch(s, args, f"honours print --year {args.year} -o {Path(args.output).name}")
        result = export_honours(s, branch_id, args.year, Path(args.output))
    emit(args, result, f"已生成{args.year}年评先评优材料：{result['output']}（学习先进 "
                       f"{result['study_models']} 人，荣誉 {result['honours']} 项，竞赛活动 "
                       f"{result['contests']} 项，共 {result['pages']} 页）")
    return 0


def _contest_add(args, db) -> int:
    from app.services.yearend import contests as con

    on = _day(args.date, "--date")
    with db.session() as s:
        branch_id = _branch(s, args, f"contest add --name {args.name} --kind {args.kind}")
        info = con.add_contest(s, branch_id, args.name, args.kind, args.year, on, args.organiser,
                               args.full_marks, args.note)
    emit(args, info.to_json(), f"已登记竞赛活动：{info.name}（{info.kind}，{info.year}年），"
                               f"编号 {info.id}。")
    return 0


def _contest_entry(args, db) -> int:
    from app.services.yearend import contests as con

    with db.session() as s:
        branch_id = _branch(s, args, f"contest entry --contest {args.contest}")
        contest_id = find_contest(s, args.contest, branch_id, args.year)
        info = con.add_entry(s, contest_id, _member(s, args, branch_id), args.title, args.result,
                             args.score, args.note)
    what = "，".join(t for t in (info.title, info.result, info.score and f"{info.score}分") if t)
    emit(args, info.to_json(), f"已登记：{info.name}参加“{info.contest}”"
                               f"{'（' + what + '）' if what else ''}，参赛记录 {info.id}。")
    return 0


def _contest_list(args, db) -> int:
    from app.services.yearend.honour_figures import contest_entries_of_year
    from app.services.yearend import contests as con

    with db.session() as s:
        branch_id = _branch(s, args, f"contest list --year {args.year}")
        found = con.contests_of_year(s, branch_id, args.year)
        entries = contest_entries_of_year(s, branch_id, args.year)
    data = {"year": args.year, "contests": [
        {**c.to_json(), "entries": [e.to_json() for e in entries if e.contest_id == c.id]}
        for c in found]}
    lines = [f"{args.year}年竞赛活动 {len(found)} 项：" if found else f"{args.year}年没有登记竞赛活动。"]
    for c in found:
        lines.append(f"[{c.id}] {c.name}（{c.kind}）：{c.entries} 人，获奖 {c.prized} 人次")
        lines += [f"    {e.name} {e.title} {e.result} {e.score and e.score + '分'}".rstrip()
                  for e in entries if e.contest_id == c.id]
    emit(args, data, "\n".join(lines))
    return 0
