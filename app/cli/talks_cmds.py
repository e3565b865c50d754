"""`zhibu talks|committee|quorum|exclusions`: talks, the committee and a vote's count from the
command line (spec/org-life.md).

    zhibu talks add --with NAME_OR_ID --by NAME_OR_ID [--date D] [--how 当面] [--topic …]
                    [--opinions …] [--follow-up …]
    zhibu talks list [--year Y] [--json]
    zhibu talks coverage --year Y [--as-of D] [--json]
    zhibu committee show [--as-of D] [--json]
    zhibu committee set --elected D --post 书记=张三 [--post 组织委员=李四 …] [--add [--from D]]
    zhibu committee end --member NAME_OR_ID --until D
    zhibu exclusions add|list …
    zhibu quorum --event ID [--json]

`talks_part` and `committee_part` give the two pieces of `zhibu org-life check`'s JSON. Bad
input exits 2 with a Chinese sentence, nothing stored.
"""

from __future__ import annotations

from datetime import date

from app.cli import emit
from app.errors import InputError
from app.vocab import COMMITTEE_POSTS, EXCLUSION_CATEGORIES, TALK_WAY_DEFAULT, TALK_WAYS
from app.cli.options import branch_option as _branch, day_option as _day

# A handler imports the use cases it needs inside itself: start-up time of every command
# (app/cli/__init__.py).

_BRANCH = "支部名称（数据库里只有一个支部时可省略）"


def register(sub) -> None:
    _register_talks(sub)
    _register_committee(sub)
    _register_exclusions(sub)
    q = sub.add_parser("quorum", help="一次会议的到会人数是否超过应到会人数的五分之四")
    q.add_argument("--event", type=int, required=True, metavar="ID",
                   help="会议（学习活动）编号，出席人数取自已登记的出勤")
    q.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    q.set_defaults(func=_quorum)


def _common(parser, json: bool = True) -> None:
    parser.add_argument("--branch", help=_BRANCH)
    if json:
        parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")


def _register_talks(sub) -> None:
    p = sub.add_parser("talks", help="谈心谈话：登记、列表、谁还没有谈")
    talks = p.add_subparsers(dest="talks_command", metavar="谈心谈话子命令", parser_class=type(p))
    talks.required = True
    a = talks.add_parser("add", help="登记一次谈心谈话")
    a.add_argument("--with", dest="partner", required=True, metavar="NAME_OR_ID",
                   help="谈话对象（本支部党员的姓名或编号）")
    a.add_argument("--by", required=True, metavar="NAME_OR_ID",
                   help="谈话人：本支部党员的姓名或编号，不是本支部党员的直接写姓名")
    a.add_argument("--date", metavar="D", help="谈话日期（默认今天）")
    a.add_argument("--how", default=TALK_WAY_DEFAULT,
                   help=f"谈话方式：{'、'.join(TALK_WAYS)}（默认{TALK_WAY_DEFAULT}）")
    a.add_argument("--topic", default="", help="谈话内容")
    a.add_argument("--opinions", default="", help="提出的意见建议")
    a.add_argument("--follow-up", default="", help="后续落实情况")
    _common(a)
    a.set_defaults(func=_talks_add)
    li = talks.add_parser("list", help="一年的谈话记录")
    li.add_argument("--year", type=int, help="年度（默认今年）")
    _common(li)
    li.set_defaults(func=_talks_list)
    c = talks.add_parser("coverage", help="一年里每名党员谈过没有、谁谈的、哪天谈的")
    c.add_argument("--year", type=int, help="年度（默认今年）")
    c.add_argument("--as-of", metavar="D", help="算到哪一天（默认今天，或那一年的年底）")
    _common(c)
    c.set_defaults(func=_talks_coverage)


def _register_committee(sub) -> None:
    p = sub.add_parser("committee", help="支部委员会：成员、任期、换届提醒")
    com = p.add_subparsers(dest="committee_command", metavar="支委会子命令", parser_class=type(p))
    com.required = True
    s = com.add_parser("show", help="现任支委会成员、任期届满日期和提醒")
    s.add_argument("--as-of", metavar="D", help="哪一天的情况（默认今天）")
    _common(s)
    s.set_defaults(func=_committee_show)
    t = com.add_parser("set", help="登记换届选举结果（或加 --add 增补）")
    t.add_argument("--elected", metavar="D", help="换届选举日期（--add 时默认为本届的选举日期）")
    t.add_argument("--post", action="append", required=True, metavar="职务=姓名",
                   help=f"如 书记=张建国；职务：{'、'.join(COMMITTEE_POSTS)}；可写多次")
    t.add_argument("--add", action="store_true", help="增补：不改动现任成员，只增加这些职务")
    t.add_argument("--from", dest="from_date", metavar="D", help="增补成员的任职日期（默认今天）")
    _common(t)
    t.set_defaults(func=_committee_set)
    e = com.add_parser("end", help="一名成员离任")
    e.add_argument("--member", required=True, metavar="NAME_OR_ID", help="党员姓名或编号")
    e.add_argument("--until", required=True, metavar="D", help="离任日期")
    _common(e)
    e.set_defaults(func=_committee_end)


def _register_exclusions(sub) -> None:
    p = sub.add_parser("exclusions", help="经批准不计入表决人数的党员（年老体弱卧床不起等）")
    ex = p.add_subparsers(dest="exclusions_command", metavar="子命令", parser_class=type(p))
    ex.required = True
    a = ex.add_parser("add", help="登记一名经批准不计入表决人数的党员")
    a.add_argument("--member", required=True, metavar="NAME_OR_ID", help="党员姓名或编号")
    a.add_argument("--year", type=int, help="年度（默认今年）")
    a.add_argument("--category", required=True, help=f"类别：{'、'.join(EXCLUSION_CATEGORIES)}")
    a.add_argument("--reason", default="", help="具体原因（必填）")
    a.add_argument("--approved-by", default="", help="批准人或批准的党组织（必填）")
    a.add_argument("--approved-on", metavar="D", help="批准日期（必填）")
    _common(a)
    a.set_defaults(func=_exclusions_add)
    li = ex.add_parser("list", help="一年里经批准不计入表决人数的党员")
    li.add_argument("--year", type=int, help="年度（默认今年）")
    _common(li)
    li.set_defaults(func=_exclusions_list)


# helpers --------------------------------------------------------------------------------------


def _member(session, text: str, branch_id: int) -> int:
    from app.cli.care_cmds import find_member

    return find_member(session, text, branch_id)


def _talker(session, text: str, branch_id: int) -> tuple[int | None, str]:
    """--by: a member of the branch (id, or a name only one member has), else a free name."""
    from sqlalchemy import select

    from app.models import Member

    text = (text or "").strip()
    if text.isdigit():
        return _member(session, text, branch_id), ""
    ids = session.scalars(select(Member.id).where(Member.branch_id == branch_id,
                                                  Member.name == text)).all()
    if len(ids) > 1:
        raise InputError(f"有 {len(ids)} 位党员叫“{text}”，--by 请改用编号")
    return (ids[0], "") if ids else (None, text)


def _year(args) -> int:
    return args.year or date.today().year


# talks ----------------------------------------------------------------------------------------
def _talks_add(args, db) -> int:
    from app.services.orglife import talks

    day = _day(args.date, "--date") or date.today()
    with db.session() as s:
        branch_id = _branch(s, args, f"talks add --with {args.partner} --by {args.by}")
        partner = _member(s, args.partner, branch_id)
        talker_id, talker_name = _talker(s, args.by, branch_id)
        talk_id = talks.record_talk(s, branch_id, talks.TalkInput(
            partner, day, talker_id, talker_name, args.how, args.topic, args.opinions,
            args.follow_up))
        row = next(r for r in talks.talks_in_year(s, branch_id, day.year) if r.talk_id == talk_id)
    emit(args, row.to_json(), f"已登记谈心谈话：{row.talker_name}与{row.member_name}，"
                              f"{row.date:%Y-%m-%d}，{row.how}（谈话记录 {talk_id}）。")
    return 0


def _talks_list(args, db) -> int:
    from app.services.orglife import talks

    year = _year(args)
    with db.session() as s:
        rows = talks.talks_in_year(s, _branch(s, args, "talks list"), year)
    lines = [f"{year}年谈心谈话 {len(rows)} 次："] + [
        f"  {r.date:%Y-%m-%d}　{r.talker_name} → {r.member_name}　{r.how}　{r.topic}"
        + (f"　意见：{r.opinions}" if r.opinions else "") for r in rows]
    emit(args, {"year": year, "talks": [r.to_json() for r in rows]}, "\n".join(lines))
    return 0


def _talks_coverage(args, db) -> int:
    from app.services.orglife.coverage import talks_coverage

    year = _year(args)
    with db.session() as s:
        cov = talks_coverage(s, _branch(s, args, f"talks coverage --year {year}"), year,
                             _day(args.as_of, "--as-of"))
    lines = [f"{year}年（截至{cov.as_of:%Y-%m-%d}）应谈 {cov.members} 人，已谈 {cov.covered} 人，"
             f"还有 {len(cov.missing)} 人没有谈。"]
    if cov.missing:
        lines.append("还没有谈的：" + "、".join(r.name for r in cov.missing))
    emit(args, cov.to_json(), "\n".join(lines))
    return 0


# committee ------------------------------------------------------------------------------------
def _committee_show(args, db) -> int:
    from app.services.orglife.committee import committee_status

    with db.session() as s:
        status = committee_status(s, _branch(s, args, "committee show"),
                                  _day(args.as_of, "--as-of") or date.today())
    lines = [f"  {p.post}：{p.name}（{p.from_date:%Y-%m-%d} 起）" for p in status.posts]
    if status.term_ends:
        lines.insert(0, f"本届于 {status.elected_on:%Y-%m-%d} 选举产生，任期至 "
                        f"{status.term_ends:%Y-%m-%d}。")
    lines += [status.rule] + status.notes + ([f"▲ {status.warning}"] if status.warning else [])
    emit(args, status.to_json(), "\n".join(lines))
    return 0


def _posts(session, args, branch_id: int) -> list[tuple[str, int]]:
    posts = []
    for text in args.post:
        post, sep, who = text.partition("=")
        if not sep or not who.strip() or post.strip() not in COMMITTEE_POSTS:
            raise InputError(f"--post “{text}”应写成 职务=姓名，如 书记=张建国；"
                             f"职务：{'、'.join(COMMITTEE_POSTS)}")
        posts.append((post.strip(), _member(session, who.strip(), branch_id)))
    return posts


def _committee_set(args, db) -> int:
    from app.services.orglife import committee as c

    elected = _day(args.elected, "--elected")
    with db.session() as s:
        branch_id = _branch(s, args, "committee set --elected 2026-03-31 --post 书记=张建国")
        posts = _posts(s, args, branch_id)
        if args.add:
            elected = elected or c.committee_status(s, branch_id).elected_on
            if elected is None:
                raise InputError("还没有登记本届支委会，请先不加 --add 登记换届选举结果")
            start = _day(args.from_date, "--from") or date.today()
            for post, member_id in posts:
                c.set_post(s, branch_id, c.PostInput(member_id, post, start, None, elected,
                                                     "增补"))
        else:
            if elected is None:
                raise InputError("请用 --elected 写换届选举的日期，如 --elected 2026-03-31")
            c.elect_committee(s, branch_id, elected, posts)
        status = c.committee_status(s, branch_id)
    emit(args, status.to_json(), ("已增补" if args.add else "已登记换届选举结果") + "："
         + "、".join(f"{p.post}{p.name}" for p in status.posts)
         + (f"。任期至 {status.term_ends:%Y-%m-%d}。" if status.term_ends else "。"))
    return 0


def _committee_end(args, db) -> int:
    from app.services.orglife import committee as c

    until = _day(args.until, "--until")
    with db.session() as s:
        branch_id = _branch(s, args, f"committee end --member {args.member} --until {args.until}")
        member_id = _member(s, args.member, branch_id)
        held = [p for p in c.committee_posts(s, branch_id) if p.member_id == member_id]
        if not held:
            raise InputError(f"“{args.member}”现在没有担任支委会职务")
        c.end_post(s, held[0].post_id, until)
    emit(args, {"post_id": held[0].post_id, "until": f"{until:%Y-%m-%d}"},
         f"已登记：{held[0].name}于 {until:%Y-%m-%d} 离任{held[0].post}。")
    return 0


# exclusions and the quorum --------------------------------------------------------------------
def _exclusions_add(args, db) -> int:
    from app.services.orglife import votes

    year = _year(args)
    with db.session() as s:
        branch_id = _branch(s, args, f"exclusions add --member {args.member}")
        member_id = _member(s, args.member, branch_id)
        votes.set_exclusion(s, branch_id, votes.ExclusionInput(
            member_id, year, args.category, args.reason, args.approved_by,
            _day(args.approved_on, "--approved-on")))
        row = next(e for e in votes.excluded_members(s, branch_id, year)
                   if e.member_id == member_id)
    emit(args, row.to_json(), f"已登记：{row.name}{year}年不计入表决人数（{row.category}，"
                              f"{row.approved_by} {row.approved_on:%Y-%m-%d} 批准）。")
    return 0


def _exclusions_list(args, db) -> int:
    from app.services.orglife import votes

    year = _year(args)
    with db.session() as s:
        rows = votes.excluded_members(s, _branch(s, args, "exclusions list"), year)
    lines = [f"{year}年经批准不计入表决人数 {len(rows)} 人："] + [
        f"  {r.name}　{r.category}　{r.reason}　{r.approved_by} {r.approved_on:%Y-%m-%d} 批准"
        for r in rows]
    emit(args, {"year": year, "excluded": [r.to_json() for r in rows]}, "\n".join(lines))
    return 0


def _quorum(args, db) -> int:
    from app.models import StudyEvent
    from app.services.orglife.votes import event_quorum

    with db.session() as s:
        result = event_quorum(s, args.event)
        event = s.get_one(StudyEvent, args.event)
        title = f"{event.date:%Y-%m-%d} {event.kind}" + (f"“{event.topic}”" if event.topic else "")
    data = {"event_id": args.event, **result.to_json()}
    lines = [title, result.sentence()]
    if result.excluded:
        lines.append("不计入：" + "；".join(f"{e.name}（{e.category}：{e.reason}）"
                                          for e in result.excluded))
    emit(args, data, "\n".join(lines))
    return 0


def talks_part(session, branch_id: int, year: int, as_of: date | None = None) -> dict:
    """{"talks": {"members": n, "covered": m}} for `zhibu org-life check`."""
    from app.services.orglife.checks import talks_check

    return talks_check(session, branch_id, year, as_of)


def committee_part(session, branch_id: int, today: date | None = None) -> dict:
    """{"committee": {"term_ends": "YYYY-MM-DD" or null, "warning": null or "…"}}"""
    from app.services.orglife.checks import committee_check

    return committee_check(session, branch_id, today)
