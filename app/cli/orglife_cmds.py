"""`zhibu events`, `zhibu print-minutes` and `zhibu org-life …`: organisation life from the
command line (spec/org-life.md).

    zhibu events --year Y [--json]                       the year's events and meetings, with ids
    zhibu print-minutes --event ID -o FILE.pdf           the 会议记录, the sign-in sheet after it
    zhibu org-life check --year Y [--as-of D] [--json]   each kind: held, required, missing
    zhibu org-life kinds [--not-held 党小组会 …] [--study-day-counts yes|no]   the branch's kinds

`org-life check --json` prints the dict of app.services.orglife.checks.org_life_check; the
talks, the committee and the appraisal add their own keys to it. Handlers import what they
need inside themselves (app/cli/__init__.py says why).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.cli import emit
from app.errors import InputError
from app.vocab import MEETING_KINDS
from app.cli.options import branch_option as _branch

_BRANCH = "支部名称（数据库里只有一个支部时可省略）"


def register(sub) -> None:
    e = sub.add_parser("events", help="一年的学习活动和会议（带编号，打印会议记录时要用）")
    e.add_argument("--year", type=int, required=True, help="年度")
    e.add_argument("--meetings-only", action="store_true",
                   help="只列三会一课、主题党日、组织生活会、民主评议党员")
    _common(e)
    e.set_defaults(func=_events)
    p = sub.add_parser("print-minutes", help="打印一次会议的会议记录（PDF），后附签到表")
    p.add_argument("--event", type=int, required=True, metavar="ID",
                   help="活动或会议的编号（zhibu events 可查）")
    p.add_argument("-o", "--output", required=True, help="保存为（.pdf）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    p.set_defaults(func=_print_minutes)
    o = sub.add_parser("org-life", help="组织生活：会议次数检查、本支部开展的会议种类")
    life = o.add_subparsers(dest="orglife_command", metavar="组织生活子命令",
                            parser_class=type(o))
    life.required = True
    c = life.add_parser("check", help="每种会议：已开几次、应开几次、本季度还缺什么")
    c.add_argument("--year", type=int, required=True, help="年度")
    c.add_argument("--as-of", metavar="D", help="算到哪一天（默认今天）")
    _common(c)
    c.set_defaults(func=_check)
    k = life.add_parser("kinds", help="查看或设置本支部不开展的会议、集中学习日是否算作主题党日")
    k.add_argument("--not-held", nargs="*", metavar="会议", default=None,
                   help=f"本支部不开展的会议（可写多个；不写名称表示全部开展）：{'、'.join(MEETING_KINDS)}")
    k.add_argument("--study-day-counts", choices=("yes", "no"),
                   help="集中学习日是否算作当月的主题党日")
    _common(k)
    k.set_defaults(func=_kinds)


def _common(parser) -> None:
    parser.add_argument("--branch", help=_BRANCH)
    parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")



def _as_of(text: str | None) -> date:
    from app.dates import parse_loose

    if text is None:
        return date.today()
    try:
        day, month_only = parse_loose(text)
    except ValueError as exc:
        raise InputError(f"--as-of：{exc}") from None
    if day is None or month_only:
        raise InputError(f"--as-of“{text}”要写到哪一天，如 2026-06-30")
    return day


def _year(year: int) -> int:
    if not 2000 <= year <= 2100:
        raise InputError(f"--year 应在 2000 到 2100 之间，而不是 {year}")
    return year


def _events(args, db) -> int:
    from app.services.orglife.meetings import year_meetings

    today = date.today()
    with db.session() as s:
        branch_id = _branch(s, args, f"events --year {args.year}")
        rows = year_meetings(s, branch_id, _year(args.year), meetings_only=args.meetings_only)
    data = {"year": args.year, "events": [r.to_json(today) for r in rows]}
    if not rows:
        emit(args, data, f"{args.year}年没有学习活动或会议。")
        return 0
    lines = [f"{args.year}年共 {len(rows)} 次学习活动和会议（编号用于 zhibu print-minutes --event）："]
    for r in rows:
        e = r.event
        lines.append(f"编号 {e.id}　{e.date:%Y-%m-%d}　{e.kind}　{e.topic or '（无主题）'}　"
                     f"应到 {e.expected} 出席 {e.present} 送学上门 {e.delivered} 请假 {e.leave} "
                     f"缺席 {e.absent}　会议记录：{r.state(today)}")
    emit(args, data, "\n".join(lines))
    return 0


def _print_minutes(args, db) -> int:
    from app.services.orglife.minutes import print_minutes

    out = Path(args.output)
    if out.suffix.lower() != ".pdf":
        raise InputError(f"输出文件应以 .pdf 结尾：{args.output}")
    with db.session() as s:
        result = print_minutes(s, args.event, out)
    emit(args, result, f"已生成会议记录：{out}（{result['date']} {result['kind']}，会议记录 "
                       f"{result['pages']} 页，签到表 {result['signin_pages']} 页）")
    return 0


def _check(args, db) -> int:
    from app.services.orglife.checks import org_life_check

    as_of = _as_of(args.as_of)
    with db.session() as s:
        branch_id = _branch(s, args, f"org-life check --year {args.year}")
        data = org_life_check(s, branch_id, _year(args.year), as_of)
    lines = [f"{args.year}年组织生活会议（截至{as_of:%Y-%m-%d}）："]
    for k in data["kinds"]:
        if k["off"]:
            lines.append(f"  {k['kind']}：本支部不开展")
            continue
        line = f"  {k['kind']}（{k['frequency']}）：已开 {k['held']} 次，全年应开 {k['required']} 次"
        if k["planned"]:
            line += f"，已安排 {k['planned']} 次"
        if k["missed"]:
            line += f"；{'、'.join(k['missed'])}没有开"
        if k["sentence"]:
            line += f"【{k['sentence']}】"
        lines.append(line)
    lines += _other_lines(data)
    emit(args, data, "\n".join(lines))
    return 0


def _other_lines(data: dict) -> list[str]:
    """The talks', the committee's and the appraisal's lines of `org-life check`."""
    lines = []
    if "talks" in data:
        talks = data["talks"]
        lines.append(f"谈心谈话：{talks['members']} 名党员，已谈 {talks['covered']} 人")
    if "committee" in data:
        c = data["committee"]
        lines.append(f"支委会任期：{'至 ' + c['term_ends'] if c['term_ends'] else '未登记'}"
                     + (f"【{c['warning']}】" if c["warning"] else ""))
    if "appraisal" in data:
        lines.append("民主评议党员：" + ("已完成" if data["appraisal"]["done"] else "尚未完成"))
    return lines


def _kinds(args, db) -> int:
    from app.services.orglife.kinds import meeting_settings, set_meeting_settings

    with db.session() as s:
        branch_id = _branch(s, args, "org-life kinds --not-held 党小组会")
        now = meeting_settings(s, branch_id)
        if args.not_held is not None or args.study_day_counts is not None:
            not_held = now.not_held if args.not_held is None else args.not_held
            counts = (now.study_day_counts if args.study_day_counts is None
                      else args.study_day_counts == "yes")
            now = set_meeting_settings(s, branch_id, not_held, counts)
    data = {"not_held": list(now.not_held), "study_day_counts": now.study_day_counts}
    held = [k for k in MEETING_KINDS if now.holds(k)]
    emit(args, data, f"本支部开展：{'、'.join(held) or '无'}\n"
                     f"不开展：{'、'.join(now.not_held) or '无'}\n"
                     f"集中学习日{'算作' if now.study_day_counts else '不算作'}当月的主题党日")
    return 0
