"""The ledger book's parts 1–3 as plain data (app.export.ledger_book_data): 党支部基本情况,
党员基本情况, 主题党日及组织生活情况. Each part is read from the use cases that already answer
it — the branch's settings, the committee, the roster, the year's meetings and their minutes,
the frequency check — never typed again."""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import committee_term
from app.dates import age_on, cn
from app.export.ledger_book_data import Facts, Part, Passage, Table
from app.models import Member
from app.services import roster
from app.services.branches import get_branch, study_point_lines
from app.services.orglife.committee import committee_posts
from app.services.orglife.frequency import frequency_check
from app.services.orglife.meetings import year_meetings
from app.services.orglife.minutes import read_minutes
from app.vocab import LEFT_STATUSES, STANDING_FULL


def year_end_ids(session: Session, branch_id: int, day: date) -> list[int]:
    """The members on the roster on `day` (the year's last day, or today), in roster order."""
    on_roster = roster.members_on_roster(session, branch_id, day)
    return list(session.scalars(select(Member.id).where(Member.id.in_(on_roster))
                                .order_by(Member.sort_order, Member.id)))


def _counts(session: Session, ids: list[int], day: date) -> list[tuple[str, str]]:
    kinds: Counter = Counter()
    for start in range(0, len(ids), 500):
        for is_member, standing, retire, gender, born in session.execute(
                select(Member.is_party_member, Member.party_standing, Member.retire_type,
                       Member.gender, Member.birth_date)
                .where(Member.id.in_(ids[start:start + 500]))):
            kinds["人"] += 1
            kinds["80岁及以上"] += (age_on(born, day) or 0) >= 80
            if is_member:
                kinds["党员"] += 1
                kinds["正式" if standing == STANDING_FULL else "预备"] += 1
            kinds[retire or "未填离退休"] += 1
            kinds[gender or "未填性别"] += 1
    return [("在册人数", f"{kinds['人']} 人，其中党员 {kinds['党员']} 人"),
            ("正式党员 / 预备党员", f"{kinds['正式']} 人 / {kinds['预备']} 人"),
            ("离休 / 退休", f"{kinds['离休']} 人 / {kinds['退休']} 人"
                          + (f"（未填 {kinds['未填离退休']} 人）" if kinds["未填离退休"] else "")),
            ("男 / 女", f"{kinds['男']} 人 / {kinds['女']} 人"),
            ("80岁及以上", f"{kinds['80岁及以上']} 人")]


def _committee(session: Session, branch_id: int, year: int) -> Table:
    first, last = date(year, 1, 1), date(year, 12, 31)
    posts = [p for p in committee_posts(session, branch_id, include_past=True)
             if p.from_date <= last and (p.until_date is None or p.until_date >= first)]
    rows = [(p.post, p.name, cn(p.elected_on), cn(p.from_date),
             cn(p.until_date) if p.until_date else "至今",
             cn(committee_term.term_end(p.elected_on))) for p in posts]
    return Table("（二）支部书记和支部委员会", ("职务", "姓名", "选举日期", "任职日期", "离任日期",
                                        "本届任期届满"), (1.1, 1, 1.5, 1.5, 1.5, 1.5), rows,
                 f"{year}年没有登记支部书记和支委会成员", centred=(0, 1, 2, 3, 4, 5))


def part_branch(session: Session, branch_id: int, year: int, day: date) -> Part:
    """1. 党支部基本情况: the branch's settings, its committee in the year, its members by kind."""
    info = get_branch(session, branch_id)
    points = study_point_lines(info.study_points)
    lines = [("支部名称", info.name), ("所属乡镇（街道）", info.township or "（未填写）"),
             ("支部书记", info.secretary or "（未填写）"), ("联系电话", info.phone or "（未填写）"),
             ("集中学习日", f"每月 {info.study_day} 日"),
             ("学习活动室", info.activity_room or "（未填写，可在“设置”中填写）"),
             ("学习点", "、".join(points) if points else "（未填写，可在“设置”中填写）")]
    counts = Facts(f"（三）党员构成（{cn(day)}）", _counts(session, year_end_ids(
        session, branch_id, day), day))
    return Part(1, "党支部基本情况", [Facts("（一）支部概况", lines),
                                    _committee(session, branch_id, year), counts])


def _changes(session: Session, branch_id: int, year: int) -> list[tuple[str, ...]]:
    first, last = date(year, 1, 1), date(year, 12, 31)
    rows = []
    for name, status, status_date, joined in session.execute(
            select(Member.name, Member.status, Member.status_date, Member.joined_date)
            .where(Member.branch_id == branch_id)
            .order_by(Member.sort_order, Member.id)):
        if joined and first <= joined <= last:
            rows.append((joined, name, "新增"))
        if status in (*LEFT_STATUSES, "暂离") and status_date and first <= status_date <= last:
            rows.append((status_date, name, status))
    rows.sort(key=lambda r: r[0])
    return [(str(i), name, what, cn(day)) for i, (day, name, what) in enumerate(rows, start=1)]


ROSTER_PICK = (0, 1, 2, 3, 5, 6, 7, 8, 9)  # of roster.ROSTER_COLUMNS: no address, living …


def part_members(session: Session, branch_id: int, year: int, day: date) -> Part:
    """2. 党员基本情况: the roster on the year's last day (ID numbers masked), and who came
    and who left during the year."""
    ids = year_end_ids(session, branch_id, day)
    found = roster.roster_rows(session, ids, on=day)  # masked: full_id is never asked for
    rows = []
    for n, member_id in enumerate(ids, start=1):
        values = found[member_id]
        rows.append((str(n), *(str(values[i]) for i in ROSTER_PICK[1:])))
    headers = tuple(roster.ROSTER_COLUMNS[i] for i in ROSTER_PICK)
    roster_table = Table(f"（一）党员名册（{cn(day)}在册 {len(rows)} 人，身份证号已隐去中间数字）",
                         headers, (0.7, 1.2, 0.6, 0.6, 0.8, 0.7, 2.6, 2.1, 1.6), rows,
                         "名册上没有人", centred=(0, 2, 3, 4, 5))
    changes = Table(f"（二）{year}年党员变动情况", ("序号", "姓名", "变动", "日期"),
                    (0.6, 1.5, 2, 2), _changes(session, branch_id, year),
                    f"{year}年名册没有变动", centred=(0, 1, 2, 3))
    return Part(2, "党员基本情况", [roster_table, changes])


def _meeting_rows(meetings) -> list[tuple[str, ...]]:
    rows = []
    for n, m in enumerate(meetings, start=1):
        e = m.event
        attended = e.present + e.delivered
        rows.append((str(n), cn(e.date), e.kind, e.topic, str(e.expected), str(attended),
                     str(e.leave), str(e.absent), "有" if m.written else "无"))
    return rows


def _minutes(session: Session, meetings) -> list[Passage]:
    passages = []
    for m in meetings:
        if not m.written:
            continue
        got = read_minutes(session, m.id)
        f = got.fields
        head = [t for t in (f"时间：{cn(got.day)} {f.start_time}".rstrip(),
                            f"地点：{f.place}" if f.place else "",
                            f"主持人：{f.host}" if f.host else "",
                            f"记录人：{f.recorder}" if f.recorder else "",
                            f"出席情况：{got.attendees.text()}") if t]
        body = "\n".join(head + ([f"内容：{f.content}"] if f.content else [])
                         + ([f"决议 / 决定事项：{f.decisions}"] if f.decisions else []))
        passages.append(Passage(f"{cn(got.day)} {got.kind}：{f.topic or '（无主题）'}", body))
    return passages


def part_meetings(session: Session, branch_id: int, year: int, day: date) -> Part:
    """3. 主题党日及组织生活情况: every event held in the year with its attendance, the
    frequency check as it stood at the year's end, and each meeting's minutes."""
    meetings = [m for m in year_meetings(session, branch_id, year)
                if not m.event.cancelled and m.event.date <= day]  # held, not planned
    table = Table(f"（一）{year}年主题党日、“三会一课”及学习活动（{len(meetings)} 次）",
                  ("序号", "日期", "类别", "主题", "应到", "实到", "请假", "缺席", "记录"),
                  (0.6, 1.9, 1.5, 3.4, 0.7, 0.7, 0.7, 0.7, 0.7), _meeting_rows(meetings),
                  f"{year}年没有登记学习活动和会议", centred=(0, 1, 2, 4, 5, 6, 7, 8))
    checks = []
    for k in frequency_check(session, branch_id, year, day):
        required = "不召开" if k.off else f"{k.required} 次"
        missed = "、".join(k.missed) if k.missed else ("—" if k.off else "无")
        checks.append((k.kind, k.frequency, required, f"{k.held} 次", missed, k.note))
    frequency = Table(f"（二）组织生活次数核对（截至{cn(day)}）",
                      ("会议类别", "要求", "全年应开", "已开", "缺开的时段", "说明"),
                      (1.6, 0.9, 1, 0.9, 2.2, 2.2), checks, "", centred=(1, 2, 3))
    minutes = _minutes(session, meetings)
    said = (f"{year}年有 {len(minutes)} 次活动填写了会议记录，按日期排列如下。" if minutes
            else f"{year}年还没有填写会议记录。")
    return Part(3, "主题党日及组织生活情况",
                [table, frequency, Passage("（三）会议记录", said), *minutes])
